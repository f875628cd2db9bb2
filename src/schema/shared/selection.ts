import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the client selected `name` on what this field returns: directly, in an inline fragment
 * or in a named one (an alias counts). `@skip` / `@include` are not read: a skipped field still
 * counts, which costs at most work done early, never a missing answer.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visited = new Set<string>();
  const inSet = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      if (!fragment || visited.has(selection.name.value)) return false;
      visited.add(selection.name.value);
      return inSet(fragment.selectionSet);
    });
  return info.fieldNodes.some((node) => inSet(node.selectionSet));
}
