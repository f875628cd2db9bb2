/**
 * Shared fixtures of the contract tests (operations.test.ts and its case tables): the emulator under
 * test, demo records to point at, and writes whose own responses are validated as they create fixtures.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { SegmentRecord } from '../../src/emulator/store.js';
import { DEMO_ADVERTISER, startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { expectContract, idsOf, type OperationCall, problemList } from './contract-client.js';

export type JsonObject = Record<string, unknown>;

/** The emulator of this test file: set by `useContractEmulator`, read by every helper below. */
export let api: TestEmulator;

/** Starts the emulator before the file's tests and closes it after (call once, at the top level). */
export function useContractEmulator(): void {
  beforeAll(async () => {
    api = await startTestEmulator();
  });
  afterAll(async () => {
    await api.close();
  });
}

export const ok = (operationId: string, call: OperationCall = {}) => expectContract(api, operationId, call);

let sequence = 0;
export const uniqueName = (label: string) => `Contract ${label} ${++sequence}`;

/** An id no entity has: the demo ids start at 100001 (segments) and 500001 (audiences). */
export const UNKNOWN_ID = '999999999';

// ---- demo data ----

export function demoSegments(advertiserId = DEMO_ADVERTISER): SegmentRecord[] {
  return [...api.emulator.store.segments.values()].filter((s) => s.attributes.advertiserId === advertiserId);
}

export function demoSegmentOfType(type: string, advertiserId = DEMO_ADVERTISER): SegmentRecord {
  const found = demoSegments(advertiserId).find((s) => s.attributes.type === type);
  if (!found) throw new Error(`no demo ${type} segment for advertiser ${advertiserId}`);
  return found;
}

/** A writable demo contact list with identifiers (a valid lookalike seed, with a size). */
export function populatedContactList(advertiserId = DEMO_ADVERTISER): SegmentRecord {
  const found = demoSegments(advertiserId).find(
    (s) =>
      s.contactList !== undefined &&
      !s.attributes.contactList?.isReadOnly &&
      s.contactList.syntheticCount > 5_000,
  );
  if (!found) throw new Error(`no populated contact list for advertiser ${advertiserId}`);
  return found;
}

export function freeAdSetId(advertiserId = DEMO_ADVERTISER): string {
  const found = [...api.emulator.store.adSets.values()].find(
    (a) => a.advertiserId === advertiserId && a.audienceId === null,
  );
  if (!found) throw new Error(`no free ad set for advertiser ${advertiserId}`);
  return found.id;
}

export function linkedAudienceId(advertiserId = DEMO_ADVERTISER): string {
  const found = [...api.emulator.store.adSets.values()].find(
    (a) => a.advertiserId === advertiserId && a.audienceId !== null,
  );
  if (!found?.audienceId) throw new Error(`no ad set with an audience for advertiser ${advertiserId}`);
  return found.audienceId;
}

// ---- writes used as fixtures (their responses are validated too) ----

export const segmentItem = (attributes: JsonObject) => ({
  type: 'AudienceSegment',
  attributes: { advertiserId: DEMO_ADVERTISER, ...attributes },
});

export async function createSegment(attributes: JsonObject): Promise<string> {
  const body = await ok('CreateAudienceSegments', { body: { data: [segmentItem(attributes)] } });
  expect(problemList(body)).toEqual([]);
  const [id] = idsOf(body);
  if (!id) throw new Error('no segment created');
  return id;
}

export const createContactList = () => createSegment({ name: uniqueName('contact list'), contactList: {} });

export const retargetingSettings = {
  visitorsType: 'Buyers',
  daysSinceLastVisitMin: 0,
  daysSinceLastVisitMax: 30,
};
export const locationSettings = {
  pointsOfInterest: [{ name: 'Paris Opéra', latitude: 48.871963, longitude: 2.331594 }],
  radiusInKm: 10,
};

export const audienceItem = (attributes: JsonObject) => ({
  type: 'Audience',
  attributes: { advertiserId: DEMO_ADVERTISER, ...attributes },
});

export const leaf = (audienceSegmentId: string) => ({ audienceSegmentId });
/** Demo segments that all have a size: (in-market or behavioral) and not a populated contact list. */
export const mixedAlgebra = () => ({
  and: [
    { or: [leaf(demoSegmentOfType('InMarket').id), leaf(demoSegmentOfType('Behavioral').id)] },
    { not: leaf(populatedContactList().id) },
  ],
});

export async function createAudience(algebra: JsonObject = mixedAlgebra()): Promise<string> {
  const body = await ok('CreateAudiences', {
    body: { data: [audienceItem({ name: uniqueName('audience'), algebra })] },
  });
  expect(problemList(body)).toEqual([]);
  const [id] = idsOf(body);
  if (!id) throw new Error('no audience created');
  return id;
}

export async function inMarketCatalog(advertiserId: string, country: string) {
  const query = { 'advertiser-id': advertiserId, country };
  const interests = idsOf(await ok('GetAudienceSegmentsInMarketInterests', { query }));
  const brands = idsOf(await ok('GetAudienceSegmentsInMarketBrands', { query }));
  return { interests, brands };
}

export const searchBody = (attributes: JsonObject) => ({ data: { type: 'AudienceSegment', attributes } });
export const audienceSearchBody = (attributes: JsonObject) => ({ data: { type: 'Audience', attributes } });
