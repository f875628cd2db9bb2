import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { costOfField } from './field-costs.js';
import { type CallKind, type CostContext, callsOf, type Position, type Tally } from './tally.js';

export type { CallKind } from './tally.js';

export interface EstimateOptions {
  /**
   * Most bytes of the request's uploaded files (its Content-Length, else MAX_UPLOAD_BYTES; default
   * 100 MiB): a CSV holds at most one identifier per 2 bytes, and one upload makes at most 100 calls.
   */
  uploadBytes?: number;
}

export interface UpstreamCallEstimate {
  /** The most Criteo calls the operation can cause (first attempts; retries are not counted). */
  calls: number;
  /** By kind (searches, lookups, compute-sizes, statistics, writes, other): what to trim. */
  byKind: Partial<Record<CallKind, number>>;
}

/**
 * The most upstream calls an operation can cause, from its document and its variables, before it
 * runs. Pessimistic where the data decides: every page is full, every item of a union is of every
 * member selected, each audience has 100 algebra nodes, no lookup is served from a cache. Batching
 * is counted as the loaders do it: keys wanted in one pass (one wave of objects) share batches
 * (⌈keys/size⌉), plus one batch per extra time their parents can arrive. An operation that cannot
 * be coerced (bad variables) is estimated at 0: it fails before any call.
 */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  options: EstimateOptions = {},
): UpstreamCallEstimate {
  const key = memoKey(operationName, rawVariables, options);
  if (key === null) return estimate(schema, document, operationName, rawVariables, options);
  const bySchema = memo.get(schema) ?? new WeakMap<DocumentNode, Map<string, UpstreamCallEstimate>>();
  memo.set(schema, bySchema);
  const byKey = bySchema.get(document) ?? new Map<string, UpstreamCallEstimate>();
  bySchema.set(document, byKey);
  const known = byKey.get(key);
  if (known) return known;
  const fresh = Object.freeze(estimate(schema, document, operationName, rawVariables, options));
  if (byKey.size >= MEMO_PER_DOCUMENT) byKey.clear();
  byKey.set(key, fresh);
  return fresh;
}

// Clients send the same few documents (Yoga hands the same parsed document again) with the same few
// variables: the estimate of one is walked once per process, not once per request. A document's
// entries go with it; a key too long to be worth keeping (a bulk write's variables) is not kept.
const memo = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, UpstreamCallEstimate>>>();
const MEMO_PER_DOCUMENT = 64;
const MEMO_MAX_KEY = 4_096;

function memoKey(
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  options: EstimateOptions,
): string | null {
  const key = `${operationName ?? ''}\u0000${options.uploadBytes ?? ''}\u0000${JSON.stringify(rawVariables ?? {})}`;
  return key.length > MEMO_MAX_KEY ? null : key;
}

function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  options: EstimateOptions,
): UpstreamCallEstimate {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { calls: 0, byKind: {} };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return { calls: 0, byKind: {} };
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const tally: Tally = { direct: new Map(), demands: new Map(), nextWave: 1 };
  const context: CostContext = {
    tally,
    uploadBytes: options.uploadBytes ?? 100 * 1024 * 1024,
  };
  const walk = (selectionSet: SelectionSetNode, type: GraphQLNamedType, at: Position, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(type, selection);
        if (!field) continue;
        const args = argumentsOf(field, selection, coerced.coerced);
        const below = costOfField(
          context,
          { parent: type.name, field: field.name, args, isList: isListType(getNullableType(field.type)) },
          at,
        );
        if (selection.selectionSet) walk(selection.selectionSet, getNamedType(field.type), below, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (on) walk(selection.selectionSet, on, at, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const on = fragment && schema.getType(fragment.typeCondition.name.value);
        // Validation refuses cycles; the guard only keeps a malformed document from looping.
        if (fragment && on && !seen.has(name)) walk(fragment.selectionSet, on, at, new Set([...seen, name]));
      }
    }
  };
  const start: Position = { wave: 'w0', count: 1, arrivals: () => 1, items: 1, nodeCap: null, leaves: null };
  walk(operation.selectionSet, root, start, new Set());

  const byKind: Partial<Record<CallKind, number>> = {};
  const add = (kind: CallKind, calls: number) => {
    byKind[kind] = (byKind[kind] ?? 0) + calls;
  };
  for (const [kind, calls] of tally.direct) add(kind, calls);
  for (const demand of tally.demands.values()) add(demand.kind, callsOf(demand));
  const calls = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  return { calls, byKind };
}

function fieldOf(type: GraphQLNamedType, node: FieldNode): GraphQLField<unknown, unknown> | undefined {
  if (node.name.value.startsWith('__')) return undefined;
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[node.name.value] : undefined;
}

function argumentsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // Arguments execution will refuse: the field fails before any call.
    return {};
  }
}
