import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Limits on the shape of an operation, checked before anything runs (graphql-armor), tuned for
 * Relay connections (measured on the GraphiQL tabs and the integration tests' operations):
 *
 * - depth 12 fields (fragments flattened: `... on X` adds no level). `edges.node` costs two levels;
 *   the deepest operation of the tests (a page of audiences with a three-level algebra) is 9.
 * - cost 20,000 (armor's model: 2 per object, 1 per scalar, x1.5 per level, x`first`/`last` of a
 *   connection). One `first: 100` page of audiences with their segments and both sizes is ~6,100; a
 *   page of 100 segments with every member's settings ~4,100; so about three full pages per operation.
 * - 30 aliases, 5,000 tokens (send contact identifiers as variables: they do not count), 50 directives.
 *
 * Rejections are client-visible GraphQL errors that name the limit and the value found.
 */
export const ARMOR_LIMITS = {
  maxDepth: 12,
  maxCost: 20_000,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
} as const;

export interface ArmorOptions {
  limits?: Partial<typeof ARMOR_LIMITS>;
  /** Hide "Did you mean …?" suggestions (they reveal the schema when introspection is off). */
  blockFieldSuggestions?: boolean;
}

/**
 * Armor throws its validation rejections as "Syntax Error: …"; reported through the validation
 * context instead, they are ordinary validation errors (`GRAPHQL_VALIDATION_FAILED`, all of them at
 * once). The token limit acts in the parser, before validation: it stays a parse error.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ),
  ],
};

export function useArmor(options: ArmorOptions = {}): Plugin {
  const limits = { ...ARMOR_LIMITS, ...options.limits };
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...asValidationError },
    costLimit: {
      maxCost: limits.maxCost,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...asValidationError,
    },
    maxAliases: { n: limits.maxAliases, ...asValidationError },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives, ...asValidationError },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions ?? false },
  }) as Plugin;
}
