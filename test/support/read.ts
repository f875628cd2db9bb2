/**
 * Shared fixtures of the read-path tests (gateway-read-*.test.ts): the demo store seen through the
 * schema's eyes, and the emulator called directly as the oracle of what the gateway should answer.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import type { AudienceSegmentType } from '../../src/contract/audience-segment.js';
import type { AudienceRecord, SegmentRecord } from '../../src/emulator/store.js';
import { startTestGateway, type TestGateway } from './gateway.js';

const VISIBLE = ['4949', '5050'];

/** The GraphQL member of each Criteo segment type (the schema's contract). */
export const MEMBER: Record<AudienceSegmentType, string> = {
  InMarket: 'InMarketSegment',
  Prospecting: 'ProspectingSegment',
  ContactList: 'ContactListSegment',
  Location: 'LocationSegment',
  Behavioral: 'BehavioralSegment',
  Retargeting: 'RetargetingSegment',
  Lookalike: 'LookalikeSegment',
  Unknown: 'UnknownSegment',
};

/** Criteo's PascalCase wire value -> the GraphQL enum value (`VeryHigh` -> `VERY_HIGH`). */
export const enumValue = (value: string) => value.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
const enumOrNull = (value: string | null | undefined) => (value == null ? null : enumValue(value));

/** A DateTime as the gateway serializes it: the same instant, in UTC with milliseconds. */
export const dateTime = (value: string | null | undefined) =>
  value == null ? null : new Date(value).toISOString();

export const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

export const COMMON = 'id name description type advertiserId createdAt updatedAt';

export const MEMBER_FIELDS = /* GraphQL */ `
  __typename
  ... on Segment { ${COMMON} }
  ... on InMarketSegment { country interestIds brandIds buyingPower priceRange gender }
  ... on ProspectingSegment { usersType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on ContactListSegment { isReadOnly statistics { ... on ContactListStatistics { numberOfIdentifiers numberOfMatches matchRate } } }
  ... on LocationSegment { registryType radiusInKm pointsOfInterest { name latitude longitude } }
  ... on BehavioralSegment { category country startDate endDate }
  ... on RetargetingSegment { visitorsType daysSinceLastVisitMin daysSinceLastVisitMax }
  ... on LookalikeSegment { seedSegmentId targetSize seedSegment { __typename ... on Segment { id name } } }
`;

export const SIZE = /* GraphQL */ `
  size {
    __typename
    ... on AudienceSize { value }
    ... on CriteoProblem { code message title detail type traceId source { field path } }
  }
`;

const SearchBodySchema = z.object({
  data: z.object({ type: z.string(), attributes: z.record(z.string(), z.unknown()) }),
});
const StatisticsResponseSchema = z.object({
  data: z.object({
    attributes: z.object({
      numberOfIdentifiers: z.number(),
      numberOfMatches: z.number(),
      matchRate: z.number(),
    }),
  }),
});

/**
 * The gateway of the read tests. The audience tests select the algebra five levels deep through the
 * recursive union: 3^5 branches, about 44,000 tokens and a cost of 142,530 for a page of 30.
 * Production rightly refuses that (5,000 tokens, cost 50,000); `Audience.algebraNodes` reads any
 * depth within them.
 */
export function startReadGateway(): Promise<TestGateway> {
  return startTestGateway({ env: { MAX_OPERATION_TOKENS: '60000', MAX_OPERATION_COST: '150000' } });
}

/** Readers of the demo store and of the emulator for `gateway()` (a getter: it starts in `beforeAll`). */
export function readFixtures(gateway: () => TestGateway) {
  const store = () => gateway().emulator.store;

  /** Visible segments (optionally of one advertiser / type), in Criteo's order (by id). */
  function segments(filter: { advertiserId?: string; type?: AudienceSegmentType } = {}): SegmentRecord[] {
    return [...store().segments.values()]
      .filter(
        (s) =>
          VISIBLE.includes(s.attributes.advertiserId) &&
          (filter.advertiserId === undefined || s.attributes.advertiserId === filter.advertiserId) &&
          (filter.type === undefined || s.attributes.type === filter.type),
      )
      .sort(byId);
  }

  function audiencesOf(advertiserId: string): AudienceRecord[] {
    return [...store().audiences.values()]
      .filter((a) => a.attributes.advertiserId === advertiserId)
      .sort(byId);
  }

  function segment(id: string): SegmentRecord {
    const record = store().segments.get(id);
    if (!record) throw new Error(`no segment ${id} in the emulator store`);
    return record;
  }

  function audience(id: string): AudienceRecord {
    const record = store().audiences.get(id);
    if (!record) throw new Error(`no audience ${id} in the emulator store`);
    return record;
  }

  /** Calls the emulator directly (its own token, not the gateway's client): the oracle of the tests. */
  async function emulatorCall(method: string, path: string, body?: unknown): Promise<unknown> {
    const tokenResponse = await fetch(`${gateway().emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client-id',
        client_secret: 'demo-client-secret',
      }),
    });
    const { access_token } = z.object({ access_token: z.string() }).parse(await tokenResponse.json());
    const response = await fetch(`${gateway().emulator.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${access_token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  async function emulatorStatistics(id: string) {
    const body = await emulatorCall('GET', `/audience-segments/${id}/contact-list/statistics`);
    return StatisticsResponseSchema.parse(body).data.attributes;
  }

  /** The attributes of the search bodies the gateway sent, from the emulator's request log. */
  function searchAttributes(operationId: 'SearchAudienceSegments' | 'SearchAudiences') {
    return gateway()
      .emulator.requests.list(operationId)
      .map((entry) => SearchBodySchema.parse(entry.body).data.attributes);
  }

  /** The member-specific settings of a stored segment, as the schema exposes them. */
  function expectedSettings(record: SegmentRecord): Record<string, unknown> {
    const a = record.attributes;
    switch (a.type) {
      case 'InMarket':
        return {
          country: a.inMarket?.country ?? null,
          interestIds: a.inMarket?.interestIds ?? [],
          brandIds: a.inMarket?.brandIds ?? [],
          buyingPower: (a.inMarket?.buyingPower ?? []).map(enumValue),
          priceRange: (a.inMarket?.priceRange ?? []).map(enumValue),
          gender: enumOrNull(a.inMarket?.gender),
        };
      case 'Prospecting':
        return {
          usersType: enumOrNull(a.prospecting?.usersType),
          daysSinceLastVisitMin: a.prospecting?.daysSinceLastVisitMin ?? null,
          daysSinceLastVisitMax: a.prospecting?.daysSinceLastVisitMax ?? null,
        };
      case 'ContactList':
        return { isReadOnly: a.contactList?.isReadOnly ?? false };
      case 'Location':
        return {
          registryType: enumOrNull(a.location?.registryType),
          radiusInKm: a.location?.radiusInKm ?? null,
          pointsOfInterest: (a.location?.pointsOfInterest ?? []).map((p) => ({
            name: p.name ?? null,
            latitude: p.latitude ?? null,
            longitude: p.longitude ?? null,
          })),
        };
      case 'Behavioral':
        return {
          category: enumValue(a.behavioral?.category ?? 'Unknown'),
          country: a.behavioral?.country ?? null,
          startDate: dateTime(a.behavioral?.startDate),
          endDate: dateTime(a.behavioral?.endDate),
        };
      case 'Retargeting':
        return {
          visitorsType: enumOrNull(a.retargeting?.visitorsType),
          daysSinceLastVisitMin: a.retargeting?.daysSinceLastVisitMin ?? null,
          daysSinceLastVisitMax: a.retargeting?.daysSinceLastVisitMax ?? null,
        };
      case 'Lookalike': {
        const seedId = a.lookalike?.seedSegmentId ?? null;
        const seed = seedId ? segment(seedId) : null;
        return {
          seedSegmentId: seedId,
          targetSize: a.lookalike?.targetSize ?? null,
          seedSegment: seed
            ? { __typename: MEMBER[seed.attributes.type], id: seed.id, name: seed.attributes.name }
            : null,
        };
      }
      default:
        return {};
    }
  }

  function expectedCommon(record: SegmentRecord) {
    const a = record.attributes;
    return {
      __typename: MEMBER[a.type],
      id: record.id,
      name: a.name,
      description: a.description ?? null,
      type: enumValue(a.type),
      advertiserId: a.advertiserId,
      createdAt: dateTime(a.createdAt),
      updatedAt: dateTime(a.updatedAt),
    };
  }

  return {
    store,
    segments,
    audiencesOf,
    segment,
    audience,
    emulatorCall,
    emulatorStatistics,
    searchAttributes,
    expectedSettings,
    expectedCommon,
  };
}
