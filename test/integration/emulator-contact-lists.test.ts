import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AudienceSegmentListResponseSchema,
  AudienceSegmentSearchResponseSchema,
  type AudienceSegmentType,
} from '../../src/contract/audience-segment.js';
import {
  type ContactListOperation,
  ContactListStatisticsResponseSchema,
  type IdentifierType,
  ModifyAudienceResponseSchema,
} from '../../src/contract/contact-list.js';
import { ProblemSchema } from '../../src/contract/envelope.js';
import {
  InMarketBrandListResponseSchema,
  InMarketInterestListResponseSchema,
} from '../../src/contract/in-market.js';
import { IN_MARKET_COUNTRIES } from '../../src/emulator/catalog.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import {
  type ApiResponse,
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';

// ---- builders ----

interface Amendment {
  operation: ContactListOperation;
  identifiers: string[];
  identifierType?: IdentifierType | undefined;
  gumCallerId?: number | undefined;
}

const amendment = (attributes: Amendment) => ({ data: { type: 'ContactlistAmendment', attributes } });
const emails = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}.${i}@example.com`);
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const md5 = (value: string) => createHash('md5').update(value).digest('hex');

let serial = 0;
const uniqueName = (label = 'Contact list') => `${label} ${++serial}`;

// ---- response readers ----

const ErrorListSchema = z.object({ errors: z.array(ProblemSchema), warnings: z.array(ProblemSchema) });

/** The single error of a failed request, checked against the `AudienceError` shape (no `traceIdentifier`). */
function audienceError(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  const { errors, warnings } = ErrorListSchema.parse(response.body);
  expect(warnings).toEqual([]);
  expect(errors).toHaveLength(1);
  const [error] = errors;
  expect(error).toMatchObject({
    code,
    type: status === 403 ? 'authorization' : 'validation',
    instance: expect.any(String),
    traceId: expect.any(String),
    title: expect.any(String),
  });
  expect(error?.traceIdentifier).toBeUndefined();
  return error;
}

/** The single error of a failed request with the common problem shape. */
function commonError(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  const { errors } = ErrorListSchema.parse(response.body);
  expect(errors.map((e) => e.code)).toEqual([code]);
  return errors[0];
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

describe('emulator contact lists and in-market catalog', () => {
  let t: TestEmulator;

  function demoSegment(
    type: AudienceSegmentType,
    where: (s: SegmentRecord) => boolean = () => true,
    advertiserId = DEMO_ADVERTISER,
  ): SegmentRecord {
    return required(
      [...t.emulator.store.segments.values()].find(
        (s) => s.attributes.advertiserId === advertiserId && s.attributes.type === type && where(s),
      ),
      `a ${type} segment of ${advertiserId}`,
    );
  }
  const populated = (s: SegmentRecord) =>
    s.attributes.contactList?.isReadOnly === false && (s.contactList?.syntheticCount ?? 0) > 5_000;

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
  });
  afterAll(() => t.close());

  const patchList = (segmentId: string, attributes: Amendment, token?: string) =>
    t.call('PATCH', `/audience-segments/${segmentId}/contact-list`, { body: amendment(attributes), token });
  const wipe = (segmentId: string, token?: string) =>
    t.call('DELETE', `/audience-segments/${segmentId}/contact-list`, { token });
  const statisticsCall = (segmentId: string, token?: string) =>
    t.call('GET', `/audience-segments/${segmentId}/contact-list/statistics`, { token });

  async function statistics(segmentId: string) {
    const response = await statisticsCall(segmentId);
    expect(response.status).toBe(200);
    return required(ContactListStatisticsResponseSchema.parse(response.body).data?.attributes, 'statistics');
  }

  async function amended(segmentId: string, attributes: Amendment) {
    const response = await patchList(segmentId, attributes);
    expect(response.status).toBe(200);
    const body = ModifyAudienceResponseSchema.parse(response.body);
    expect(body.errors).toEqual([]);
    expect(body.warnings).toEqual([]);
    return body.data.attributes;
  }

  async function createContactList(name = uniqueName()): Promise<string> {
    const response = await t.call('POST', '/audience-segments/create', {
      body: {
        data: [
          { type: 'AudienceSegment', attributes: { advertiserId: DEMO_ADVERTISER, name, contactList: {} } },
        ],
      },
    });
    return required(AudienceSegmentListResponseSchema.parse(response.body).data?.[0]?.id, 'contact list id');
  }

  describe('PATCH /audience-segments/{id}/contact-list', () => {
    it('adds identifiers and reports counts, a sample of at most 10 invalid ones and the request', async () => {
      const id = await createContactList();
      const invalid = Array.from({ length: 12 }, (_, i) => `not-an-email-${i}`);
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'email',
        identifiers: [...emails(5, 'counted'), ...invalid],
      });
      expect(result).toEqual({
        contactListId: Number(id),
        operation: 'add',
        requestDate: expect.any(String),
        identifierType: 'email',
        nbValidIdentifiers: 5,
        nbInvalidIdentifiers: 12,
        sampleInvalidIdentifiers: invalid.slice(0, 10),
      });
      expect(Number.isInteger(result.contactListId)).toBe(true);
      expect(Number.isNaN(Date.parse(result.requestDate ?? ''))).toBe(false);
      expect((await statistics(id)).numberOfIdentifiers).toBe(5);
    });

    it('accepts plain, MD5 and SHA-256 emails and rejects anything else', async () => {
      const id = await createContactList();
      const valid = [
        'Jane.Doe@example.com',
        md5('jane@example.com'),
        sha256('jane@example.com'),
        sha256(md5('joe@example.com')).toUpperCase(),
      ];
      const invalid = ['jane', 'jane@example', 'jane doe@example.com', 'a'.repeat(31), 'z'.repeat(64)];
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'email',
        identifiers: [...valid, ...invalid],
      });
      expect(result).toMatchObject({
        nbValidIdentifiers: valid.length,
        nbInvalidIdentifiers: invalid.length,
        sampleInvalidIdentifiers: invalid,
      });
      // Without an identifierType the emulator reads emails.
      const untyped = await amended(id, { operation: 'add', identifiers: ['untyped@example.com', 'nope'] });
      expect(untyped).toMatchObject({
        identifierType: 'email',
        nbValidIdentifiers: 1,
        nbInvalidIdentifiers: 1,
      });
    });

    it('accepts mobile advertising ids as UUIDs only', async () => {
      const id = await createContactList();
      const invalid = ['not-a-uuid', '12345678-1234-1234-1234-12345678901', 'jane@example.com'];
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'madid',
        identifiers: [randomUUID(), randomUUID().toUpperCase(), ...invalid],
      });
      expect(result).toMatchObject({
        identifierType: 'madid',
        nbValidIdentifiers: 2,
        nbInvalidIdentifiers: 3,
        sampleInvalidIdentifiers: invalid,
      });
    });

    it('accepts clear phone numbers with + and a country code, and SHA-256 hashes of the digits', async () => {
      const id = await createContactList();
      const valid = ['+33 1 23 45 67 89', '+330123-45-6789', '+919876543210', sha256('33123456789')];
      const invalid = ['01 23 45 67 89', '+33', 'phone', '+33 1 23 45 67 89 00 11 22'];
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'phoneNumber',
        identifiers: [...valid, ...invalid],
      });
      expect(result).toMatchObject({
        identifierType: 'phoneNumber',
        nbValidIdentifiers: valid.length,
        nbInvalidIdentifiers: invalid.length,
        sampleInvalidIdentifiers: invalid,
      });
    });

    it('accepts identityLink tokens', async () => {
      const id = await createContactList();
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'identityLink',
        identifiers: ['Xi1000abcdefghijk', 'Xi1000_xyz-ABC=', 'short', 'has spaces in it'],
      });
      expect(result).toMatchObject({
        nbValidIdentifiers: 2,
        sampleInvalidIdentifiers: ['short', 'has spaces in it'],
      });
    });

    it('requires a gumCallerId for gum identifiers', async () => {
      const id = await createContactList();
      const identifiers = ['gum-1', 'gum_2'];
      const error = audienceError(
        await patchList(id, { operation: 'add', identifierType: 'gum', identifiers }),
        400,
        'gum-caller-id-is-required',
      );
      expect(error?.source).toEqual({ gumCallerId: 'data/attributes/gumCallerId' });
      expect((await statistics(id)).numberOfIdentifiers).toBe(0);
      const result = await amended(id, {
        operation: 'add',
        identifierType: 'gum',
        identifiers,
        gumCallerId: 123,
      });
      expect(result).toMatchObject({ identifierType: 'gum', nbValidIdentifiers: 2, nbInvalidIdentifiers: 0 });
    });

    it('removes identifiers and the statistics shrink', async () => {
      const id = await createContactList();
      const identifiers = emails(10, 'removed');
      await amended(id, { operation: 'add', identifierType: 'email', identifiers });
      const result = await amended(id, {
        operation: 'remove',
        identifierType: 'email',
        identifiers: [...identifiers.slice(0, 4), 'garbage'],
      });
      expect(result).toMatchObject({
        contactListId: Number(id),
        operation: 'remove',
        nbValidIdentifiers: 4,
        nbInvalidIdentifiers: 1,
        sampleInvalidIdentifiers: ['garbage'],
      });
      expect((await statistics(id)).numberOfIdentifiers).toBe(6);
    });

    it('accepts exactly 50,000 identifiers and refuses 50,001 without adding any', async () => {
      const id = await createContactList();
      const fifty = await amended(id, {
        operation: 'add',
        identifierType: 'email',
        identifiers: emails(50_000, 'max'),
      });
      expect(fifty.nbValidIdentifiers).toBe(50_000);
      const error = audienceError(
        await patchList(id, {
          operation: 'add',
          identifierType: 'email',
          identifiers: emails(50_001, 'over'),
        }),
        400,
        'payload-too-big',
      );
      expect(error?.source).toEqual({ identifiers: 'data/attributes/identifiers' });
      expect((await statistics(id)).numberOfIdentifiers).toBe(50_000);
    });

    it('answers 400 segment-is-not-a-contact-list for a segment of another type', async () => {
      const inMarket = demoSegment('InMarket');
      audienceError(
        await patchList(inMarket.id, { operation: 'add', identifiers: ['a@example.com'] }),
        400,
        'segment-is-not-a-contact-list',
      );
    });

    it('answers 404 segment-not-found for an unknown segment and 400 non-parsable-id for a non-numeric one', async () => {
      audienceError(
        await patchList('999999', { operation: 'add', identifiers: [] }),
        404,
        'segment-not-found',
      );
      audienceError(await patchList('abc', { operation: 'add', identifiers: [] }), 400, 'non-parsable-id');
    });

    it("answers 403 for another application's contact list and leaves it unchanged", async () => {
      const foreign = demoSegment('ContactList', () => true, OTHER_APP_ADVERTISER);
      const before = foreign.contactList?.identifiers.size;
      audienceError(
        await patchList(foreign.id, { operation: 'add', identifiers: ['a@example.com'] }),
        403,
        'advertiser-not-authorized',
      );
      expect(foreign.contactList?.identifiers.size).toBe(before);
    });

    it('answers 400 segment-is-read-only for a list managed outside the API', async () => {
      const readOnly = demoSegment('ContactList', (s) => s.attributes.contactList?.isReadOnly === true);
      audienceError(
        await patchList(readOnly.id, { operation: 'add', identifiers: ['a@example.com'] }),
        400,
        'segment-is-read-only',
      );
      expect(readOnly.contactList?.identifiers.size).toBe(0);
    });

    it('answers 400 invalid-request-body for an unknown operation', async () => {
      const id = await createContactList();
      const response = await t.call('PATCH', `/audience-segments/${id}/contact-list`, {
        body: {
          data: { type: 'ContactlistAmendment', attributes: { operation: 'append', identifiers: [] } },
        },
      });
      expect(audienceError(response, 400, 'invalid-request-body')?.source).toEqual({
        operation: 'data/attributes/operation',
      });
    });
  });

  describe('DELETE /audience-segments/{id}/contact-list', () => {
    it('wipes the identifiers and keeps the segment', async () => {
      const name = uniqueName();
      const id = await createContactList(name);
      await amended(id, { operation: 'add', identifierType: 'email', identifiers: emails(20, 'wiped') });
      const response = await wipe(id);
      expect(response.status).toBe(200);
      expect(response.body).toStrictEqual({
        data: { id, type: 'AudienceContactlist', attributes: { name, description: null } },
        errors: [],
        warnings: [],
      });
      expect(await statistics(id)).toEqual({ numberOfIdentifiers: 0, numberOfMatches: 0, matchRate: 0 });
      const found = await t.call('POST', '/audience-segments/search', {
        body: { data: { attributes: { audienceSegmentIds: [id] } } },
      });
      expect(
        AudienceSegmentSearchResponseSchema.parse(found.body).data?.map((s) => s.attributes?.type),
      ).toEqual(['ContactList']);
    });

    it('wipes the synthetic identifiers of a demo list too', async () => {
      const list = demoSegment('ContactList', populated);
      expect((await statistics(list.id)).numberOfIdentifiers).toBeGreaterThan(0);
      expect((await wipe(list.id)).status).toBe(200);
      expect((await statistics(list.id)).numberOfIdentifiers).toBe(0);
    });

    it('refuses read-only lists, other segment types, unknown and foreign segments', async () => {
      const readOnly = demoSegment('ContactList', (s) => s.attributes.contactList?.isReadOnly === true);
      audienceError(await wipe(readOnly.id), 400, 'segment-is-read-only');
      expect(readOnly.contactList?.syntheticCount).toBeGreaterThan(0);
      audienceError(await wipe(demoSegment('Location').id), 400, 'segment-is-not-a-contact-list');
      audienceError(await wipe('999999'), 404, 'segment-not-found');
      audienceError(await wipe('x1'), 400, 'non-parsable-id');
      const foreign = demoSegment('ContactList', () => true, OTHER_APP_ADVERTISER);
      audienceError(await wipe(foreign.id), 403, 'advertiser-not-authorized');
    });
  });

  describe('GET /audience-segments/{id}/contact-list/statistics', () => {
    it('reports identifiers, matches and a match rate that agree', async () => {
      const fresh = await createContactList();
      await amended(fresh, {
        operation: 'add',
        identifierType: 'email',
        identifiers: emails(1_000, 'stats'),
      });
      const lists = [
        fresh,
        ...[...t.emulator.store.segments.values()]
          .filter((s) => s.attributes.advertiserId === DEMO_ADVERTISER && s.contactList)
          .map((s) => s.id),
      ];
      for (const id of lists) {
        const response = await statisticsCall(id);
        expect(response.status).toBe(200);
        const data = required(ContactListStatisticsResponseSchema.parse(response.body).data, 'data');
        expect(data).toMatchObject({ id, type: 'ContactListStatistics' });
        const { numberOfIdentifiers, numberOfMatches, matchRate } = required(data.attributes, 'attributes');
        const identifiers = required(numberOfIdentifiers, 'numberOfIdentifiers');
        const matches = required(numberOfMatches, 'numberOfMatches');
        expect(Number.isInteger(identifiers) && Number.isInteger(matches)).toBe(true);
        expect(matches).toBeGreaterThanOrEqual(0);
        expect(matches).toBeLessThanOrEqual(identifiers);
        expect(matchRate).toBe(identifiers === 0 ? 0 : Math.round((matches / identifiers) * 10_000) / 10_000);
      }
      expect((await statistics(fresh)).numberOfIdentifiers).toBe(1_000);
      expect(await statistics(await createContactList())).toEqual({
        numberOfIdentifiers: 0,
        numberOfMatches: 0,
        matchRate: 0,
      });
    });

    it('answers 400 contact-list-statistics-not-supported for another segment type', async () => {
      commonError(
        await statisticsCall(demoSegment('Prospecting').id),
        400,
        'contact-list-statistics-not-supported',
      );
      commonError(await statisticsCall('999999'), 404, 'segment-not-found');
      const foreign = demoSegment('ContactList', () => true, OTHER_APP_ADVERTISER);
      commonError(await statisticsCall(foreign.id), 403, 'advertiser-not-authorized');
    });
  });

  describe('GET /audience-segments/in-market-interests and in-market-brands', () => {
    const catalog = (kind: 'interests' | 'brands', query: Record<string, string>, token?: string) =>
      t.call('GET', `/audience-segments/in-market-${kind}`, { query, token });

    it('lists the interests of every authorized country as a tree with no dangling parent', async () => {
      for (const country of Object.keys(IN_MARKET_COUNTRIES)) {
        const response = await catalog('interests', { 'advertiser-id': DEMO_ADVERTISER, country });
        expect(response.status).toBe(200);
        const data = InMarketInterestListResponseSchema.parse(response.body).data ?? [];
        expect(data.length).toBeGreaterThan(0);
        const ids = data.map((i) => required(i.id, 'interest id'));
        expect(new Set(ids).size).toBe(ids.length);
        for (const interest of data) {
          expect(interest.type).toBe('InMarketAudienceSegmentInterest');
          const parentId = interest.attributes?.parentId ?? null;
          if (parentId !== null) expect(ids).toContain(parentId);
        }
        expect(data.some((i) => (i.attributes?.parentId ?? null) === null)).toBe(true);
      }
    });

    it('lists named brands with a size for every authorized country', async () => {
      for (const country of Object.keys(IN_MARKET_COUNTRIES)) {
        const response = await catalog('brands', { 'advertiser-id': DEMO_ADVERTISER, country });
        expect(response.status).toBe(200);
        const data = InMarketBrandListResponseSchema.parse(response.body).data ?? [];
        expect(data.length).toBeGreaterThan(0);
        expect(new Set(data.map((b) => b.id)).size).toBe(data.length);
        for (const brand of data) {
          expect(brand.type).toBe('InMarketAudienceSegmentBrand');
          expect(brand.attributes?.name).toMatch(/\S/);
          const size = required(brand.attributes?.size, 'brand size');
          expect(Number.isInteger(size) && size > 0).toBe(true);
        }
      }
    });

    it('validates the country and the advertiser of both endpoints', async () => {
      const other = await t.token('other-client-id');
      for (const kind of ['interests', 'brands'] as const) {
        const advertiser = { 'advertiser-id': DEMO_ADVERTISER };
        commonError(await catalog(kind, advertiser), 400, 'country-code-is-required');
        commonError(await catalog(kind, { ...advertiser, country: 'ZZ' }), 400, 'country-code-must-be-valid');
        commonError(
          await catalog(kind, { ...advertiser, country: 'BR' }),
          400,
          'country-code-must-be-authorized',
        );
        commonError(await catalog(kind, { country: 'FR' }), 400, 'undefined-advertiser-id');
        const foreign = commonError(
          await catalog(kind, { 'advertiser-id': OTHER_APP_ADVERTISER, country: 'FR' }),
          403,
          'advertiser-not-authorized',
        );
        expect(foreign?.type).toBe('authorization');
        expect(
          (await catalog(kind, { 'advertiser-id': OTHER_APP_ADVERTISER, country: 'IT' }, other)).status,
        ).toBe(200);
      }
    });

    it('answers 400 invalid-query-parameter for a repeated parameter', async () => {
      const response = await t.call('GET', '/audience-segments/in-market-brands?country=FR&country=DE', {
        query: { 'advertiser-id': DEMO_ADVERTISER },
      });
      expect(commonError(response, 400, 'invalid-query-parameter')?.source).toEqual({ country: 'country' });
    });
  });
});
