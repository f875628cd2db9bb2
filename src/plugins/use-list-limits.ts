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

export interface ListLimitsOptions {
  /** Longest list of ids or enum values a query argument may carry (default 100). */
  max?: number;
}

/**
 * Lists of ids or enum values in query arguments (`ids`, `advertiserIds`, `segmentIds`, `adSetIds`,
 * `types`, …) hold at most `max` items, literal or from variables: a longer one is `BAD_USER_INPUT`
 * naming the field and argument, before any upstream call. Mutations check their own inputs.
 */
export function useListLimits(options: ListLimitsOptions = {}): Plugin {
  const max = options.max ?? MAX_LIST_ARGUMENT;
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
  max: number,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const field = typeInfo.getFieldDef();
        for (const argument of node.arguments ?? []) {
          const definition = field?.args.find((a) => a.name === argument.name.value);
          if (!definition) continue;
          const type = getNullableType(definition.type);
          if (!isListType(type) || !isLeafType(getNamedType(type))) continue;
          const value = valueFromAST(argument.value, definition.type, variables);
          if (Array.isArray(value) && value.length > max) {
            issues.push({
              path: `${node.name.value}.${definition.name}`,
              message: `at most ${max} items (got ${value.length})`,
            });
          }
        }
      },
    }),
  );
  return issues;
}
