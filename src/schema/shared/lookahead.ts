import { collectSubFields, type VariableValues } from '@graphql-tools/utils';
import { type FieldNode, type GraphQLResolveInfo, isAbstractType, isObjectType } from 'graphql';

/**
 * Some fields of the operation (every alias of one field, merged), read ahead of their execution by a
 * page resolver that loads at once what its items' fields will ask for.
 */
export interface Lookahead {
  readonly info: GraphQLResolveInfo;
  readonly nodes: FieldNode[];
}

/** The field being resolved, to look ahead from. */
export const lookahead = (info: GraphQLResolveInfo): Lookahead => ({ info, nodes: [...info.fieldNodes] });

// The same question asked of the same selection (each node of each item of a page) answers the same
// object, so that the executor's own memo of `collectSubFields` serves it too.
const answered = new WeakMap<Lookahead, Map<string, Lookahead | null>>();
// graphql-tools reads variables in graphql-js 17's shape (only `coerced` under graphql-js 16); one per operation.
const variablesOf = new WeakMap<GraphQLResolveInfo['variableValues'], VariableValues>();

function variables(info: GraphQLResolveInfo): VariableValues {
  const known = variablesOf.get(info.variableValues);
  if (known) return known;
  const values: VariableValues = { coerced: info.variableValues, sources: {} };
  variablesOf.set(info.variableValues, values);
  return values;
}

/**
 * The subfield `name` of `typeName` (an object type) under `from`, as the executor will run it: through
 * fragments, `@skip` / `@include` read with the operation's variables, and without what `@defer` sends
 * in a later part (its fields ask for their values themselves, when they run). Null when not selected.
 */
export function subfield(from: Lookahead | null, typeName: string, name: string): Lookahead | null {
  if (!from) return null;
  const key = `${typeName}.${name}`;
  const known = answered.get(from) ?? new Map<string, Lookahead | null>();
  answered.set(from, known);
  if (known.has(key)) return known.get(key) ?? null;
  const { info } = from;
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`lookahead: ${typeName} is not an object type`);
  const { fields } = collectSubFields(info.schema, info.fragments, variables(info), type, from.nodes);
  const nodes = [...fields.values()].flat().filter((node) => node.name.value === name);
  const found = nodes.length > 0 ? { info, nodes } : null;
  known.set(key, found);
  return found;
}

/** The subfield `name` on any member of the union or interface `typeName` under `from`. */
export function subfieldOfAny(from: Lookahead | null, typeName: string, name: string): Lookahead | null {
  if (!from) return null;
  const type = from.info.schema.getType(typeName);
  if (!isAbstractType(type)) throw new Error(`lookahead: ${typeName} is not a union or an interface`);
  const nodes = from.info.schema
    .getPossibleTypes(type)
    .flatMap((member) => subfield(from, member.name, name)?.nodes ?? []);
  return nodes.length > 0 ? { info: from.info, nodes: [...new Set(nodes)] } : null;
}

/** Whether the list is streamed (`@stream`): its items then go out one by one, none waiting for the others. */
export const isStreamed = (list: Lookahead): boolean =>
  list.nodes.some((node) => node.directives?.some((directive) => directive.name.value === 'stream'));

/**
 * The items of a Relay connection as the operation selects them now (`edges { node }`); null when they
 * are not selected, or streamed: a page loads ahead for its items only when they leave together.
 */
export function connectionItems(
  info: GraphQLResolveInfo,
  connection: string,
  edge: string,
): Lookahead | null {
  const edges = subfield(lookahead(info), connection, 'edges');
  return edges && !isStreamed(edges) ? subfield(edges, edge, 'node') : null;
}
