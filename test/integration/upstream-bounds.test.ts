import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticTokenSource } from '../../src/criteo/auth.js';
import { createCriteoClient } from '../../src/criteo/client.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('upstream answers with more items than asked for', () => {
  it('refuses a page larger than its limit with CRITEO_CONTRACT_MISMATCH naming the operation', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'extraItems', count: 5_000 });
    const result = await gateway.query(
      '{ audienceSegments(advertiserIds: ["4949"], first: 10) { edges { node { __typename } } } }',
    );
    expect(result.data).toEqual({ audienceSegments: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('SearchAudienceSegments') as unknown,
        extensions: expect.objectContaining({
          code: 'CRITEO_CONTRACT_MISMATCH',
          operation: 'SearchAudienceSegments',
        }) as unknown,
      }),
    ]);
    expect(result.errors?.[0]?.message).toContain('5000 items where at most 10 were asked for');
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
  });

  it('refuses a bulk answer with more items than were sent', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('ComputeAudienceSegmentsSizes', { kind: 'extraItems', count: 40 });
    const id = [...gateway.emulator.store.segments.keys()][0];
    const result = await gateway.query(
      `{ audienceSegment(id: "${id}") { ... on Segment { size { __typename } } } }`,
    );
    expect(result.data).toEqual({ audienceSegment: { size: null } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message:
          'ComputeAudienceSegmentsSizes: the response does not match the contract at data: 40 items where at most 1 were asked for',
        path: ['audienceSegment', 'size'],
        extensions: expect.objectContaining({
          code: 'CRITEO_CONTRACT_MISMATCH',
          operation: 'ComputeAudienceSegmentsSizes',
        }) as unknown,
      }),
    ]);
    expect(gateway.calls()).toMatchObject({ ComputeAudienceSegmentsSizes: 1 });
  });
});

describe('upstream bodies larger than CRITEO_MAX_RESPONSE_BYTES', () => {
  it('cuts a page whose Content-Length is over the limit, with CRITEO_CONTRACT_MISMATCH', async () => {
    gateway = await startTestGateway({ env: { CRITEO_MAX_RESPONSE_BYTES: '4096' } });
    const result = await gateway.query(
      '{ audienceSegments(advertiserIds: ["4949"], first: 100) { edges { node { __typename } } } }',
    );
    expect(result.data).toEqual({ audienceSegments: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'CRITEO_CONTRACT_MISMATCH',
      operation: 'SearchAudienceSegments',
    });
    expect(result.errors?.[0]?.message).toContain('larger than 4096 bytes');
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
  });
});

describe('a streamed upstream body without Content-Length', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('is cut once more than the limit has arrived, and the connection is dropped', async () => {
    let written = 0;
    let closedEarly = false;
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => {
        closedEarly = !response.writableFinished;
      });
      // 64 MiB in chunks of 1 KiB, written as the client reads: far more than the 8 KiB it accepts.
      response.write('{"data":"');
      const next = () => {
        while (written < 65_536) {
          written += 1;
          if (!response.write('x'.repeat(1024))) {
            response.once('drain', next);
            return;
          }
        }
        response.end('"}');
      };
      next();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createCriteoClient({
      apiUrl: `http://127.0.0.1:${port}`,
      apiVersion: '2026-07',
      auth: { tokens: new StaticTokenSource('token') },
      rateBudget: false,
      maxResponseBytes: 8 * 1024,
    });
    try {
      await expect(client.getCurrentApplication()).rejects.toMatchObject({
        code: 'CRITEO_CONTRACT_MISMATCH',
        message: expect.stringContaining('more than 8192 bytes arrived'),
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closedEarly).toBe(true);
    } finally {
      await client.close();
    }
  });
});
