import type { z } from 'zod';

/** One offending field of an input. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Each zod issue as the field it is about (unknown keys named one by one), under `prefix`. */
export const fieldIssues = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at === '' ? key : `${at}.${key}`, message: 'unknown field' }));
    }
    return [{ field: at === '' ? (prefix === '' ? 'body' : prefix) : at, message: issue.message }];
  });
