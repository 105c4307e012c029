import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini comes without messages: the English ones the classic API set, configured (for the whole
// process) here, where issues become the 400 details and the error texts the service reports.
z.config(en());

/** One offending field of an input. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Each zod issue as the field it is about (unknown keys named one by one), under `prefix`. */
export const fieldIssues = (error: z.core.$ZodError, prefix = ''): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at === '' ? key : `${at}.${key}`, message: 'unknown field' }));
    }
    return [{ field: at === '' ? (prefix === '' ? 'body' : prefix) : at, message: issue.message }];
  });

/** Every zod issue as `path: message`, separated by `; `. */
export const issuesText = (error: z.core.$ZodError): string => error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
