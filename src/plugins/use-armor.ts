import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Limits on the shape of an operation, checked before anything runs (graphql-armor). Each can be
 * changed by an environment variable (`MAX_OPERATION_COST`, `MAX_OPERATION_DEPTH`,
 * `MAX_OPERATION_TOKENS`).
 *
 * - cost 50,000, counted as the most values the response can hold: 2 per object, 1 per scalar,
 *   times the literal `first`/`last` of each connection above it (armor's model with its depth
 *   factor at 1). Armor's default factor of 1.5 per level weighs a field by 1.5^depth, which models
 *   nothing here (every level is resolved by batched loaders) and only punished the algebra's fixed
 *   recursion. Fragments on a union all count, as if each item were of every member. Every example
 *   operation (GraphiQL tabs, `examples/frontend`, README) costs at most 5,400 with `first: 100`; a
 *   page of 100 segments selecting every field of every member and of the seed segment costs 33,200;
 *   ten aliased pages of 100 audiences with their segments and sizes 18,000; 30 aliased full pages
 *   of segments about 1,000,000 (refused). Blind spot: a page size given by a variable or left to its
 *   default counts as 1; the upstream-calls limit (use-upstream-call-limit.ts) reads variables.
 * - depth 12 fields (fragments flattened: `... on X` adds no level). `edges.node` costs two levels;
 *   the deepest example is 6.
 * - 30 aliases, 5,000 tokens (send contact identifiers as variables: they do not count), 50 directives.
 *
 * Rejections are client-visible GraphQL errors that name the limit and the value found.
 */
export const ARMOR_LIMITS = {
  maxDepth: 12,
  maxCost: 50_000,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
} as const;

/** Armor's cost model weighs each level by this factor; 1 counts response values (see above). */
const DEPTH_COST_FACTOR = 1;

export interface ArmorOptions {
  limits?: Partial<Record<keyof typeof ARMOR_LIMITS, number>>;
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
      depthCostFactor: DEPTH_COST_FACTOR,
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
