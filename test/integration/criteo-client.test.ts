import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CriteoClient, createCriteoClient } from '../../src/criteo/client.js';
import { CriteoContractError, CriteoError } from '../../src/criteo/errors.js';
import {
  DEFAULT_VERSION,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from '../../src/emulator/server.js';

const API_VERSION = DEFAULT_VERSION;
const CLIENT_ID = 'demo-client-id';
const CLIENT_SECRET = 'demo-client-secret';
/** Base64url of `{"alg":"HS256","typ":"JWT"}`: the start of every token the emulator issues. */
const JWT_PREFIX = 'eyJ';

function clientFor(url: string, clientSecret = CLIENT_SECRET, clientId = CLIENT_ID): CriteoClient {
  return createCriteoClient({
    apiUrl: url,
    apiVersion: API_VERSION,
    auth: { credentials: { clientId, clientSecret } },
    // Quick backoff keeps retry tests short; the counts, not the delays, are asserted.
    retry: { maxRetries: 3, minDelayMs: 1, maxDelayMs: 20 },
  });
}

/** Every error message seen by the error tests (with their causes), checked for leaked secrets at the end. */
const errorMessages: string[] = [];
/** Every bearer token the clients of the error tests held. */
const seenTokens = new Set<string>();

function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    messages.push(current.message, String(current));
    current = current.cause;
  }
  return messages;
}

/** Runs `call`, expects it to reject with a `CriteoError`, records its messages and returns it. */
async function criteoFailure(call: () => Promise<unknown>): Promise<CriteoError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof CriteoError)) throw new Error(`expected a CriteoError, got ${String(caught)}`);
  errorMessages.push(...messagesOf(caught));
  return caught;
}

/** Sets up a fresh emulator and client per test, closes both after it. */
function useEmulator(options: EmulatorOptions = {}) {
  let current: { emulator: Emulator; client: CriteoClient } | null = null;
  beforeEach(async () => {
    const emulator = await startEmulator({ rateLimit: false, ...options });
    current = { emulator, client: clientFor(emulator.url) };
  });
  afterEach(async () => {
    if (!current) return;
    const { emulator, client } = current;
    current = null;
    // Remember the token the client held, to check no error message carries it.
    const token = await client.tokens.get().catch(() => null);
    if (token) seenTokens.add(token);
    await client.close();
    await emulator.close();
  });
  const started = () => {
    if (!current) throw new Error('the emulator is only available inside a test');
    return current;
  };
  return {
    get emulator(): Emulator {
      return started().emulator;
    },
    get client(): CriteoClient {
      return started().client;
    },
  };
}

function ids(list: readonly { id?: string | null | undefined }[] | null | undefined): (string | null)[] {
  return (list ?? []).map((item) => item.id ?? null);
}

describe('CriteoClient reads (against the emulator)', () => {
  const t = useEmulator();

  it('searchAudienceSegments applies filters and paging, and returns typed data with page meta', async () => {
    const result = await t.client.searchAudienceSegments(
      {
        advertiserIds: ['4949'],
        audienceSegmentIds: ['100001', '100002', '100021'],
        audienceSegmentTypes: ['InMarket'],
      },
      { limit: 10, offset: 0 },
    );
    expect(ids(result.data)).toEqual(['100001', '100002']);
    expect(result.meta).toEqual({ totalItems: 2, limit: 10, offset: 0 });
    const first = result.data?.[0];
    expect(first?.type).toBe('AudienceSegment');
    expect(first?.attributes?.advertiserId).toBe('4949');
    expect(first?.attributes?.type).toBe('InMarket');
    expect(first?.attributes?.inMarket?.country).toBe('FR');

    const calls = t.emulator.requests.list('SearchAudienceSegments');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.status).toBe(200);
    expect(calls[0]?.ids).toEqual(['100001', '100002', '100021']);
    expect(calls[0]?.query).toEqual({ limit: '10', offset: '0' });
  });

  it('searchAudienceSegments pages through an advertiser', async () => {
    const result = await t.client.searchAudienceSegments(
      { advertiserIds: ['4949'] },
      { limit: 5, offset: 10 },
    );
    expect(ids(result.data)).toEqual(['100011', '100012', '100013', '100014', '100015']);
    expect(result.meta).toEqual({ totalItems: 108, limit: 5, offset: 10 });
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('searchAudiences returns typed audiences with their algebra and ad sets', async () => {
    const result = await t.client.searchAudiences(
      { audienceIds: ['500001', '500002'] },
      { limit: 50, offset: 0 },
    );
    expect(ids(result.data)).toEqual(['500001', '500002']);
    expect(result.meta).toEqual({ totalItems: 2, limit: 50, offset: 0 });
    const [first, second] = result.data ?? [];
    expect(first?.attributes?.advertiserId).toBe('4949');
    expect(first?.attributes?.algebra).toEqual({ audienceSegmentId: '100081' });
    expect(first?.attributes?.adSetIds).toEqual(['494900']);
    expect(second?.attributes?.algebra?.and).toHaveLength(2);

    const calls = t.emulator.requests.list('SearchAudiences');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['500001', '500002']);
  });

  it('computeAudienceSegmentSizes returns sizes of good ids and @data/N errors of bad ones', async () => {
    const requested = ['100001', '100031', '100032', '999999', '100021'];
    const result = await t.client.computeAudienceSegmentSizes(requested);
    expect(ids(result.data)).toEqual(['100001', '100021']);
    for (const item of result.data ?? []) {
      expect(item.type).toBe('AudienceSegmentSize');
      expect(item.attributes?.size).toBeGreaterThanOrEqual(1000);
    }
    expect((result.errors ?? []).map((e) => [e.instance, e.code])).toEqual([
      ['@data/1', 'segment-size-not-available'],
      ['@data/2', 'segment-size-too-small'],
      ['@data/3', 'segment-not-found'],
    ]);
    for (const error of result.errors ?? []) expect(error.traceId).toEqual(expect.any(String));

    const calls = t.emulator.requests.list('ComputeAudienceSegmentsSizes');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(requested);
  });

  it('computeAudienceSizes returns sizes and per-item errors', async () => {
    const result = await t.client.computeAudienceSizes(['500001', '999999', '500002']);
    expect(ids(result.data)).toEqual(['500001', '500002']);
    expect(result.data?.[0]?.attributes?.size).toEqual(expect.any(Number));
    expect((result.errors ?? []).map((e) => [e.instance, e.code])).toEqual([
      ['@data/1', 'audience-not-found'],
    ]);

    const calls = t.emulator.requests.list('ComputeAudiencesSizes');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['500001', '999999', '500002']);
  });

  it('getAudienceSegmentsInMarketInterests and ...Brands return the catalog of a country', async () => {
    const interests = await t.client.getAudienceSegmentsInMarketInterests('4949', 'FR');
    expect(interests.data?.length).toBeGreaterThan(0);
    for (const interest of interests.data ?? []) {
      expect(interest.id).toEqual(expect.any(String));
      expect(interest.type).toBe('InMarketAudienceSegmentInterest');
    }
    const brands = await t.client.getAudienceSegmentsInMarketBrands('4949', 'FR');
    expect(brands.data?.length).toBeGreaterThan(0);
    for (const brand of brands.data ?? []) {
      expect(brand.attributes?.name).toEqual(expect.any(String));
      expect(brand.attributes?.size).toEqual(expect.any(Number));
    }

    const interestCalls = t.emulator.requests.list('GetAudienceSegmentsInMarketInterests');
    const brandCalls = t.emulator.requests.list('GetAudienceSegmentsInMarketBrands');
    expect(interestCalls).toHaveLength(1);
    expect(brandCalls).toHaveLength(1);
    expect(interestCalls[0]?.query).toEqual({ 'advertiser-id': '4949', country: 'FR' });
    expect(brandCalls[0]?.query).toEqual({ 'advertiser-id': '4949', country: 'FR' });
  });

  it('getAudienceSegmentContactListStatistics returns the statistics of one list', async () => {
    const result = await t.client.getAudienceSegmentContactListStatistics('100033');
    expect(result.data?.id).toBe('100033');
    const stats = result.data?.attributes;
    expect(stats?.numberOfIdentifiers).toBeGreaterThan(0);
    expect(stats?.numberOfMatches).toBeLessThanOrEqual(stats?.numberOfIdentifiers ?? 0);
    expect(stats?.matchRate).toBeGreaterThan(0);
    expect(stats?.matchRate).toBeLessThan(1);

    const calls = t.emulator.requests.list('GetAudienceSegmentContactListStatistics');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(['100033']);
  });

  it('getCurrentApplication returns the application behind the token', async () => {
    const result = await t.client.getCurrentApplication();
    expect(result.data).toEqual({
      type: 'Application',
      attributes: {
        applicationId: 1001,
        criteoService: 'MarketingSolutions',
        description: 'The embedded emulator demo application',
        name: 'Demo application',
        organizationId: 42,
      },
    });
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(1);
  });
});

describe('CriteoClient writes (against the emulator)', () => {
  const t = useEmulator();

  it('segments and contact lists round-trip: create, update, amend, statistics, clear, delete', async () => {
    const created = await t.client.createAudienceSegments([
      { advertiserId: '4949', name: 'Client test list', description: 'from the test', contactList: {} },
      { advertiserId: '4949', name: 'Client test prospects', prospecting: { usersType: 'Prospects' } },
    ]);
    expect(created.errors ?? []).toEqual([]);
    const [list, prospects] = created.data ?? [];
    const listId = list?.id ?? '';
    const prospectsId = prospects?.id ?? '';
    expect(listId).toMatch(/^\d+$/);
    expect(prospectsId).toMatch(/^\d+$/);
    expect(list?.attributes).toMatchObject({
      advertiserId: '4949',
      name: 'Client test list',
      type: 'ContactList',
    });
    expect(prospects?.attributes?.type).toBe('Prospecting');
    expect(prospects?.attributes?.prospecting?.usersType).toBe('Prospects');

    const updated = await t.client.updateAudienceSegments([
      {
        id: prospectsId,
        attributes: { name: 'Client test prospects (renamed)', description: { value: null } },
      },
    ]);
    expect(ids(updated.data)).toEqual([prospectsId]);
    expect(updated.data?.[0]?.attributes?.name).toBe('Client test prospects (renamed)');
    expect(updated.data?.[0]?.attributes?.description).toBeNull();

    const amended = await t.client.updateContactListByAudienceSegment(listId, {
      operation: 'add',
      identifierType: 'email',
      identifiers: ['jane@example.com', 'john@example.com', 'not-an-email'],
    });
    expect(amended.data.type).toBe('ContactlistAmendment');
    expect(amended.data.attributes).toMatchObject({
      contactListId: Number(listId),
      operation: 'add',
      identifierType: 'email',
      nbValidIdentifiers: 2,
      nbInvalidIdentifiers: 1,
      sampleInvalidIdentifiers: ['not-an-email'],
    });

    const stats = await t.client.getAudienceSegmentContactListStatistics(listId);
    expect(stats.data?.attributes?.numberOfIdentifiers).toBe(2);

    const cleared = await t.client.deleteContactListByAudienceSegment(listId);
    expect(cleared.data.id).toBe(listId);
    expect(cleared.data.attributes?.name).toBe('Client test list');
    const afterClear = await t.client.getAudienceSegmentContactListStatistics(listId);
    expect(afterClear.data?.attributes?.numberOfIdentifiers).toBe(0);

    const deleted = await t.client.deleteAudienceSegments([listId, prospectsId]);
    expect(deleted.data).toEqual([
      { id: listId, type: 'AudienceSegment', attributes: {} },
      { id: prospectsId, type: 'AudienceSegment', attributes: {} },
    ]);
    const search = await t.client.searchAudienceSegments(
      { audienceSegmentIds: [listId, prospectsId] },
      { limit: 10, offset: 0 },
    );
    expect(search.data).toEqual([]);

    const log = t.emulator.requests;
    expect(log.list('CreateAudienceSegments').map((e) => [e.status, e.ids])).toEqual([[200, []]]);
    expect(log.list('UpdateAudienceSegments').map((e) => [e.status, e.ids])).toEqual([[200, [prospectsId]]]);
    expect(log.list('UpdateContactListByAudienceSegment').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId]],
    ]);
    expect(log.list('DeleteContactListByAudienceSegment').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId]],
    ]);
    expect(log.list('DeleteAudienceSegments').map((e) => [e.status, e.ids])).toEqual([
      [200, [listId, prospectsId]],
    ]);
    expect(log.count('GetAudienceSegmentContactListStatistics')).toBe(2);
    expect(log.count('OAuthToken')).toBe(1);
  });

  it('audiences round-trip: create, update, link to an ad set, delete', async () => {
    const created = await t.client.createAudiences([
      { advertiserId: '4949', name: 'Client test audience A', algebra: { audienceSegmentId: '100001' } },
      {
        advertiserId: '4949',
        name: 'Client test audience B',
        algebra: { and: [{ audienceSegmentId: '100002' }, { not: { audienceSegmentId: '100033' } }] },
      },
    ]);
    expect(created.errors ?? []).toEqual([]);
    const [a, b] = created.data ?? [];
    const aId = a?.id ?? '';
    const bId = b?.id ?? '';
    expect(aId).toMatch(/^\d+$/);
    expect(bId).toMatch(/^\d+$/);
    expect(a?.attributes).toMatchObject({ advertiserId: '4949', algebra: { audienceSegmentId: '100001' } });

    const updated = await t.client.updateAudiences([
      { id: aId, attributes: { name: 'Client test audience A2', description: { value: 'described' } } },
    ]);
    expect(ids(updated.data)).toEqual([aId]);
    expect(updated.data?.[0]?.attributes).toMatchObject({
      name: 'Client test audience A2',
      description: 'described',
    });

    // 494901 is a demo ad set of advertiser 4949 that targets no audience yet.
    const adSet = await t.client.getAdSet('494901');
    expect(adSet.data).toEqual({
      id: '494901',
      type: 'AdSet',
      attributes: { advertiserId: '4949', name: 'Acme Shoes ad set 2' },
    });
    const linked = await t.client.updateAdSetAudience('494901', aId);
    expect(linked.data).toEqual({ id: '494901', type: 'AdSetAudienceLink', attributes: { audienceId: aId } });
    const search = await t.client.searchAudiences({ audienceIds: [aId] }, { limit: 10, offset: 0 });
    expect(search.data?.[0]?.attributes?.adSetIds).toEqual(['494901']);

    const deleted = await t.client.deleteAudiences([bId]);
    expect(deleted.data).toEqual([{ id: bId, type: 'Audience', attributes: {} }]);
    expect(deleted.errors ?? []).toEqual([]);
    const gone = await t.client.searchAudiences({ audienceIds: [bId] }, { limit: 10, offset: 0 });
    expect(gone.meta?.totalItems).toBe(0);

    const log = t.emulator.requests;
    expect(log.list('CreateAudiences').map((e) => e.status)).toEqual([200]);
    expect(log.list('UpdateAudiences').map((e) => [e.status, e.ids])).toEqual([[200, [aId]]]);
    expect(log.list('GetAdSet').map((e) => [e.status, e.ids])).toEqual([[200, ['494901']]]);
    expect(log.list('UpdateAdSetAudience').map((e) => [e.status, e.ids])).toEqual([[200, ['494901']]]);
    expect(log.list('DeleteAudiences').map((e) => [e.status, e.ids])).toEqual([[200, [bId]]]);
    expect(log.count('SearchAudiences')).toBe(2);
  });

  it('estimateAudienceSegmentSize and estimateAudienceSize return a size', async () => {
    const segment = await t.client.estimateAudienceSegmentSize({
      advertiserId: '4949',
      location: {
        pointsOfInterest: [{ name: 'Paris Opéra', latitude: 48.87196, longitude: 2.33159 }],
        radiusInKm: 10,
      },
    });
    expect(segment.data?.attributes?.size).toBeGreaterThanOrEqual(1000);

    const audience = await t.client.estimateAudienceSize({
      advertiserId: '4949',
      algebra: { or: [{ audienceSegmentId: '100001' }, { audienceSegmentId: '100002' }] },
    });
    expect(audience.data?.attributes?.size).toBeGreaterThanOrEqual(1000);

    const log = t.emulator.requests;
    expect(log.list('EstimateAudienceSegmentsSizes').map((e) => e.status)).toEqual([200]);
    expect(log.list('EstimateAudiencesSizes').map((e) => e.status)).toEqual([200]);
    expect(log.list('EstimateAudiencesSizes')[0]?.body).toEqual({
      data: {
        type: 'Audience',
        attributes: {
          advertiserId: '4949',
          algebra: { or: [{ audienceSegmentId: '100001' }, { audienceSegmentId: '100002' }] },
        },
      },
    });
  });
});

describe('CriteoClient token caching', () => {
  const t = useEmulator();

  it('10 sequential calls fetch one token', async () => {
    for (let i = 0; i < 10; i++) await t.client.getCurrentApplication();
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(10);
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
  });

  it('100 concurrent calls on a cold client share one token request (single flight)', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => t.client.getCurrentApplication()));
    expect(results.every((r) => r.data?.attributes?.applicationId === 1001)).toBe(true);
    expect(t.emulator.requests.count('GetCurrentApplication')).toBe(100);
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
  });
});

describe('CriteoClient token refresh before expiry', () => {
  const t = useEmulator({ tokenTtlSeconds: 1 });

  it('refreshes an expiring token once for 100 concurrent calls', async () => {
    await t.client.getCurrentApplication();
    expect(t.emulator.requests.count('OAuthToken')).toBe(1);
    // The token lives 1 s and the client refreshes it 10% before expiry: past that point, it must refresh.
    await sleep(1200);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => t.client.getCurrentApplication()),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
    const calls = t.emulator.requests.list('GetCurrentApplication');
    expect(calls).toHaveLength(101);
    expect(calls.every((c) => c.status === 200)).toBe(true);
  });
});

describe('CriteoClient 401 handling', () => {
  const t = useEmulator();

  it('retries once with a new token when the token was expired upstream', async () => {
    await t.client.getCurrentApplication();
    t.emulator.tokens.expireAll();
    const result = await t.client.searchAudienceSegments(
      { audienceSegmentIds: ['100001'] },
      { limit: 1, offset: 0 },
    );
    expect(ids(result.data)).toEqual(['100001']);
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([401, 200]);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('50 concurrent calls hitting an expired token share one new token request', async () => {
    await t.client.getCurrentApplication();
    t.emulator.tokens.expireAll();
    const results = await Promise.all(Array.from({ length: 50 }, () => t.client.getCurrentApplication()));
    expect(results.every((r) => r.data?.attributes?.applicationId === 1001)).toBe(true);
    const statuses = t.emulator.requests.list('GetCurrentApplication').map((e) => e.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.filter((s) => s === 200)).toHaveLength(51);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    await t.client.getCurrentApplication();
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'status', status: 401 }, 2);
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 1, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([401, 401]);
    expect(t.emulator.requests.count('OAuthToken')).toBe(2);
  });

  it('a wrong client secret is CRITEO_AUTH_FAILED without the credentials in the message', async () => {
    const secret = 'wrong-secret-4f8a1c';
    const client = clientFor(t.emulator.url, secret);
    try {
      const error = await criteoFailure(() => client.getCurrentApplication());
      expect(error.code).toBe('CRITEO_AUTH_FAILED');
      expect(error.status).toBe(401);
      for (const message of messagesOf(error)) {
        expect(message).not.toContain(secret);
        expect(message).not.toContain(CLIENT_ID);
      }
      expect(t.emulator.requests.count('OAuthToken')).toBe(1);
      expect(t.emulator.requests.count('GetCurrentApplication')).toBe(0);
    } finally {
      await client.close();
    }
  });
});

describe('CriteoClient error mapping', () => {
  const t = useEmulator();

  it('403 is CRITEO_FORBIDDEN with the Criteo code and trace id', async () => {
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['7070'] }, { limit: 10, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_FORBIDDEN');
    expect(error.status).toBe(403);
    expect(error.criteoCode).toBe('advertiser-not-authorized');
    expect(error.traceId).toEqual(expect.any(String));
    expect(error.traceId?.length).toBeGreaterThan(0);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([403]);
  });

  it('retries a 503 on a safe call and succeeds', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'status', status: 503 }, 1);
    await expect(t.client.getCurrentApplication()).resolves.toMatchObject({ data: { type: 'Application' } });
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([503, 200]);
  });

  it('gives up after 3 retries with CRITEO_UNAVAILABLE', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'status', status: 503 }, 4);
    const error = await criteoFailure(() => t.client.getCurrentApplication());
    expect(error.code).toBe('CRITEO_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([
      503, 503, 503, 503,
    ]);
  });

  it('never re-sends a write: a 503 on a create fails at once', async () => {
    t.emulator.faults.failNext('CreateAudienceSegments', { kind: 'status', status: 503 }, 1);
    const error = await criteoFailure(() =>
      t.client.createAudienceSegments([{ advertiserId: '4949', name: 'Not re-sent', contactList: {} }]),
    );
    expect(error.code).toBe('CRITEO_UNAVAILABLE');
    expect(t.emulator.requests.count('CreateAudienceSegments')).toBe(1);
  });

  it('an injected 429 storm is CRITEO_RATE_LIMITED after bounded retries', async () => {
    t.emulator.faults.failNext('GetCurrentApplication', { kind: 'rateLimit' }, 4);
    const error = await criteoFailure(() => t.client.getCurrentApplication());
    expect(error.code).toBe('CRITEO_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.criteoCode).toBe('rate-limit-exceeded');
    expect(t.emulator.requests.list('GetCurrentApplication').map((e) => e.status)).toEqual([
      429, 429, 429, 429,
    ]);
  });

  it('limit 101 is CRITEO_BAD_REQUEST pagination-limit-too-big', async () => {
    const error = await criteoFailure(() =>
      t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 101, offset: 0 }),
    );
    expect(error.code).toBe('CRITEO_BAD_REQUEST');
    expect(error.status).toBe(400);
    expect(error.criteoCode).toBe('pagination-limit-too-big');
    expect(t.emulator.requests.list('SearchAudienceSegments').map((e) => e.status)).toEqual([400]);
  });
});

describe('CriteoClient contract drift and broken responses', () => {
  const t = useEmulator();
  const search = () => t.client.searchAudienceSegments({ advertiserIds: ['4949'] }, { limit: 5, offset: 0 });

  it('schema drift is a CriteoContractError naming the operation and the path', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'schemaDrift' }, 1);
    const error = await criteoFailure(search);
    expect(error).toBeInstanceOf(CriteoContractError);
    if (!(error instanceof CriteoContractError)) return;
    expect(error.code).toBe('CRITEO_CONTRACT_MISMATCH');
    expect(error.path).toBe('data.0.id');
    expect(error.message).toContain('SearchAudienceSegments');
    expect(error.message).toContain('data.0.id');
    expect(error.status).toBe(200);
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('a truncated JSON body is a CriteoContractError saying the body is not valid JSON', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'malformedJson' }, 1);
    const error = await criteoFailure(search);
    expect(error).toBeInstanceOf(CriteoContractError);
    expect(error.code).toBe('CRITEO_CONTRACT_MISMATCH');
    expect(error.message).toContain('SearchAudienceSegments');
    expect(error.message).toContain('not valid JSON');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(1);
  });

  it('retries a reset connection on a safe call', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'connectionReset' }, 1);
    const result = await search();
    expect(result.data).toHaveLength(5);
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(2);
  });

  it('reports connections reset on every attempt as CRITEO_NETWORK_ERROR', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'connectionReset' }, 4);
    const error = await criteoFailure(search);
    expect(error.code).toBe('CRITEO_NETWORK_ERROR');
    expect(error).not.toBeInstanceOf(CriteoContractError);
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(4);
    const next = await search();
    expect(next.data).toHaveLength(5);
  });

  it('re-requests a safe call when its response is lost mid-body', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'lostResponse' }, 1);
    expect((await search()).data).toHaveLength(5);
    // The lost call, undici's Range request for the rest (refused: a full 200 comes back), a fresh request.
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(3);
  });

  it('a response lost mid-body on every attempt is CRITEO_NETWORK_ERROR', async () => {
    t.emulator.faults.failNext('SearchAudienceSegments', { kind: 'lostResponse' }, 10);
    const error = await criteoFailure(search);
    expect(error.code).toBe('CRITEO_NETWORK_ERROR');
    expect(error.operation).toBe('SearchAudienceSegments');
    expect(t.emulator.requests.count('SearchAudienceSegments')).toBe(4);
    t.emulator.faults.clear();
  });
});

describe.each(['omit', 'null'] as const)('CriteoClient with empty problem lists written as %s', (mode) => {
  const t = useEmulator({ emptyProblemLists: mode });
  const empty = mode === 'omit' ? undefined : null;

  it('parses responses without problems', async () => {
    const search = await t.client.searchAudienceSegments(
      { advertiserIds: ['4949'] },
      { limit: 3, offset: 0 },
    );
    expect(ids(search.data)).toEqual(['100001', '100002', '100003']);
    expect(search.errors).toBe(empty);
    expect(search.warnings).toBe(empty);

    const sizes = await t.client.computeAudienceSegmentSizes(['100001', '100021']);
    expect(ids(sizes.data)).toEqual(['100001', '100021']);
    expect(sizes.errors).toBe(empty);

    const me = await t.client.getCurrentApplication();
    expect(me.data?.attributes?.applicationId).toBe(1001);
    expect(me.errors).toBe(empty);

    // Non-empty lists are still arrays.
    const mixed = await t.client.computeAudienceSegmentSizes(['100001', '999999']);
    expect((mixed.errors ?? []).map((e) => e.instance)).toEqual(['@data/1']);
    expect(mixed.warnings).toBe(empty);
  });
});

describe('deleteAudiences with a 204 answer', () => {
  let server: Server;
  let url: string;
  const received: { method: string | undefined; url: string | undefined; body: string }[] = [];

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  beforeEach(async () => {
    received.length = 0;
    server = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ method: request.method, url: request.url, body });
        if (request.method === 'POST' && request.url === '/oauth2/token') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              access_token: 'stub-token',
              token_type: 'Bearer',
              expires_in: 900,
              refresh_token: null,
            }),
          );
          return;
        }
        if (
          request.method === 'POST' &&
          request.url === `/${API_VERSION}/marketing-solutions/audiences/delete`
        ) {
          response.writeHead(204);
          response.end();
          return;
        }
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ code: 'not-found' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('normalizes an empty 204 into the list of deleted ids', async () => {
    const client = clientFor(url);
    try {
      const result = await client.deleteAudiences(['500001', '500002']);
      expect(result.data).toEqual([
        { id: '500001', type: 'Audience', attributes: {} },
        { id: '500002', type: 'Audience', attributes: {} },
      ]);
      expect(result.errors ?? []).toEqual([]);
      expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /oauth2/token',
        `POST /${API_VERSION}/marketing-solutions/audiences/delete`,
      ]);
      expect(JSON.parse(received[1]?.body ?? 'null')).toEqual({
        data: [
          { id: '500001', type: 'Audience', attributes: {} },
          { id: '500002', type: 'Audience', attributes: {} },
        ],
      });
    } finally {
      await client.close();
    }
  });
});

describe('error messages', () => {
  afterAll(() => {
    errorMessages.length = 0;
    seenTokens.clear();
  });

  it('never carry the client secret or a bearer token', () => {
    // Filled by the error tests above (vitest runs the tests of a file in order).
    expect(errorMessages.length).toBeGreaterThan(10);
    expect(seenTokens.size).toBeGreaterThan(0);
    for (const message of errorMessages) {
      expect(message).not.toContain(CLIENT_SECRET);
      expect(message).not.toMatch(/bearer/i);
      expect(message).not.toContain(JWT_PREFIX);
      for (const token of seenTokens) expect(message).not.toContain(token);
    }
  });
});

describe('token endpoint failures', () => {
  it('reports a token response cut mid-body as CRITEO_NETWORK_ERROR and a 503 as CRITEO_UNAVAILABLE', async () => {
    const emulator = await startEmulator({ rateLimit: false, demoData: false });
    const client = createCriteoClient({
      apiUrl: emulator.url,
      apiVersion: API_VERSION,
      auth: { credentials: { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' } },
    });
    try {
      // Cut once, the call asks again; cut twice, it fails without reaching the API.
      emulator.faults.failNext('OAuthToken', { kind: 'lostResponse' }, 2);
      await expect(client.getCurrentApplication()).rejects.toMatchObject({
        code: 'CRITEO_NETWORK_ERROR',
        operation: 'OAuthToken',
      });
      expect(emulator.requests.count('OAuthToken')).toBe(2);
      expect(emulator.requests.count('GetCurrentApplication')).toBe(0);
      emulator.faults.failNext('OAuthToken', { kind: 'status', status: 503 });
      await expect(client.getCurrentApplication()).rejects.toMatchObject({
        code: 'CRITEO_UNAVAILABLE',
        status: 503,
      });
      await expect(client.getCurrentApplication()).resolves.toMatchObject({ data: { type: 'Application' } });
    } finally {
      await client.close();
      await emulator.close();
    }
  });
});
