/**
 * Typed operations for frontends (`examples/frontend/`): the checked-in generated code is what
 * GraphQL Code Generator makes of the checked-in schema, it type-checks, and every operation runs
 * against the gateway. A schema change that breaks a frontend's operations fails here.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlgebraTreeNode, buildAlgebraTree } from '../../examples/frontend/algebra-tree.js';
import { codegenConfig } from '../../examples/frontend/codegen.js';
import {
  AudienceEditorDocument,
  RenameAudienceDocument,
  SegmentPickerDocument,
  SizePreviewDocument,
} from '../../examples/frontend/generated/graphql.js';
import type { AlgebraNode } from '../../src/contract/audience.js';
import { expectGeneratedUpToDate } from '../support/codegen.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const frontend = resolve(root, 'examples/frontend');

describe('examples/frontend: generated types', () => {
  it('are up to date with schema.graphql and the operations (else run `npm run codegen`)', async () => {
    await expectGeneratedUpToDate(codegenConfig(`${resolve(frontend, 'generated')}/`));
  }, 30_000);

  it('type-check (`tsc -p examples/frontend`)', async () => {
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', frontend], {
      cwd: root,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    );
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);
});

describe('examples/frontend: operations against the gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const present = <T>(value: T | null | undefined): T => {
    if (value == null) throw new Error('expected a value');
    return value;
  };

  /** Runs a typed document over HTTP, as a frontend client would, and returns its typed data. */
  async function run<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    const response = await gateway.query(document, variables);
    expect(response.errors).toBeUndefined();
    return present(response.data);
  }

  const demoSegments = () =>
    [...gateway.emulator.store.segments.values()].filter((s) => s.attributes.advertiserId === '4949');

  it('segment picker: pages through the demo segments', async () => {
    const data = await run(SegmentPickerDocument, { advertiserId: '4949', first: 5 });
    const names = demoSegments().map((s) => s.attributes.name);
    // Root fields are nullable (a failure nulls only its own field): a frontend narrows once.
    const page = present(data.audienceSegments);
    expect(page.edges).toHaveLength(5);
    for (const { node } of page.edges) {
      expect(node.__typename).not.toBe('UnknownSegment');
      if (node.__typename !== 'UnknownSegment') expect(names).toContain(node.name);
    }
    const next = await run(SegmentPickerDocument, {
      advertiserId: '4949',
      first: 5,
      after: page.pageInfo.endCursor,
      types: null,
    });
    expect(present(next.audienceSegments).edges[0]?.cursor).not.toBe(page.edges[0]?.cursor);
  });

  it('audience editor: reads the algebra tree and renames the audience', async () => {
    const data = await run(AudienceEditorDocument, { id: '500002' });
    expect(data.audience?.name).toBe(gateway.emulator.store.audiences.get('500002')?.attributes.name);
    expect(data.audience?.expression).toMatch(/\d{6}/);
    // The editor's tree, rebuilt from the flat list, is the stored definition at every depth.
    const toCriteo = (node: AlgebraTreeNode): AlgebraNode => {
      const children = node.children.map(toCriteo);
      if (node.operator === 'AND') return { and: children };
      if (node.operator === 'OR') return { or: children };
      if (node.operator === 'NOT') return { not: children[0] ?? {} };
      return { audienceSegmentId: node.segmentId };
    };
    const tree = buildAlgebraTree(data.audience?.algebraNodes ?? []);
    expect(tree && toCriteo(tree)).toEqual(
      gateway.emulator.store.audiences.get('500002')?.attributes.algebra,
    );

    const renamed = await run(RenameAudienceDocument, { id: '500002', name: 'Renamed from the frontend' });
    const result = present(renamed.updateAudiences).results[0];
    expect(result?.__typename).toBe('Audience');
    if (result?.__typename === 'Audience') expect(result.name).toBe('Renamed from the frontend');
  });

  it('size preview: sizes an unsaved algebra over demo segments', async () => {
    const [a, b] = ['100001', '100002'].map((id) => gateway.emulator.store.segments.get(id));
    expect(a?.attributes.advertiserId).toBe('4949');
    const data = await run(SizePreviewDocument, {
      advertiserId: '4949',
      algebra: { or: [{ segmentId: a?.id ?? '' }, { segmentId: b?.id ?? '' }] },
    });
    const estimate = present(data.estimateAudienceSize);
    expect(estimate.__typename).toBe('AudienceSize');
    if (estimate.__typename === 'AudienceSize') expect(estimate.value).toBeGreaterThan(0);
  });
});
