/**
 * Typed operations for frontends (`examples/frontend/`): the checked-in generated code is what
 * GraphQL Code Generator makes of the checked-in schema, it type-checks, and every operation runs
 * against the gateway. A schema change that breaks a frontend's operations fails here.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codegenConfig } from '../../examples/frontend/codegen.js';
import {
  AudienceEditorDocument,
  RenameAudienceDocument,
  SegmentPickerDocument,
  SizePreviewDocument,
} from '../../examples/frontend/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const frontend = resolve(root, 'examples/frontend');

describe('examples/frontend: generated types', () => {
  it('are up to date with schema.graphql and the operations (else run `npm run codegen`)', async () => {
    const outDir = `${resolve(frontend, 'generated')}/`;
    const files = (await generate(codegenConfig(outDir), false)) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const checkedIn = readFileSync(file.filename, 'utf8');
      expect(
        checkedIn === file.content,
        `${relative(root, file.filename)} is stale: run \`npm run codegen\` and commit the result`,
      ).toBe(true);
    }
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

  /** Runs a typed document over HTTP, as a frontend client would, and returns its typed data. */
  async function run<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    const response = await gateway.query(print(document), variables);
    expect(response.errors).toBeUndefined();
    return response.data as Result;
  }

  const demoSegments = () =>
    [...gateway.emulator.store.segments.values()].filter((s) => s.attributes.advertiserId === '4949');

  it('segment picker: pages through the demo segments', async () => {
    const data = await run(SegmentPickerDocument, { advertiserId: '4949', first: 5 });
    const names = demoSegments().map((s) => s.attributes.name);
    expect(data.audienceSegments.edges).toHaveLength(5);
    for (const { node } of data.audienceSegments.edges) {
      expect(node.__typename).not.toBe('UnknownSegment');
      if (node.__typename !== 'UnknownSegment') expect(names).toContain(node.name);
    }
    const next = await run(SegmentPickerDocument, {
      advertiserId: '4949',
      first: 5,
      after: data.audienceSegments.pageInfo.endCursor,
      types: null,
    });
    expect(next.audienceSegments.edges[0]?.cursor).not.toBe(data.audienceSegments.edges[0]?.cursor);
  });

  it('audience editor: reads the algebra tree and renames the audience', async () => {
    const data = await run(AudienceEditorDocument, { id: '500002' });
    expect(data.audience?.name).toBe(gateway.emulator.store.audiences.get('500002')?.attributes.name);
    expect(data.audience?.algebra).toBeTruthy();
    expect(data.audience?.expression).toMatch(/\d{6}/);

    const renamed = await run(RenameAudienceDocument, { id: '500002', name: 'Renamed from the frontend' });
    const result = renamed.updateAudiences.results[0];
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
    expect(data.estimateAudienceSize.__typename).toBe('AudienceSize');
    if (data.estimateAudienceSize.__typename === 'AudienceSize') {
      expect(data.estimateAudienceSize.value).toBeGreaterThan(0);
    }
  });
});
