import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

/**
 * Writes `schema.graphql` from the Pothos schema; `--check` fails (exit 1) when the file is stale
 * instead of writing it. `--file <path>` targets another file (tests use it).
 */
const { values } = parseArgs({ options: { check: { type: 'boolean' }, file: { type: 'string' } } });
const file = values.file ?? new URL('../schema.graphql', import.meta.url).pathname;
const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;

if (values.check) {
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current !== printed) {
    process.stderr.write(`${file} is stale: run \`npm run print-schema\` and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(`${file} is up to date.\n`);
} else {
  await writeFile(file, printed);
  process.stdout.write(`wrote ${file}\n`);
}
