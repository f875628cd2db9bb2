import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AdSetAudienceLinkResponseSchema } from '../../src/contract/ad-set.js';
import { ApplicationSummaryResponseSchema } from '../../src/contract/application.js';
import {
  type AlgebraNode,
  AudienceListResponseSchema,
  type AudienceResource,
  AudienceSearchResponseSchema,
  algebraSegmentIds,
} from '../../src/contract/audience.js';
import {
  AudienceSegmentListResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
  SizeEstimationResponseSchema,
} from '../../src/contract/audience-segment.js';
import { ContactListStatisticsResponseSchema } from '../../src/contract/contact-list.js';
import { IdListResponseSchema, ProblemSchema } from '../../src/contract/envelope.js';
import { PROBLEM_TITLES } from '../../src/emulator/problems.js';
import { AUDIENCE_UNIVERSE } from '../../src/emulator/sizing.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import {
  type ApiResponse,
  DEMO_ADVERTISER,
  errorCodes,
  OTHER_APP_ADVERTISER,
  record,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';

// ---- builders ----

const seg = (audienceSegmentId: string): AlgebraNode => ({ audienceSegmentId });
const and = (...nodes: AlgebraNode[]): AlgebraNode => ({ and: nodes });
const or = (...nodes: AlgebraNode[]): AlgebraNode => ({ or: nodes });
const not = (node: AlgebraNode): AlgebraNode => ({ not: node });

interface AudienceInput {
  advertiserId?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  algebra?: AlgebraNode | undefined;
}

let serial = 0;
const uniqueName = (label = 'Test audience') => `${label} ${++serial}`;

/** A create item for advertiser 4949 with a fresh name; `undefined` values are left out of the JSON. */
function audienceItem(algebra: AlgebraNode | undefined, attributes: AudienceInput = {}) {
  return {
    type: 'Audience',
    attributes: { advertiserId: DEMO_ADVERTISER, name: uniqueName(), algebra, ...attributes },
  };
}

const idItem = (id: string) => ({ id, type: 'Audience' });
const UNKNOWN_ID = '999999999';

// ---- response readers ----

const ErrorListSchema = z.object({ errors: z.array(ProblemSchema) });
const RawAlgebraSchema = z.object({
  data: z.array(z.object({ attributes: z.object({ algebra: z.unknown() }) })),
});

/** Each error as `{ instance, code, source }`, in response order. */
function errorsOf(response: ApiResponse) {
  return ErrorListSchema.parse(response.body).errors.map(({ instance, code, source }) => ({
    instance,
    code,
    source,
  }));
}

/** The single error of a whole-request failure. */
function onlyError(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  const errors = ErrorListSchema.parse(response.body).errors;
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (!error) throw new Error('no error');
  return error;
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

const audiencesOf = (response: ApiResponse): AudienceResource[] =>
  AudienceListResponseSchema.parse(response.body).data ?? [];
const namesOf = (response: ApiResponse) => audiencesOf(response).map((a) => a.attributes?.name);

describe('emulator audiences', () => {
  let t: TestEmulator;
  /** Demo segments of advertiser 4949 (and one of 5050) used by the algebras below. */
  let IM: string;
  let P: string;
  let B: string;
  let R: string;
  let R2: string;
  let CL: string;
  let CL2: string;
  let EMPTY_CL: string;
  let TINY_CL: string;
  let IM_5050: string;

  function segments(
    type: AudienceSegmentType,
    where: (s: SegmentRecord) => boolean = () => true,
    advertiserId = DEMO_ADVERTISER,
  ): string[] {
    return [...t.emulator.store.segments.values()]
      .filter((s) => s.attributes.advertiserId === advertiserId && s.attributes.type === type && where(s))
      .map((s) => s.id);
  }

  const writable = (s: SegmentRecord) => s.attributes.contactList?.isReadOnly !== true;

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
    [IM = ''] = segments('InMarket');
    [P = ''] = segments('Prospecting');
    [B = ''] = segments('Behavioral');
    [R = '', R2 = ''] = segments('Retargeting');
    [CL = '', CL2 = ''] = segments(
      'ContactList',
      (s) => writable(s) && (s.contactList?.syntheticCount ?? 0) > 5_000,
    );
    [EMPTY_CL = ''] = segments(
      'ContactList',
      (s) => s.contactList?.syntheticCount === 0 && s.contactList.identifiers.size === 0,
    );
    [TINY_CL = ''] = segments('ContactList', (s) => s.contactList?.syntheticCount === 900);
    [IM_5050 = ''] = segments('InMarket', () => true, SECOND_DEMO_ADVERTISER);
    for (const id of [IM, P, B, R, R2, CL, CL2, EMPTY_CL, TINY_CL, IM_5050]) expect(id).toMatch(/^\d+$/);
  });
  afterAll(() => t.close());

  // ---- calls ----

  const post = (path: string, data: unknown, token?: string) =>
    t.call('POST', path, { body: { data }, token });
  const patch = (data: unknown) => t.call('PATCH', '/audiences', { body: { data } });

  async function createAudience(algebra: AlgebraNode, attributes: AudienceInput = {}): Promise<string> {
    const response = await post('/audiences/create', [audienceItem(algebra, attributes)]);
    expect(response.status).toBe(200);
    expect(errorsOf(response)).toEqual([]);
    return required(audiencesOf(response)[0]?.id, 'created audience id');
  }

  async function search(attributes: Record<string, string[]>, query: Record<string, number> = {}) {
    const response = await t.call('POST', '/audiences/search', { body: { data: { attributes } }, query });
    expect(response.status).toBe(200);
    return AudienceSearchResponseSchema.parse(response.body);
  }

  async function findAudience(id: string): Promise<AudienceResource> {
    return required((await search({ audienceIds: [id] })).data?.[0], `audience ${id}`);
  }

  async function segmentSizes(ids: string[]): Promise<number[]> {
    const response = await post('/audience-segments/compute-sizes', ids.map(idItem));
    const body = AudienceSegmentSizeListResponseSchema.parse(response.body);
    expect(body.errors).toEqual([]);
    return (body.data ?? []).map((d) => required(d.attributes?.size, 'segment size'));
  }

  async function createContactList(): Promise<string> {
    const response = await post('/audience-segments/create', [
      {
        type: 'AudienceSegment',
        attributes: { advertiserId: DEMO_ADVERTISER, name: uniqueName('Contact list'), contactList: {} },
      },
    ]);
    return required(AudienceSegmentListResponseSchema.parse(response.body).data?.[0]?.id, 'contact list id');
  }

  describe('POST /audiences/create', () => {
    it('creates an audience whose nested algebra round-trips exactly', async () => {
      const algebra = and(or(seg(IM), seg(B)), not(or(seg(CL), seg(CL2))), seg(P));
      const name = uniqueName();
      const response = await post('/audiences/create', [
        audienceItem(algebra, { name, description: 'Nested' }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([]);
      expect(RawAlgebraSchema.parse(response.body).data[0]?.attributes.algebra).toStrictEqual(algebra);
      const [created] = audiencesOf(response);
      expect(created).toEqual({
        id: expect.stringMatching(/^\d+$/),
        type: 'Audience',
        attributes: {
          advertiserId: DEMO_ADVERTISER,
          name,
          description: 'Nested',
          algebra,
          adSetIds: [],
          createdAt: expect.any(String),
          updatedAt: null,
        },
      });
      const stored = await findAudience(required(created?.id, 'id'));
      expect(stored.attributes?.algebra).toEqual(algebra);
    });

    it('reports undefined-advertiser-id at the item index while its siblings are created', async () => {
      const response = await post('/audiences/create', [
        audienceItem(seg(IM)),
        audienceItem(seg(IM), { advertiserId: undefined }),
        audienceItem(seg(P)),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/1',
          code: 'undefined-advertiser-id',
          source: { advertiserId: 'data/1/attributes/advertiserId' },
        },
      ]);
      expect(audiencesOf(response)).toHaveLength(2);
      const [error] = ErrorListSchema.parse(response.body).errors;
      expect(error).toMatchObject({
        type: 'validation',
        traceId: expect.any(String),
        title: PROBLEM_TITLES['undefined-advertiser-id'],
      });
    });

    it('reports name-must-not-be-empty for an empty or a missing name', async () => {
      const kept = uniqueName();
      const response = await post('/audiences/create', [
        audienceItem(seg(IM), { name: '  ' }),
        audienceItem(seg(IM), { name: kept }),
        audienceItem(seg(IM), { name: undefined }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/0', code: 'name-must-not-be-empty', source: { name: 'data/0/attributes/name' } },
        { instance: '@data/2', code: 'name-must-not-be-empty', source: { name: 'data/2/attributes/name' } },
      ]);
      expect(namesOf(response)).toEqual([kept]);
    });

    it('reports name-must-not-be-too-long above 255 characters', async () => {
      const longest = `${uniqueName()} `.padEnd(255, 'x');
      const response = await post('/audiences/create', [
        audienceItem(seg(IM), { name: `${longest}x` }),
        audienceItem(seg(IM), { name: longest }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/0',
          code: 'name-must-not-be-too-long',
          source: { name: 'data/0/attributes/name' },
        },
      ]);
      expect(namesOf(response)).toEqual([longest]);
    });

    it('reports audience-name-must-be-unique against stored audiences and within one request', async () => {
      const stored = required(
        [...t.emulator.store.audiences.values()].find((a) => a.attributes.advertiserId === DEMO_ADVERTISER),
        'demo audience',
      ).attributes.name;
      const fresh = uniqueName();
      const response = await post('/audiences/create', [
        audienceItem(seg(IM), { name: stored.toUpperCase() }),
        audienceItem(seg(IM), { name: fresh }),
        audienceItem(seg(IM), { name: ` ${fresh.toLowerCase()} ` }),
        // Names are unique per advertiser: 5050 may reuse a 4949 name.
        audienceItem(seg(IM_5050), { name: fresh, advertiserId: SECOND_DEMO_ADVERTISER }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/0',
          code: 'audience-name-must-be-unique',
          source: { name: 'data/0/attributes/name' },
        },
        {
          instance: '@data/2',
          code: 'audience-name-must-be-unique',
          source: { name: 'data/2/attributes/name' },
        },
      ]);
      expect(namesOf(response)).toEqual([fresh, fresh]);
    });

    it('reports algebra-must-be-defined when the algebra is missing', async () => {
      const response = await post('/audiences/create', [audienceItem(seg(IM)), audienceItem(undefined)]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/1',
          code: 'algebra-must-be-defined',
          source: { algebra: 'data/1/attributes/algebra' },
        },
      ]);
      expect(audiencesOf(response)).toHaveLength(1);
    });

    it('reports and/or nodes with fewer than two children at their path', async () => {
      const code = 'audience-algebra-and-or-nodes-must-include-more-than-one-node';
      const response = await post('/audiences/create', [
        audienceItem(and(seg(IM))),
        audienceItem(seg(P)),
        audienceItem(and(seg(IM), or(seg(B)))),
        audienceItem({ or: [] }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/0', code, source: { algebra: 'data/0/attributes/algebra/and' } },
        { instance: '@data/2', code, source: { algebra: 'data/2/attributes/algebra/and/1/or' } },
        { instance: '@data/3', code, source: { algebra: 'data/3/attributes/algebra/or' } },
      ]);
      expect(audiencesOf(response).map((a) => a.attributes?.algebra)).toEqual([seg(P)]);
    });

    it('reports a node with two operators or none', async () => {
      const code = 'audience-algebra-node-must-have-exactly-one-operator';
      const response = await post('/audiences/create', [
        audienceItem({ audienceSegmentId: IM, not: seg(CL) }),
        audienceItem(and(seg(IM), {})),
        audienceItem(seg(IM)),
        audienceItem({ and: [seg(IM), seg(P)], or: [seg(B), seg(P)] }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/0', code, source: { algebra: 'data/0/attributes/algebra' } },
        { instance: '@data/1', code, source: { algebra: 'data/1/attributes/algebra/and/1' } },
        { instance: '@data/3', code, source: { algebra: 'data/3/attributes/algebra' } },
      ]);
      expect(audiencesOf(response)).toHaveLength(1);
    });

    it('refuses an algebra nested deeper than the emulator allows', async () => {
      let deep = seg(IM);
      for (let i = 0; i < 40; i++) deep = not(deep);
      const response = await post('/audiences/create', [audienceItem(deep), audienceItem(seg(IM))]);
      expect(response.status).toBe(200);
      expect(errorsOf(response).map((e) => [e.instance, e.code])).toEqual([
        ['@data/0', 'audience-algebra-node-must-have-exactly-one-operator'],
      ]);
      expect(audiencesOf(response)).toHaveLength(1);
    });

    it('reports unknown segments and segments of another advertiser', async () => {
      const code = 'audience-must-contain-only-existing-segments';
      const response = await post('/audiences/create', [
        audienceItem(and(seg(IM), seg(UNKNOWN_ID))),
        audienceItem(seg(IM_5050)),
        audienceItem(seg(IM_5050), { advertiserId: SECOND_DEMO_ADVERTISER }),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/0',
          code,
          source: { audienceSegmentId: 'data/0/attributes/algebra/and/1/audienceSegmentId' },
        },
        {
          instance: '@data/1',
          code,
          source: { audienceSegmentId: 'data/1/attributes/algebra/audienceSegmentId' },
        },
      ]);
      expect(audiencesOf(response).map((a) => a.attributes?.advertiserId)).toEqual([SECOND_DEMO_ADVERTISER]);
    });

    it('requires an included segment unless only contact lists are excluded', async () => {
      const code = 'audience-must-contain-included-segment-or-only-excluded-contact-list';
      const response = await post('/audiences/create', [
        audienceItem(not(seg(IM))),
        audienceItem(not(seg(CL))),
        audienceItem(not(or(seg(CL), seg(CL2)))),
        audienceItem(and(not(seg(IM)), not(seg(CL)))),
        audienceItem(not(not(seg(IM)))),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/0', code, source: { algebra: 'data/0/attributes/algebra' } },
        { instance: '@data/3', code, source: { algebra: 'data/3/attributes/algebra' } },
      ]);
      expect(audiencesOf(response)).toHaveLength(3);
    });

    it('requires a retargeting segment to stand alone and included', async () => {
      const code = 'audience-with-retargeting-segment-must-be-correctly-specified';
      const response = await post('/audiences/create', [
        audienceItem(and(seg(R), seg(IM))),
        audienceItem(seg(R)),
        audienceItem(or(seg(R), seg(R2))),
        audienceItem(and(seg(IM), not(seg(R)))),
        // Negated in a second occurrence: every occurrence of the segment counts.
        audienceItem(and(seg(R), not(seg(R)))),
        audienceItem(and(seg(R), seg(R))),
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/0', code, source: { algebra: 'data/0/attributes/algebra' } },
        { instance: '@data/2', code, source: { algebra: 'data/2/attributes/algebra' } },
        { instance: '@data/3', code, source: { algebra: 'data/3/attributes/algebra' } },
        { instance: '@data/4', code, source: { algebra: 'data/4/attributes/algebra' } },
      ]);
      expect(audiencesOf(response).map((a) => a.attributes?.algebra)).toEqual([seg(R), and(seg(R), seg(R))]);
    });

    it("answers 403 for another application's advertiser and creates nothing", async () => {
      const before = t.emulator.store.audiences.size;
      const name = uniqueName();
      const response = await post('/audiences/create', [
        audienceItem(seg(IM), { name }),
        audienceItem(seg(IM), { advertiserId: OTHER_APP_ADVERTISER }),
      ]);
      expect(onlyError(response, 403)).toMatchObject({
        type: 'authorization',
        code: 'advertiser-not-authorized',
      });
      expect(t.emulator.store.audiences.size).toBe(before);
      expect([...t.emulator.store.audiences.values()].some((a) => a.attributes.name === name)).toBe(false);
    });

    it('accepts 50 items, refuses 51 with payload-too-big, and refuses an empty or mistyped batch', async () => {
      const fifty = await post(
        '/audiences/create',
        Array.from({ length: 50 }, () => audienceItem(seg(IM))),
      );
      expect(fifty.status).toBe(200);
      expect(audiencesOf(fifty)).toHaveLength(50);

      const before = t.emulator.store.audiences.size;
      const tooMany = await post(
        '/audiences/create',
        Array.from({ length: 51 }, () => audienceItem(seg(IM))),
      );
      expect(onlyError(tooMany, 400).code).toBe('payload-too-big');
      expect(t.emulator.store.audiences.size).toBe(before);

      expect(onlyError(await post('/audiences/create', []), 400).code).toBe('empty-data-object');
      const mistyped = await post('/audiences/create', [
        audienceItem(seg(IM)),
        { type: 'Audience', attributes: { advertiserId: DEMO_ADVERTISER, name: 42, algebra: seg(IM) } },
      ]);
      expect(onlyError(mistyped, 400)).toMatchObject({
        code: 'invalid-request-body',
        source: { name: 'data/1/attributes/name' },
      });
      expect(t.emulator.store.audiences.size).toBe(before);
    });
  });

  describe('PATCH /audiences', () => {
    it('updates the name, keeps an absent description, clears a null one and replaces the algebra', async () => {
      const id = await createAudience(seg(IM), { description: 'First' });
      const name = uniqueName();
      const renamed = await patch([{ id, type: 'Audience', attributes: { name } }]);
      expect(renamed.status).toBe(200);
      expect(errorsOf(renamed)).toEqual([]);
      expect(audiencesOf(renamed)[0]?.attributes).toMatchObject({
        name,
        description: 'First',
        algebra: seg(IM),
        updatedAt: expect.any(String),
      });

      const cleared = await patch([{ id, attributes: { description: { value: null } } }]);
      expect(audiencesOf(cleared)[0]?.attributes).toMatchObject({ name, description: null });

      const algebra = or(seg(P), and(seg(B), not(seg(CL))));
      const replaced = await patch([{ id, attributes: { description: { value: 'Second' }, algebra } }]);
      expect(RawAlgebraSchema.parse(replaced.body).data[0]?.attributes.algebra).toStrictEqual(algebra);
      expect((await findAudience(id)).attributes).toMatchObject({ name, description: 'Second', algebra });

      // description is a NillableString on update: a plain string does not deserialize.
      const plain = await patch([{ id, attributes: { description: 'plain' } }]);
      expect(onlyError(plain, 400)).toMatchObject({
        code: 'invalid-request-body',
        source: { description: 'data/0/attributes/description' },
      });
    });

    it('reports audience-not-found, non-parsable-id and duplicate-id while siblings are updated', async () => {
      const id = await createAudience(seg(IM));
      const name = uniqueName();
      const response = await patch([
        { id, attributes: { name } },
        { id: UNKNOWN_ID, attributes: { name: uniqueName() } },
        { id: 'abc', attributes: { name: uniqueName() } },
        { id, attributes: { name: uniqueName() } },
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/1', code: 'audience-not-found', source: { id: 'data/1/id' } },
        { instance: '@data/2', code: 'non-parsable-id', source: { id: 'data/2/id' } },
        { instance: '@data/3', code: 'duplicate-id', source: { id: 'data/3/id' } },
      ]);
      expect(audiencesOf(response).map((a) => [a.id, a.attributes?.name])).toEqual([[id, name]]);
      expect((await findAudience(id)).attributes?.name).toBe(name);
    });

    it('re-validates a new algebra and the name, leaving failed audiences unchanged', async () => {
      const [a, b, c, d] = [
        await createAudience(seg(IM)),
        await createAudience(seg(IM)),
        await createAudience(seg(IM)),
        await createAudience(seg(IM)),
      ];
      const nameOfA = (await findAudience(a)).attributes?.name;
      const response = await patch([
        { id: a, attributes: { algebra: and(seg(P)) } },
        { id: b, attributes: { algebra: not(seg(IM)) } },
        { id: c, attributes: { name: nameOfA } },
        { id: d, attributes: { algebra: or(seg(P), seg(B)) } },
      ]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/0',
          code: 'audience-algebra-and-or-nodes-must-include-more-than-one-node',
          source: { algebra: 'data/0/attributes/algebra/and' },
        },
        {
          instance: '@data/1',
          code: 'audience-must-contain-included-segment-or-only-excluded-contact-list',
          source: { algebra: 'data/1/attributes/algebra' },
        },
        {
          instance: '@data/2',
          code: 'audience-name-must-be-unique',
          source: { name: 'data/2/attributes/name' },
        },
      ]);
      expect(audiencesOf(response).map((x) => x.id)).toEqual([d]);
      expect((await findAudience(a)).attributes?.algebra).toEqual(seg(IM));
      expect((await findAudience(b)).attributes?.algebra).toEqual(seg(IM));
    });

    it("answers 403 for another application's audience", async () => {
      const foreign = required(
        [...t.emulator.store.audiences.values()].find(
          (x) => x.attributes.advertiserId === OTHER_APP_ADVERTISER,
        ),
        'audience of 7070',
      );
      const response = await patch([{ id: foreign.id, attributes: { name: uniqueName() } }]);
      expect(onlyError(response, 403).code).toBe('advertiser-not-authorized');
    });
  });

  describe('POST /audiences/delete', () => {
    it('deletes audiences and reports unknown ones at their index', async () => {
      const a = await createAudience(seg(IM));
      const b = await createAudience(seg(P));
      const response = await post('/audiences/delete', [idItem(a), idItem(UNKNOWN_ID), idItem(b)]);
      expect(response.status).toBe(200);
      expect(IdListResponseSchema.parse(response.body).data).toEqual([
        { id: a, type: 'Audience', attributes: {} },
        { id: b, type: 'Audience', attributes: {} },
      ]);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/1', code: 'audience-not-found', source: { id: 'data/1/id' } },
      ]);
      expect((await search({ audienceIds: [a, b] })).meta?.totalItems).toBe(0);
      const again = await post('/audiences/delete', [idItem(a)]);
      expect(errorsOf(again)).toEqual([
        { instance: '@data/0', code: 'audience-not-found', source: { id: 'data/0/id' } },
      ]);
    });

    it('refuses to delete an audience that an ad set uses', async () => {
      const used = required(
        [...t.emulator.store.adSets.values()].find((s) => s.advertiserId === DEMO_ADVERTISER && s.audienceId),
        'linked demo ad set',
      ).audienceId;
      const audienceId = required(used, 'linked audience');
      const free = await createAudience(seg(IM));
      const response = await post('/audiences/delete', [idItem(audienceId), idItem(free)]);
      expect(response.status).toBe(200);
      expect(errorsOf(response)).toEqual([
        {
          instance: '@data/0',
          code: 'audience-must-not-be-used-in-non-archived-ad-set',
          source: { id: 'data/0/id' },
        },
      ]);
      expect(IdListResponseSchema.parse(response.body).data?.map((x) => x.id)).toEqual([free]);
      expect((await findAudience(audienceId)).id).toBe(audienceId);
    });
  });

  describe('POST /audiences/search', () => {
    it('ANDs the audience, advertiser, segment and ad-set filters', async () => {
      const list = await createContactList();
      const a1 = await createAudience(and(seg(IM), not(seg(list))));
      const a2 = await createAudience(or(seg(list), seg(P)));
      await createAudience(seg(IM));
      const ids = async (filters: Record<string, string[]>) => (await search(filters)).data?.map((a) => a.id);

      expect(await ids({ audienceSegmentIds: [list] })).toEqual([a1, a2]);
      expect(await ids({ audienceSegmentIds: [list], audienceIds: [a2] })).toEqual([a2]);
      expect(await ids({ audienceSegmentIds: [list], advertiserIds: [SECOND_DEMO_ADVERTISER] })).toEqual([]);
      expect(await ids({ audienceIds: [a1, a2], advertiserIds: [DEMO_ADVERTISER] })).toEqual([a1, a2]);

      const bySegment = await search({ audienceSegmentIds: [IM] });
      expect(bySegment.data?.length).toBeGreaterThan(0);
      for (const a of bySegment.data ?? []) expect(algebraSegmentIds(a.attributes?.algebra)).toContain(IM);

      const adSet = required(
        [...t.emulator.store.adSets.values()].find((s) => s.advertiserId === DEMO_ADVERTISER && s.audienceId),
        'linked ad set',
      );
      const linked = await search({ adSetIds: [adSet.id] });
      expect(linked.data?.map((a) => [a.id, a.attributes?.adSetIds])).toEqual([
        [adSet.audienceId, [adSet.id]],
      ]);
      expect(await ids({ adSetIds: [adSet.id], audienceIds: [a1] })).toEqual([]);
    });

    it('pages with limit and offset and reports meta', async () => {
      const all = await search({ advertiserIds: [DEMO_ADVERTISER] }, { limit: 100 });
      const total = [...t.emulator.store.audiences.values()].filter(
        (a) => a.attributes.advertiserId === DEMO_ADVERTISER,
      ).length;
      expect(all.meta).toEqual({ totalItems: total, limit: 100, offset: 0 });
      const page = await search({ advertiserIds: [DEMO_ADVERTISER] }, { limit: 5, offset: 2 });
      expect(page.meta).toEqual({ totalItems: total, limit: 5, offset: 2 });
      expect(page.data?.map((a) => a.id)).toEqual(all.data?.slice(2, 7).map((a) => a.id));
      expect((await search({})).meta).toMatchObject({ limit: 50, offset: 0 });
    });

    it('answers 400 pagination-limit-too-big above 100', async () => {
      const response = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: {} } },
        query: { limit: 101 },
      });
      expect(onlyError(response, 400)).toMatchObject({
        code: 'pagination-limit-too-big',
        source: { limit: 'limit' },
      });
    });

    it("answers 403 for another application's advertiser and never returns its audiences", async () => {
      const response = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: { advertiserIds: [DEMO_ADVERTISER, OTHER_APP_ADVERTISER] } } },
      });
      expect(onlyError(response, 403)).toMatchObject({
        type: 'authorization',
        code: 'advertiser-not-authorized',
      });

      const foreign = [...t.emulator.store.audiences.values()]
        .filter((a) => a.attributes.advertiserId === OTHER_APP_ADVERTISER)
        .map((a) => a.id);
      expect(foreign.length).toBeGreaterThan(0);
      const byId = await search({ audienceIds: foreign });
      expect(byId.meta?.totalItems).toBe(0);
      const everything = await search({}, { limit: 100 });
      const visible = [...t.emulator.store.audiences.values()].filter(
        (a) => a.attributes.advertiserId !== OTHER_APP_ADVERTISER,
      );
      expect(everything.meta?.totalItems).toBe(visible.length);
      for (const a of everything.data ?? [])
        expect([DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER]).toContain(a.attributes?.advertiserId);

      const other = await t.call('POST', '/audiences/search', {
        body: { data: { attributes: {} } },
        token: await t.token('other-client-id'),
      });
      const otherData = AudienceSearchResponseSchema.parse(other.body).data ?? [];
      expect(otherData.map((a) => a.id)).toEqual(foreign);
    });
  });

  describe('POST /audiences/compute-sizes', () => {
    async function sizes(ids: string[]) {
      const response = await post('/audiences/compute-sizes', ids.map(idItem));
      expect(response.status).toBe(200);
      return { response, body: AudienceSegmentSizeListResponseSchema.parse(response.body) };
    }

    it('combines segment sizes: and = product, or = union, not = complement, deterministically', async () => {
      const [p = 0, b = 0] = (await segmentSizes([P, B])).map((size) => size / AUDIENCE_UNIVERSE);
      const ids = [
        await createAudience(and(seg(P), seg(B))),
        await createAudience(or(seg(P), seg(B))),
        await createAudience(and(seg(P), not(seg(B)))),
      ];
      const expected = [p * b, 1 - (1 - p) * (1 - b), p * (1 - b)].map((share) => share * AUDIENCE_UNIVERSE);
      const first = await sizes(ids);
      expect(first.body.errors).toEqual([]);
      const actual = (first.body.data ?? []).map((d) => required(d.attributes?.size, 'size'));
      expect(actual).toHaveLength(3);
      actual.forEach((size, i) => {
        expect(Number.isInteger(size)).toBe(true);
        expect(Math.abs(size - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(1);
      });
      expect((await sizes(ids)).body.data).toEqual(first.body.data);
      expect(first.body.data?.map((d) => [d.id, d.type])).toEqual(ids.map((id) => [id, 'AudienceSize']));
    });

    it('reports size problems at their index while siblings are sized', async () => {
      const ok1 = await createAudience(seg(P));
      const ok2 = await createAudience(or(seg(IM), seg(B)));
      const empty = await createAudience(seg(EMPTY_CL));
      const tiny = await createAudience(seg(TINY_CL));
      const { response, body } = await sizes([ok1, UNKNOWN_ID, empty, ok2, tiny]);
      expect(errorsOf(response)).toEqual([
        { instance: '@data/1', code: 'audience-not-found', source: { id: 'data/1/id' } },
        { instance: '@data/2', code: 'audience-size-not-available', source: { id: 'data/2/id' } },
        { instance: '@data/4', code: 'audience-size-too-small', source: { id: 'data/4/id' } },
      ]);
      expect(body.data?.map((d) => d.id)).toEqual([ok1, ok2]);
      for (const d of body.data ?? []) expect(d.attributes?.size).toBeGreaterThanOrEqual(1_000);
    });

    it('sizes an audience on a contact list once the list holds identifiers', async () => {
      const list = await createContactList();
      const id = await createAudience(seg(list));
      expect(errorsOf((await sizes([id])).response).map((e) => e.code)).toEqual([
        'audience-size-not-available',
      ]);

      const identifiers = Array.from({ length: 5_000 }, (_, i) => `sized-${i}@example.com`);
      const added = await t.call('PATCH', `/audience-segments/${list}/contact-list`, {
        body: {
          data: {
            type: 'ContactlistAmendment',
            attributes: { operation: 'add', identifierType: 'email', identifiers },
          },
        },
      });
      expect(added.status).toBe(200);
      const statistics = ContactListStatisticsResponseSchema.parse(
        (await t.call('GET', `/audience-segments/${list}/contact-list/statistics`)).body,
      ).data?.attributes;
      const { body } = await sizes([id]);
      expect(body.errors).toEqual([]);
      expect(body.data?.[0]?.attributes?.size).toBe(statistics?.numberOfMatches);
    });
  });

  describe('POST /audiences/estimate-size', () => {
    const estimate = (attributes: { advertiserId?: string; algebra?: AlgebraNode }, token?: string) =>
      t.call('POST', '/audiences/estimate-size', { body: { data: { type: 'Audience', attributes } }, token });

    it('estimates an unsaved algebra at the size the same algebra gets once saved', async () => {
      const algebra = and(or(seg(IM), seg(B)), not(seg(CL)));
      const response = await estimate({ advertiserId: DEMO_ADVERTISER, algebra });
      expect(response.status).toBe(200);
      const estimated = SizeEstimationResponseSchema.parse(response.body).data;
      expect(estimated).toEqual({ type: 'AudienceSize', attributes: { size: expect.any(Number) } });
      expect(response.body).not.toHaveProperty('data.id');

      const id = await createAudience(algebra);
      const computed = await post('/audiences/compute-sizes', [idItem(id)]);
      const size = AudienceSegmentSizeListResponseSchema.parse(computed.body).data?.[0]?.attributes?.size;
      expect(size).toBe(estimated?.attributes?.size);
    });

    it('answers 400 with the rule code and source for an invalid algebra', async () => {
      const cases: [AlgebraNode | undefined, string, Record<string, string>][] = [
        [
          and(seg(IM)),
          'audience-algebra-and-or-nodes-must-include-more-than-one-node',
          { algebra: 'data/attributes/algebra/and' },
        ],
        [{}, 'audience-algebra-node-must-have-exactly-one-operator', { algebra: 'data/attributes/algebra' }],
        [
          or(seg(IM), seg(UNKNOWN_ID)),
          'audience-must-contain-only-existing-segments',
          { audienceSegmentId: 'data/attributes/algebra/or/1/audienceSegmentId' },
        ],
        [
          not(seg(IM)),
          'audience-must-contain-included-segment-or-only-excluded-contact-list',
          { algebra: 'data/attributes/algebra' },
        ],
        [
          and(seg(R), seg(IM)),
          'audience-with-retargeting-segment-must-be-correctly-specified',
          { algebra: 'data/attributes/algebra' },
        ],
        [undefined, 'algebra-must-be-defined', { algebra: 'data/attributes/algebra' }],
      ];
      for (const [algebra, code, source] of cases) {
        const error = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra }), 400);
        expect({ code: error.code, source: error.source }).toEqual({ code, source });
      }
    });

    it('answers 400 when the size is too small or not available', async () => {
      const tiny = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra: seg(TINY_CL) }), 400);
      expect(tiny).toMatchObject({
        type: 'validation',
        code: 'audience-size-too-small',
        instance: expect.stringMatching(/\/audiences\/estimate-size$/),
      });
      const empty = onlyError(await estimate({ advertiserId: DEMO_ADVERTISER, algebra: seg(EMPTY_CL) }), 400);
      expect(empty.code).toBe('audience-size-not-available');
    });

    it('answers 400 undefined-advertiser-id without an advertiser and 403 for a foreign one', async () => {
      expect(onlyError(await estimate({ algebra: seg(IM) }), 400).code).toBe('undefined-advertiser-id');
      const foreign = onlyError(
        await estimate({ advertiserId: OTHER_APP_ADVERTISER, algebra: seg(IM) }),
        403,
      );
      expect(foreign).toMatchObject({ type: 'authorization', code: 'advertiser-not-authorized' });
    });
  });

  describe('PUT /ad-sets/{adSetId}/audience', () => {
    const link = (adSetId: string, audienceId: string) =>
      t.call('PUT', `/ad-sets/${adSetId}/audience`, {
        body: { data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } } },
      });
    const freeAdSet = () =>
      required(
        [...t.emulator.store.adSets.values()].find(
          (s) => s.advertiserId === DEMO_ADVERTISER && !s.audienceId,
        ),
        'free ad set',
      ).id;

    it("links an audience, which then lists the ad set, and moves it off the previous audience's list", async () => {
      const adSetId = freeAdSet();
      const a = await createAudience(seg(IM));
      const b = await createAudience(seg(P));
      const first = await link(adSetId, a);
      expect(first.status).toBe(200);
      expect(AdSetAudienceLinkResponseSchema.parse(first.body).data).toEqual({
        id: adSetId,
        type: 'AdSetAudienceLink',
        attributes: { audienceId: a },
      });
      expect((await findAudience(a)).attributes?.adSetIds).toEqual([adSetId]);

      expect((await link(adSetId, b)).status).toBe(200);
      const found = await search({ audienceIds: [a, b] });
      expect(found.data?.map((x) => [x.id, x.attributes?.adSetIds])).toEqual([
        [a, []],
        [b, [adSetId]],
      ]);
      expect((await search({ adSetIds: [adSetId] })).data?.map((x) => x.id)).toEqual([b]);
    });

    it('answers 404 ad-set-not-found for an unknown ad set', async () => {
      const response = await link('999999', await createAudience(seg(IM)));
      expect(onlyError(response, 404)).toMatchObject({
        code: 'ad-set-not-found',
        instance: '/ad-sets/999999',
      });
    });

    it('answers 400 for an audience of another advertiser or an unknown one, leaving the link as it was', async () => {
      const adSetId = freeAdSet();
      const other = await createAudience(seg(IM_5050), { advertiserId: SECOND_DEMO_ADVERTISER });
      expect(onlyError(await link(adSetId, other), 400).code).toBe('audience-not-found');
      expect(onlyError(await link(adSetId, UNKNOWN_ID), 400).code).toBe('audience-not-found');
      expect(t.emulator.store.adSets.get(adSetId)?.audienceId).toBeNull();
    });

    it("answers 403 for another application's ad set", async () => {
      const foreign = required(
        [...t.emulator.store.adSets.values()].find((s) => s.advertiserId === OTHER_APP_ADVERTISER),
        'ad set of 7070',
      );
      const before = foreign.audienceId;
      const response = await link(foreign.id, await createAudience(seg(IM)));
      expect(onlyError(response, 403)).toMatchObject({
        type: 'authorization',
        code: 'advertiser-not-authorized',
      });
      expect(foreign.audienceId).toBe(before);
    });
  });

  describe('GET /me', () => {
    it('returns the application behind the token', async () => {
      const demo = ApplicationSummaryResponseSchema.parse((await t.call('GET', '/me')).body).data;
      expect(demo).toMatchObject({
        type: 'Application',
        attributes: {
          applicationId: 1001,
          name: 'Demo application',
          organizationId: 42,
          criteoService: 'MarketingSolutions',
        },
      });
      const other = await t.call('GET', '/me', { token: await t.token('other-client-id') });
      expect(ApplicationSummaryResponseSchema.parse(other.body).data?.attributes).toMatchObject({
        applicationId: 1002,
        name: 'Other application',
        organizationId: 43,
      });
    });
  });
});

describe('audience sizes of unsupported segments', () => {
  it('reports audience-size-not-supported for an audience on an Unknown-type segment', async () => {
    const t = await startTestEmulator();
    try {
      const unknown = [...t.emulator.store.segments.values()].find(
        (s) => s.attributes.type === 'Unknown' && s.attributes.advertiserId === DEMO_ADVERTISER,
      );
      if (!unknown) throw new Error('the demo data has an Unknown segment');
      const created = await t.call('POST', '/audiences/create', {
        body: {
          data: [
            {
              attributes: {
                advertiserId: DEMO_ADVERTISER,
                name: 'On unknown',
                algebra: { audienceSegmentId: unknown.id },
              },
            },
          ],
        },
      });
      const data = record(created.body).data;
      const id = Array.isArray(data) ? String(record(data[0]).id) : '';
      const sizes = await t.call('POST', '/audiences/compute-sizes', { body: { data: [{ id }] } });
      expect(errorCodes(sizes.body)).toEqual(['audience-size-not-supported']);
    } finally {
      await t.close();
    }
  });
});
