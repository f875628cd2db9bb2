/**
 * Typed operations for frontends: GraphQL Code Generator's client preset turns the checked-in
 * `schema.graphql` and `operations/*.graphql` into TypeScript types and `TypedDocumentNode`s.
 * Run `npm run codegen` after changing the schema or an operation; the test suite fails on stale output.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = new URL('.', import.meta.url).pathname;

/** The config, writing into `outDir` (the test generates into a temporary directory to compare). */
export function codegenConfig(outDir = `${here}generated/`): CodegenConfig {
  return {
    schema: `${here}../../schema.graphql`,
    documents: [`${here}operations/*.graphql`],
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
          scalars: { DateTime: 'string', SafeInt: 'number', File: 'never', _Any: 'unknown' },
        },
      },
    },
    emitLegacyCommonJSImports: false,
  };
}

export default codegenConfig();
