/**
 * The tests' own typed documents (`test/graphql/`): the checked-in generated code is what GraphQL Code
 * Generator makes of the checked-in schema and every `graphql(…)` call under test/, so a test's
 * result types cannot drift from the operations it sends.
 */
import { describe, it } from 'vitest';
import { codegenConfig } from '../codegen.js';
import { expectGeneratedUpToDate } from '../support/codegen.js';

describe('test/graphql: generated test documents', () => {
  it('are up to date with schema.graphql and the tests (else run `npm run codegen`)', async () => {
    await expectGeneratedUpToDate(codegenConfig());
  }, 30_000);
});
