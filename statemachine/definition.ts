import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workflow's definition file, read by CDK (`DefinitionBody.fromFile`) and by the local engine. */
export const DEFINITION_FILE = join(import.meta.dirname, 'delivery-lifecycle.asl.json');

/** The `${…}` substitutions the definition needs, as CDK's `definitionSubstitutions`. */
export interface DefinitionSubstitutions {
  readonly WorkflowFunctionArn: string;
}

/**
 * The definition with its substitutions made, parsed: what Step Functions runs. Every `${name}` must
 * have a value, so that a new placeholder cannot go unnoticed.
 */
export const loadDefinition = (substitutions: DefinitionSubstitutions): Record<string, unknown> => {
  const values: Readonly<Record<string, string>> = { ...substitutions };
  const text = readFileSync(DEFINITION_FILE, 'utf8').replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the definition needs a substitution for \${${name}}`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
};
