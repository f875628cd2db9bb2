/**
 * Typed test documents: GraphQL Code Generator's client preset turns every `graphql(`…`)` call in the
 * tests into a `TypedDocumentNode` (`test/graphql/`), so a test reads its results without casts.
 * Only `graphql(…)` calls are documents: `/* GraphQL *\/` strings stay plain strings (queries built at
 * run time, deliberately invalid ones). Run `npm run codegen` after changing one; a test fails on stale output.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = new URL('.', import.meta.url).pathname;

/** The config, writing into `outDir` (the freshness test generates into memory and compares). */
export function codegenConfig(outDir = `${here}graphql/`): CodegenConfig {
  return {
    schema: `${here}../schema.graphql`,
    documents: [`${here}integration/*.ts`, `${here}contract/**/*.ts`, `${here}support/*.ts`],
    // A magic comment no file writes: `/* GraphQL */` marks editor highlighting, not a document.
    pluckConfig: { globalGqlIdentifierName: 'graphql', gqlMagicComment: 'typed test document' },
    ignoreNoDocuments: false,
    silent: true,
    generates: {
      [outDir]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          useTypeImports: true,
          enumsAsTypes: true,
          skipTypename: false,
          strictScalars: true,
          scalars: { DateTime: 'string', SafeInt: 'number', File: 'unknown', _Any: 'unknown' },
        },
      },
    },
    emitLegacyCommonJSImports: false,
  };
}

export default codegenConfig();
