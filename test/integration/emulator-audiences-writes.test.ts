import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdListResponseSchema } from '../../src/contract/envelope.js';
import { PROBLEM_TITLES } from '../../src/emulator/problems.js';
import {
  DEMO_ADVERTISER,
  OTHER_APP_ADVERTISER,
  SECOND_DEMO_ADVERTISER,
  startTestEmulator,
  type TestEmulator,
} from '../support/emulator.js';
import {
  and,
  audienceCalls,
  audienceItem,
  audiencesOf,
  demoAudienceSegments,
  ErrorListSchema,
  errorsOf,
  idItem,
  namesOf,
  not,
  onlyError,
  or,
  RawAlgebraSchema,
  required,
  seg,
  UNKNOWN_ID,
  uniqueName,
} from '../support/emulator-audiences.js';

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
  let IM_5050: string;

  beforeAll(async () => {
    t = await startTestEmulator({ demoData: true });
    ({ IM, P, B, R, R2, CL, CL2, IM_5050 } = demoAudienceSegments(t));
  });
  afterAll(() => t.close());

  const { post, patch, createAudience, search, findAudience } = audienceCalls(() => t);

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
});
