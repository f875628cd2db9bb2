import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { algebraSegmentIds } from '../../src/contract/audience.js';
import type { Fault } from '../../src/emulator/faults.js';
import { bodyOf, type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

const SECRET = 'demo-client-secret';

const SEGMENTS = /* GraphQL */ `
  { audienceSegments(advertiserIds: ["4949"], first: 3) { totalCount edges { node { ... on Segment { id } } } } }
`;
const AUDIENCES = /* GraphQL */ `
  { audiences(advertiserIds: ["4949"], first: 3) { totalCount edges { node { id } } } }
`;

const TRACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** No secret and no bearer token anywhere in what a client sees. */
function expectNoCredentials(result: GraphQLResponse) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/bearer/i);
  // A JWT starts with the base64url of `{"` (`eyJ`).
  expect(text).not.toMatch(/eyJ[\w-]{10,}/);
}

/** A whole-call failure of the root field: that field null (root fields are nullable) and one error at its path. */
function expectRootError(result: GraphQLResponse, field: string, extensions: Record<string, unknown>) {
  expect(bodyOf(result)).toEqual({
    data: { [field]: null },
    errors: [
      {
        message: expect.any(String),
        locations: expect.any(Array),
        path: [field],
        // Production adds the request id to every error (use-request-id).
        extensions: { ...extensions, requestId: expect.any(String) },
      },
    ],
  });
  expectNoCredentials(result);
}

const statuses = (gateway: TestGateway, operationId: string) =>
  gateway.emulator.requests.list(operationId).map((e) => e.status);

/** Enough injected failures to outlast any retry policy of the client (cleared after each test). */
const ALWAYS = 100;

/**
 * The only upstream calls were attempts of `operationId`, every one answered with the injected fault.
 * Retryable faults (429, 503, resets) may be tried more than once, as the client's retry policy says.
 */
function expectOnlyFaultedAttempts(gateway: TestGateway, operationId: string, fault: Fault['kind']) {
  const attempts = gateway.emulator.requests.list(operationId);
  expect(attempts.length).toBeGreaterThanOrEqual(1);
  expect(attempts.map((a) => a.fault)).toEqual(attempts.map(() => fault));
  expect(gateway.calls()).toEqual({ [operationId]: attempts.length });
}

describe('request-level Criteo failures through the gateway', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());
  afterEach(() => gateway.emulator.faults.clear());

  it('an advertiser of another application is CRITEO_FORBIDDEN with Criteo code and traceId', async () => {
    const result = await gateway.query(/* GraphQL */ `
      { audienceSegments(advertiserIds: ["7070"], first: 5) { totalCount } }
    `);
    expectRootError(result, 'audienceSegments', {
      code: 'CRITEO_FORBIDDEN',
      operation: 'SearchAudienceSegments',
      status: 403,
      criteoCode: 'advertiser-not-authorized',
      traceId: expect.stringMatching(TRACE_ID),
    });
    expect(result.errors?.[0]?.message).toBe(
      'SearchAudienceSegments failed with HTTP 403 (advertiser-not-authorized: The application has no access to advertiser 7070)',
    );
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
    expect(statuses(gateway, 'SearchAudienceSegments')).toEqual([403]);
  });

  it('a failing nullable root field fails alone: its siblings keep their data', async () => {
    gateway.emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 503 }, ALWAYS);
    const result = await gateway.query(/* GraphQL */ `
      {
        mine: audienceSegment(id: "100001") { ... on Segment { id } }
        theirs: audience(id: "500001") { id }
      }
    `);
    expect(bodyOf(result)).toEqual({
      data: { mine: { id: '100001' }, theirs: null },
      errors: [
        {
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['theirs'],
          extensions: expect.objectContaining({ code: 'CRITEO_UNAVAILABLE', operation: 'SearchAudiences' }),
        },
      ],
    });
    expect(gateway.calls()).toMatchObject({ SearchAudienceSegments: 1 });
    expect(gateway.emulator.requests.list('SearchAudiences').every((a) => a.fault === 'status')).toBe(true);
  });

  it('503 on SearchAudiences is CRITEO_UNAVAILABLE', async () => {
    gateway.emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 503 }, ALWAYS);
    const result = await gateway.query(AUDIENCES);
    expectRootError(result, 'audiences', {
      code: 'CRITEO_UNAVAILABLE',
      operation: 'SearchAudiences',
      status: 503,
      criteoCode: 'service-unavailable',
      traceId: expect.stringMatching(TRACE_ID),
    });
    expect(result.errors?.[0]?.message).toBe(
      'SearchAudiences failed with HTTP 503 (service-unavailable: Injected fault: HTTP 503)',
    );
    expectOnlyFaultedAttempts(gateway, 'SearchAudiences', 'status');
  });

  it('500 is CRITEO_UNAVAILABLE and never sent again (it may have been applied)', async () => {
    gateway.emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 500 }, ALWAYS);
    const result = await gateway.query(AUDIENCES);
    expectRootError(result, 'audiences', {
      code: 'CRITEO_UNAVAILABLE',
      operation: 'SearchAudiences',
      status: 500,
      criteoCode: 'internal-error',
      traceId: expect.stringMatching(TRACE_ID),
    });
    expect(gateway.calls()).toEqual({ SearchAudiences: 1 });
  });

  it('429 is CRITEO_RATE_LIMITED', async () => {
    // A 429 without `x-ratelimit-reset`: retries (if any) back off briefly instead of waiting for a reset.
    gateway.emulator.faults.failNext('SearchAudiences', { kind: 'status', status: 429 }, ALWAYS);
    const result = await gateway.query(AUDIENCES);
    expectRootError(result, 'audiences', {
      code: 'CRITEO_RATE_LIMITED',
      operation: 'SearchAudiences',
      status: 429,
      criteoCode: expect.any(String),
      traceId: expect.stringMatching(TRACE_ID),
    });
    expect(result.errors?.[0]?.message).toMatch(/^SearchAudiences failed with HTTP 429 /);
    expectOnlyFaultedAttempts(gateway, 'SearchAudiences', 'status');
  });

  it('schema drift is CRITEO_CONTRACT_MISMATCH naming the operation and the path', async () => {
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'schemaDrift' }, ALWAYS);
    const result = await gateway.query(SEGMENTS);
    expectRootError(result, 'audienceSegments', {
      code: 'CRITEO_CONTRACT_MISMATCH',
      operation: 'SearchAudienceSegments',
      status: 200,
    });
    const message = result.errors?.[0]?.message ?? '';
    expect(message).toContain('SearchAudienceSegments');
    expect(message).toContain('data.0.id');
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
  });

  it('malformed JSON is CRITEO_CONTRACT_MISMATCH', async () => {
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'malformedJson' }, ALWAYS);
    const result = await gateway.query(SEGMENTS);
    expectRootError(result, 'audienceSegments', {
      code: 'CRITEO_CONTRACT_MISMATCH',
      operation: 'SearchAudienceSegments',
      status: 200,
    });
    expect(result.errors?.[0]?.message).toBe(
      'SearchAudienceSegments: the response does not match the contract at (root): the body is not valid JSON',
    );
    // A body that does not parse is not worth another try.
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1 });
  });

  const networkFaults: [string, Fault][] = [
    ['a connection reset', { kind: 'connectionReset' }],
    ['a response lost mid-body', { kind: 'lostResponse' }],
  ];
  for (const [name, fault] of networkFaults) {
    it(`${name} is CRITEO_NETWORK_ERROR`, async () => {
      gateway.emulator.faults.failNext('SearchAudienceSegments', fault, ALWAYS);
      const result = await gateway.query(SEGMENTS);
      expectRootError(result, 'audienceSegments', {
        code: 'CRITEO_NETWORK_ERROR',
        operation: 'SearchAudienceSegments',
        ...(fault.kind === 'lostResponse' ? { status: 200 } : {}),
      });
      expect(result.errors?.[0]?.message).toMatch(/^SearchAudienceSegments: /);
      expectOnlyFaultedAttempts(gateway, 'SearchAudienceSegments', fault.kind);
      // The gateway recovers: the next query succeeds.
      gateway.emulator.faults.clear();
      expect((await gateway.query(SEGMENTS)).errors).toBeUndefined();
    });
  }

  it('a failed nested segment batch keeps every audience and reports an error at each leaf and segment', async () => {
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 503 }, ALWAYS);
    const result = await gateway.query(/* GraphQL */ `
      {
        audiences(advertiserIds: ["4949"], first: 3) {
          edges {
            node {
              id
              name
              algebra {
                ... on AlgebraSegment { segmentId segment { ... on Segment { id } } }
                ... on AlgebraOr { or { ... on AlgebraSegment { segmentId segment { ... on Segment { id } } } } }
              }
              segments { ... on Segment { id } }
            }
          }
        }
      }
    `);
    const store = gateway.emulator.store;
    const audiences = ['500001', '500002', '500003'].map((id) => {
      const record = store.audiences.get(id);
      if (!record) throw new Error(`no audience ${id}`);
      return record;
    });
    // 500001 is a leaf; 500002 an AND (no leaf selected); 500003 an OR whose first child is a leaf.
    const leaf1 = audiences[0]?.attributes.algebra?.audienceSegmentId;
    const leaf3 = audiences[2]?.attributes.algebra?.or?.[0]?.audienceSegmentId;
    expect(leaf1).toBeDefined();
    expect(leaf3).toBeDefined();
    // Each audience keeps its data; every segment lookup is null in place (items of `segments` too).
    const segmentIds = audiences.map((a) => algebraSegmentIds(a.attributes.algebra));
    const nulls = (i: number) => segmentIds[i]?.map(() => null);
    expect(result.data).toEqual({
      audiences: {
        edges: [
          {
            node: {
              id: '500001',
              name: audiences[0]?.attributes.name,
              algebra: { segmentId: leaf1, segment: null },
              segments: nulls(0),
            },
          },
          { node: { id: '500002', name: audiences[1]?.attributes.name, algebra: {}, segments: nulls(1) } },
          {
            node: {
              id: '500003',
              name: audiences[2]?.attributes.name,
              algebra: { or: [{ segmentId: leaf3, segment: null }, {}] },
              segments: nulls(2),
            },
          },
        ],
      },
    });
    const extensions = {
      code: 'CRITEO_UNAVAILABLE',
      operation: 'SearchAudienceSegments',
      status: 503,
      criteoCode: 'service-unavailable',
      traceId: expect.stringMatching(TRACE_ID),
      requestId: expect.any(String),
    };
    const expectedPaths = [
      ['audiences', 'edges', 0, 'node', 'algebra', 'segment'],
      ['audiences', 'edges', 2, 'node', 'algebra', 'or', 0, 'segment'],
      ...segmentIds.flatMap((ids, i) =>
        ids.map((_id, j) => ['audiences', 'edges', i, 'node', 'segments', j]),
      ),
    ];
    expect(result.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(expectedPaths));
    expect(result.errors).toHaveLength(expectedPaths.length);
    for (const error of result.errors ?? []) expect(error.extensions).toEqual(extensions);
    // Every segment id of the page was one (failed) batch: each search was an attempt of that batch.
    const attempts = gateway.emulator.requests.list('SearchAudienceSegments');
    const allIds = [...new Set(segmentIds.flat())];
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) expect([...(attempt.ids ?? [])].sort()).toEqual([...allIds].sort());
    expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: attempts.length });
  });

  it('a failed size batch reports the error at each size path and keeps the segments', async () => {
    gateway.emulator.faults.failNext('ComputeAudienceSegmentsSizes', { kind: 'status', status: 503 }, ALWAYS);
    const result = await gateway.query(/* GraphQL */ `
      { audienceSegments(advertiserIds: ["4949"], first: 3) { edges { node { ... on Segment { id size { __typename } } } } } }
    `);
    expect(result.data).toEqual({
      audienceSegments: { edges: ['100001', '100002', '100003'].map((id) => ({ node: { id, size: null } })) },
    });
    expect(result.errors).toHaveLength(3);
    for (const [i, error] of (result.errors ?? []).entries()) {
      expect(error).toMatchObject({
        path: ['audienceSegments', 'edges', i, 'node', 'size'],
        extensions: {
          code: 'CRITEO_UNAVAILABLE',
          operation: 'ComputeAudienceSegmentsSizes',
          status: 503,
          requestId: expect.any(String),
        },
      });
    }
    const attempts = gateway.emulator.requests.list('ComputeAudienceSegmentsSizes');
    expect(attempts.every((a) => a.fault === 'status' && a.ids.length === 3)).toBe(true);
    expect(gateway.calls()).toEqual({
      SearchAudienceSegments: 1,
      ComputeAudienceSegmentsSizes: attempts.length,
    });
    gateway.emulator.faults.clear();
  });

  it('401 after a retry with a fresh token is CRITEO_UNAUTHENTICATED', async () => {
    gateway.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 401 }, 2);
    const result = await gateway.query(SEGMENTS);
    expectRootError(result, 'audienceSegments', {
      code: 'CRITEO_UNAUTHENTICATED',
      operation: 'SearchAudienceSegments',
      status: 401,
      criteoCode: expect.any(String),
      traceId: expect.stringMatching(TRACE_ID),
    });
    expect(statuses(gateway, 'SearchAudienceSegments')).toEqual([401, 401]);
    expect(gateway.emulator.requests.count('OAuthToken')).toBe(1);
  });

  describe('masking', () => {
    it('a segment type outside the contract is CRITEO_CONTRACT_MISMATCH at data.0.attributes.type', async () => {
      const record = gateway.emulator.store.segments.get('100002');
      if (!record) throw new Error('no segment 100002');
      const saved = record.attributes;
      // Not an AudienceSegmentType: what a newer Criteo version could send.
      record.attributes = { ...saved };
      Reflect.set(record.attributes, 'type', 'Predictive');
      try {
        const result = await gateway.query('{ audienceSegment(id: "100002") { __typename } }');
        expect(bodyOf(result)).toEqual({
          data: { audienceSegment: null },
          errors: [
            {
              message: expect.stringContaining(
                'SearchAudienceSegments: the response does not match the contract at data.0.attributes.type',
              ),
              locations: expect.any(Array),
              path: ['audienceSegment'],
              extensions: {
                code: 'CRITEO_CONTRACT_MISMATCH',
                operation: 'SearchAudienceSegments',
                status: 200,
                requestId: expect.any(String),
              },
            },
          ],
        });
      } finally {
        record.attributes = saved;
      }
    });

    it('an unexpected error is masked as "Unexpected error." and keeps its siblings', async () => {
      const record = gateway.emulator.store.audiences.get('500002');
      if (!record) throw new Error('no audience 500002');
      const saved = record.attributes;
      // The spec allows an algebra node without an operator; the gateway cannot type it.
      record.attributes = { ...saved, algebra: { and: [{}, { audienceSegmentId: '100001' }] } };
      try {
        const result = await gateway.query(/* GraphQL */ `
          { audience(id: "500002") { id name algebra { __typename ... on AlgebraAnd { and { __typename } } } } }
        `);
        expect(bodyOf(result)).toEqual({
          data: { audience: { id: '500002', name: saved.name, algebra: null } },
          errors: [
            {
              message: 'Unexpected error.',
              locations: expect.any(Array),
              path: ['audience', 'algebra', 'and', 0],
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) },
            },
          ],
        });
      } finally {
        record.attributes = saved;
      }
    });

    it('a GraphQL validation error keeps its own message', async () => {
      const result = await gateway.query('{ audienceSegments(first: 1) { nope } }');
      expect(result).toEqual({
        errors: [
          {
            message: 'Cannot query field "nope" on type "AudienceSegmentConnection".',
            locations: [{ line: 1, column: 32 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', requestId: expect.any(String) },
          },
        ],
      });
      expect(gateway.calls()).toEqual({});
    });
  });
});

describe('tokens through the gateway', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startTestGateway();
  });
  afterEach(() => gateway.close());

  const tokenCalls = () => gateway.emulator.requests.count('OAuthToken');

  it('two queries share one token', async () => {
    expect((await gateway.query(SEGMENTS)).errors).toBeUndefined();
    expect((await gateway.query(AUDIENCES)).errors).toBeUndefined();
    expect(tokenCalls()).toBe(1);
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 1, SearchAudiences: 1 });
  });

  it('after expireAll the next query refreshes once and retries the 401 call', async () => {
    expect((await gateway.query(SEGMENTS)).errors).toBeUndefined();
    gateway.resetCalls();
    gateway.emulator.tokens.expireAll();
    const result = await gateway.query(SEGMENTS);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ audienceSegments: { totalCount: 108 } });
    expect(tokenCalls()).toBe(1);
    expect(statuses(gateway, 'SearchAudienceSegments')).toEqual([401, 200]);
    expect(gateway.calls()).toEqual({ SearchAudienceSegments: 2 });
  });

  it('30 concurrent queries after expiry make exactly one token call', async () => {
    expect((await gateway.query(SEGMENTS)).errors).toBeUndefined();
    gateway.resetCalls();
    gateway.emulator.tokens.expireAll();
    const results = await Promise.all(Array.from({ length: 30 }, () => gateway.query(SEGMENTS)));
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toMatchObject({ audienceSegments: { totalCount: 108 } });
    }
    expect(tokenCalls()).toBe(1);
    const calls = statuses(gateway, 'SearchAudienceSegments');
    // Every query succeeded once; those that went out with the old token were refused once first.
    expect(calls.filter((s) => s === 200)).toHaveLength(30);
    expect(calls.filter((s) => s !== 200).every((s) => s === 401)).toBe(true);
    expect(calls.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
  });
});

describe('a token that expires on its own', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ emulator: { tokenTtlSeconds: 1 } });
  });
  afterAll(() => gateway.close());

  it('is refreshed exactly once before the next query', async () => {
    expect((await gateway.query(SEGMENTS)).errors).toBeUndefined();
    expect(gateway.emulator.requests.count('OAuthToken')).toBe(1);
    await sleep(1200);
    gateway.resetCalls();
    const result = await gateway.query(SEGMENTS);
    expect(result.errors).toBeUndefined();
    expect(gateway.emulator.requests.count('OAuthToken')).toBe(1);
    // Refreshed ahead of expiry: no call was refused.
    expect(statuses(gateway, 'SearchAudienceSegments')).toEqual([200]);
    const body = z.object({ audienceSegments: z.object({ totalCount: z.number() }) }).parse(result.data);
    expect(body.audienceSegments.totalCount).toBe(108);
  });
});
