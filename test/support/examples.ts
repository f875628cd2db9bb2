import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DocumentNode, Kind, parse, visit } from 'graphql';
import { GRAPHIQL_TABS } from '../../src/graphiql-tabs.js';
import { ADVERTISER } from './writes.js';

const ROOT = join(import.meta.dirname, '../..');

/** Every example operation the project shows: GraphiQL tabs, the frontend example, the README. */
export function exampleDocuments(): { source: string; document: DocumentNode }[] {
  const documents = GRAPHIQL_TABS.map((tab, i) => ({ source: `GraphiQL tab ${i + 1}`, text: tab.query }));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(dir, entry.name))
        : entry.name.endsWith('.graphql')
          ? [join(dir, entry.name)]
          : [],
    );
  for (const file of walk(join(ROOT, 'examples')))
    documents.push({ source: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8') });
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const [i, match] of [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].entries())
    documents.push({ source: `README.md graphql block ${i + 1}`, text: match[1] ?? '' });
  return documents
    .map(({ source, text }) => ({ source, document: parse(text) }))
    .filter(({ document }) => document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION));
}

/**
 * The document at the largest page: every `first`/`last` becomes the literal 100 (armor's cost counts
 * literals only), and variable definitions left unused by that are dropped.
 */
export function atPageSize100(document: DocumentNode): DocumentNode {
  const paged = visit(document, {
    [Kind.ARGUMENT](node) {
      if (node.name.value !== 'first' && node.name.value !== 'last') return undefined;
      return { ...node, value: { kind: Kind.INT, value: '100' } };
    },
  });
  const used = new Set<string>();
  visit(paged, {
    [Kind.VARIABLE_DEFINITION]: () => false,
    [Kind.VARIABLE](node) {
      used.add(node.name.value);
    },
  });
  return visit(paged, {
    [Kind.VARIABLE_DEFINITION](node) {
      return used.has(node.variable.name.value) ? undefined : null;
    },
  });
}

/** Values for the examples' variables, from the demo data. */
export const EXAMPLE_VARIABLES: Record<string, unknown> = {
  id: '500002',
  advertiserId: ADVERTISER,
  name: 'Renamed by the limits test',
  description: null,
  first: 100,
  last: 100,
};
