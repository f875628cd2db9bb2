import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the client selected `name` on what this field returns: directly, in an inline fragment
 * or in a named one (an alias counts). `@skip` / `@include` are not read: a skipped field still
 * counts, which costs at most work done early, never a missing answer; `where` narrows the match.
 */
export function selectsField(
  info: GraphQLResolveInfo,
  name: string,
  where: (field: FieldNode) => boolean = () => true,
): boolean {
  const visited = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name && where(selection);
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      if (!fragment || visited.has(selection.name.value)) return false;
      visited.add(selection.name.value);
      return inSet(fragment.selectionSet);
    });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}

/**
 * Whether this root field is the last one its operation runs (every root selection a plain field,
 * this one last): nothing of the operation starts after it.
 */
export function isLastRootField(info: GraphQLResolveInfo): boolean {
  const { selections } = info.operation.selectionSet;
  const last = selections.at(-1);
  return (
    selections.every((selection) => selection.kind === Kind.FIELD) &&
    last?.kind === Kind.FIELD &&
    (last.alias?.value ?? last.name.value) === info.path.key
  );
}

/** A field selected whatever the variables: no `@skip` or `@include` on it. */
export const unconditional = (field: FieldNode) =>
  !field.directives?.some(
    (directive) => directive.name.value === 'skip' || directive.name.value === 'include',
  );
