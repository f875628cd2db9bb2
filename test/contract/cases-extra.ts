/** More behaviours of some operations: every demo record page by page, and refusals. */
import { expect } from 'vitest';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  record,
  SECOND_DEMO_ADVERTISER,
} from '../support/emulator.js';
import { expectValidResponse } from '../support/openapi.js';
import { callOperation, idsOf, problemList } from './contract-client.js';
import { api, audienceSearchBody, ok, searchBody, UNKNOWN_ID } from './fixtures.js';

async function pageThrough(operationId: string, body: unknown, visibleCount: number) {
  const seen: string[] = [];
  let offset = 0;
  let totalItems = Number.POSITIVE_INFINITY;
  let pages = 0;
  while (offset < totalItems) {
    const page = await ok(operationId, { query: { limit: 100, offset }, body });
    const meta = record(page.meta);
    expect(meta).toMatchObject({ limit: 100, offset });
    totalItems = Number(meta.totalItems);
    const ids = idsOf(page);
    expect(ids.length).toBe(Math.min(100, totalItems - offset));
    seen.push(...ids);
    offset += 100;
    pages += 1;
  }
  expect(totalItems).toBe(visibleCount);
  expect(new Set(seen).size).toBe(visibleCount);
  return pages;
}

const visibleAdvertisers = [DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER];

/**
 * A refused call: its status, one problem of `code`, and a body that is still the operation's envelope
 * (the spec declares only the 200, whose `errors` are `CommonProblem`s).
 */
async function expectRefusal(
  operationId: string,
  params: Record<string, string>,
  status: number,
  code: string,
) {
  const response = await callOperation(api, operationId, { params });
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expectValidResponse(operationId, 200, response.body);
  expect(problemList(record(response.body)).map((p) => p.code)).toEqual([code]);
  expect(record(response.body).data ?? null).toBeNull();
}

export const EXTRA_CASES: Record<string, [string, () => Promise<void>][]> = {
  GetAdSet: [
    [
      'answers 404 ad-set-not-found for an unknown ad set',
      () => expectRefusal('GetAdSet', { 'ad-set-id': UNKNOWN_ID }, 404, 'ad-set-not-found'),
    ],
    [
      "answers 403 advertiser-not-authorized for another application's ad set",
      async () => {
        const other = [...api.emulator.store.adSets.values()].find(
          (a) => a.advertiserId === OTHER_APP_ADVERTISER,
        );
        if (!other) throw new Error('no demo ad set of another application');
        await expectRefusal('GetAdSet', { 'ad-set-id': other.id }, 403, 'advertiser-not-authorized');
      },
    ],
  ],
  SearchAudienceSegments: [
    [
      'answers every page of all the demo segments with bodies that match the spec',
      async () => {
        const visible = [...api.emulator.store.segments.values()].filter((s) =>
          visibleAdvertisers.includes(s.attributes.advertiserId),
        );
        // Every segment type is present, Unknown and Behavioral included.
        expect(new Set(visible.map((s) => s.attributes.type)).size).toBe(8);
        expect(await pageThrough('SearchAudienceSegments', searchBody({}), visible.length)).toBeGreaterThan(
          2,
        );
      },
    ],
  ],
  SearchAudiences: [
    [
      'answers every page of all the demo audiences with bodies that match the spec',
      async () => {
        const visible = [...api.emulator.store.audiences.values()].filter((a) =>
          visibleAdvertisers.includes(a.attributes.advertiserId),
        );
        expect(visible.length).toBeGreaterThanOrEqual(60);
        await pageThrough('SearchAudiences', audienceSearchBody({}), visible.length);
      },
    ],
  ],
};
