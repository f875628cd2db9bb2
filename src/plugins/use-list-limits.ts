import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isLeafType,
  isListType,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput, type InputIssue } from '../schema/validation-error.js';

/** Criteo takes at most 100 ids per search filter, as it returns at most 100 items per page. */
export const MAX_LIST_ARGUMENT = 100;

/**
 * A router sends `_entities` the representations of a whole result (1,000 campaigns' audiences);
 * the loaders split them into searches of 100 ids, so they get their own, larger bound.
 */
export const MAX_ENTITY_REPRESENTATIONS = 10_000;

export interface ListLimitsOptions {
  /** Longest list of ids or enum values a query argument may carry (default 100). */
  max?: number;
  /** Most representations of one `_entities` field (default 10,000). */
  maxRepresentations?: number;
}

/**
 * Lists of ids or enum values in query arguments (`ids`, `advertiserIds`, `segmentIds`, `adSetIds`,
 * `types`, …) hold at most `max` items, literal or from variables: a longer one is `BAD_USER_INPUT`
 * naming the field and argument, before any upstream call. `_entities(representations:)` has its
 * own bound. Mutations check their own inputs.
 */
export function useListLimits(options: ListLimitsOptions = {}): Plugin {
  const max = {
    arguments: options.max ?? MAX_LIST_ARGUMENT,
    representations: options.maxRepresentations ?? MAX_ENTITY_REPRESENTATIONS,
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      const issues = tooLongLists(args.schema, args.document, args.variableValues ?? {}, max);
      if (issues.length) setResultAndStopExecution({ errors: [badUserInput(issues)] });
    },
  };
}

function tooLongLists(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  max: { arguments: number; representations: number },
): InputIssue[] {
  const issues: InputIssue[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const field = typeInfo.getFieldDef();
        const entities =
          typeInfo.getParentType() === schema.getQueryType() && node.name.value === '_entities';
        for (const argument of node.arguments ?? []) {
          const definition = field?.args.find((a) => a.name === argument.name.value);
          if (!definition) continue;
          const type = getNullableType(definition.type);
          if (!isListType(type) || !isLeafType(getNamedType(type))) continue;
          const value = valueFromAST(argument.value, definition.type, variables);
          const limit =
            entities && definition.name === 'representations' ? max.representations : max.arguments;
          if (Array.isArray(value) && value.length > limit) {
            issues.push({
              path: `${node.name.value}.${definition.name}`,
              message: `at most ${limit} items (got ${value.length})`,
            });
          }
        }
      },
    }),
  );
  return issues;
}
