import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publishedJsonSchemas, schemaFileText } from '#schemas/json-schemas.ts';

/** Writes every published JSON Schema to functions/schemas/generated/ (and removes stale ones). */
const directory = join(import.meta.dirname, '..', 'functions', 'schemas', 'generated');
const schemas = publishedJsonSchemas();
await mkdir(directory, { recursive: true });
for (const file of await readdir(directory)) {
  if (!(file in schemas)) await rm(join(directory, file));
}
for (const [file, schema] of Object.entries(schemas)) await writeFile(join(directory, file), schemaFileText(schema));
console.log(`wrote ${Object.keys(schemas).length} schemas to ${directory}`);
