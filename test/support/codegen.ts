import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CodegenConfig, generate } from '@graphql-codegen/cli';
import { expect } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Asserts that the checked-in output of a GraphQL Code Generator config is what the generator makes
 * of the checked-in schema and documents now (`npm run codegen` regenerates both configs).
 */
export async function expectGeneratedUpToDate(config: CodegenConfig): Promise<void> {
  const files = (await generate(config, false)) as { filename: string; content: string }[];
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const checkedIn = readFileSync(file.filename, 'utf8');
    expect(
      checkedIn === file.content,
      `${relative(root, file.filename)} is stale: run \`npm run codegen\` and commit the result`,
    ).toBe(true);
  }
}
