import { collectSubFields, type VariableValues } from '@graphql-tools/utils';
import { type FieldNode, type GraphQLResolveInfo, isAbstractType, isObjectType } from 'graphql';

/**
 * Some fields of the operation (every alias of one field, merged), read ahead of their execution by a
 * page resolver that loads at once what its items' fields will ask for. Each answers a question once:
 * a page asks the same ones of every node of every item.
 */
export class Lookahead {
  readonly #answers = new Map<string, Lookahead | null>();

  constructor(
    readonly info: GraphQLResolveInfo,
    readonly nodes: FieldNode[],
  ) {}

  /**
   * The subfield `name` of `typeName` (an object type), as the executor will run it: through
   * fragments, `@skip` / `@include` read with the operation's variables, and without what `@defer`
   * sends in a later part (its fields ask for their values themselves, when they run). Null when not
   * selected.
   */
  field(typeName: string, name: string): Lookahead | null {
    return this.#answer(`${typeName}.${name}`, () => {
      const { info } = this;
      const type = info.schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`lookahead: ${typeName} is not an object type`);
      const { fields } = collectSubFields(info.schema, info.fragments, variables(info), type, this.nodes);
      const nodes = [...fields.values()].flat().filter((node) => node.name.value === name);
      return nodes.length > 0 ? new Lookahead(info, nodes) : null;
    });
  }

  /** The subfield `name` on any member of the union or interface `typeName`. */
  fieldOfAny(typeName: string, name: string): Lookahead | null {
    return this.#answer(`${typeName}..${name}`, () => {
      const type = this.info.schema.getType(typeName);
      if (!isAbstractType(type)) throw new Error(`lookahead: ${typeName} is not a union or an interface`);
      const nodes = this.info.schema
        .getPossibleTypes(type)
        .flatMap((member) => this.field(member.name, name)?.nodes ?? []);
      return nodes.length > 0 ? new Lookahead(this.info, [...new Set(nodes)]) : null;
    });
  }

  /** Whether the list is streamed (`@stream`): its items then go out one by one, none waiting for the others. */
  get streamed(): boolean {
    return this.nodes.some((node) => node.directives?.some((directive) => directive.name.value === 'stream'));
  }

  #answer(key: string, find: () => Lookahead | null): Lookahead | null {
    let found = this.#answers.get(key);
    if (found === undefined) {
      found = find();
      this.#answers.set(key, found);
    }
    return found;
  }
}

// One per field of an operation (its field nodes and its variables), shared by every item that asks.
const lookaheads = new WeakMap<readonly FieldNode[], WeakMap<object, Lookahead>>();

/** The field being resolved, to look ahead from. */
export function lookahead(info: GraphQLResolveInfo): Lookahead {
  const byVariables = lookaheads.get(info.fieldNodes) ?? new WeakMap<object, Lookahead>();
  lookaheads.set(info.fieldNodes, byVariables);
  let found = byVariables.get(info.variableValues);
  if (!found) {
    found = new Lookahead(info, [...info.fieldNodes]);
    byVariables.set(info.variableValues, found);
  }
  return found;
}

// graphql-tools reads variables in graphql-js 17's shape (only `coerced` under graphql-js 16); one per operation.
const variablesOf = new WeakMap<GraphQLResolveInfo['variableValues'], VariableValues>();

function variables(info: GraphQLResolveInfo): VariableValues {
  let values = variablesOf.get(info.variableValues);
  if (!values) {
    values = { coerced: info.variableValues, sources: {} };
    variablesOf.set(info.variableValues, values);
  }
  return values;
}

/** `from.field(typeName, name)`, null from null. */
export const subfield = (from: Lookahead | null, typeName: string, name: string): Lookahead | null =>
  from?.field(typeName, name) ?? null;

/** `from.fieldOfAny(typeName, name)`, null from null. */
export const subfieldOfAny = (from: Lookahead | null, typeName: string, name: string): Lookahead | null =>
  from?.fieldOfAny(typeName, name) ?? null;

/**
 * The items of a Relay connection as the operation selects them now (`edges { node }`); null when they
 * are not selected, or streamed: a page loads ahead for its items only when they leave together.
 */
export function connectionItems(
  info: GraphQLResolveInfo,
  connection: string,
  edge: string,
): Lookahead | null {
  const edges = lookahead(info).field(connection, 'edges');
  return edges && !edges.streamed ? edges.field(edge, 'node') : null;
}
