import type { AlgebraOperator, AudienceEditorQuery } from './generated/graphql.js';

type FlatNode = NonNullable<AudienceEditorQuery['audience']>['algebraNodes'][number];

/** One node of the definition as an editor shows it: its operator, its children, or its segment. */
export interface AlgebraTreeNode {
  id: string;
  operator: AlgebraOperator;
  segmentId: string | null;
  segment: FlatNode['segment'];
  children: AlgebraTreeNode[];
}

/**
 * `Audience.algebraNodes` (pre-order, children in their order, `parentId` null for the root) back
 * into a tree: any depth from one fixed selection. Null for an audience without a definition.
 */
export function buildAlgebraTree(nodes: readonly FlatNode[]): AlgebraTreeNode | null {
  const byId = new Map<string, AlgebraTreeNode>();
  let root: AlgebraTreeNode | null = null;
  for (const node of nodes) {
    const treeNode: AlgebraTreeNode = {
      id: node.id,
      operator: node.operator,
      segmentId: node.segmentId,
      segment: node.segment,
      children: [],
    };
    byId.set(node.id, treeNode);
    // Pre-order: a parent is always listed before its children.
    if (node.parentId === null) root = treeNode;
    else byId.get(node.parentId)?.children.push(treeNode);
  }
  return root;
}
