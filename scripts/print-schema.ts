import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

/**
 * Writes `schema.graphql` (the served schema, as clients see it) and `schema.subgraph.graphql` (the
 * Federation SDL with `@key`; graphql's printer drops directives, so it uses `printSubgraphSchema`).
 * `--check` fails (exit 1) when a checked-in file is stale instead of writing it; `--dir` targets
 * another directory (tests use it).
 */
const { values } = parseArgs({ options: { check: { type: 'boolean' }, dir: { type: 'string' } } });
const dir = values.dir ?? new URL('..', import.meta.url).pathname;
const artifacts = [
  { file: join(dir, 'schema.graphql'), text: `${printSchema(lexicographicSortSchema(schema))}\n` },
  { file: join(dir, 'schema.subgraph.graphql'), text: `${printSubgraphSchema(schema)}\n` },
];

let stale = false;
for (const { file, text } of artifacts) {
  if (values.check) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== text) {
      process.stderr.write(`${file} is stale: run \`npm run print-schema\` and commit the result.\n`);
      stale = true;
    } else process.stdout.write(`${file} is up to date.\n`);
  } else {
    await writeFile(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
if (stale) process.exit(1);
