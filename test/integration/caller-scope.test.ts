import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AudienceRecord, SegmentRecord } from '../../src/emulator/store.js';
import { graphql } from '../graphql/index.js';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AUDIENCE,
  bearer,
  ISSUER,
  type KeySetServer,
  mint,
  signingKey,
  startKeySet,
} from '../support/jwks.js';
import { payload, sentItems } from '../support/writes.js';

/** Both belong to the demo application `demo-client-id`; the token below names only the first. */
const MINE = '4949';
const THEIRS = '5050';

const CREATE_SEGMENTS = /* GraphQL */ `
  mutation ($input: [AudienceSegmentCreateInput!]!) {
    createAudienceSegments(input: $input) {
      results { __typename ... on Segment { id name advertiserId } ... on CriteoProblem { index code detail } }
      problems { index code }
    }
  }
`;
const PROBLEM = '__typename ... on CriteoProblem { code detail }';

const SCOPED_READS = graphql(`
  query ScopedReads($theirs: [ID!]) {
    audienceSegments(first: 100) { totalCount edges { node { ... on Segment { advertiserId name } } } }
    audiences(first: 100) { totalCount edges { node { advertiserId name } } }
    byTheirIds: audienceSegments(first: 10, ids: $theirs) { totalCount }
    usingTheirSegment: audiences(first: 10, segmentIds: $theirs) { totalCount }
    emptyFilter: audiences(first: 1, advertiserIds: []) { totalCount }
  }
`);

const SCOPED_ENTITIES = graphql(`
  query ScopedEntities($r: [_Any!]!) { _entities(representations: $r) {
    __typename ... on Audience { name advertiserId } ... on Segment { name } ... on Advertiser { id }
  } }
`);

const SCOPED_UPDATE_DELETE = graphql(`
  mutation ScopedUpdateDelete($u: [AudienceSegmentUpdateInput!]!, $d: [ID!]!) {
    updateAudienceSegments(input: $u) {
      results { __typename ... on CriteoProblem { code detail } ... on Segment { id } }
    }
    deleteAudiences(ids: $d) { results { __typename ... on CriteoProblem { code detail } } }
  }
`);

const SCOPED_CREATE_AUDIENCES = graphql(`
  mutation ScopedCreateAudiences($input: [AudienceCreateInput!]!) {
    createAudiences(input: $input) { results { __typename ... on CriteoProblem { code detail } } }
  }
`);

describe('advertiser scoping (AUTH_ADVERTISERS_CLAIM)', () => {
  let keySet: KeySetServer;
  let gw: TestGateway;
  let headers: Record<string, string>;
  /** 5050's objects, straight from the emulator's store. */
  let theirSegment: SegmentRecord;
  let theirContactList: SegmentRecord;
  let theirAudience: AudienceRecord;
  let myAudience: AudienceRecord;
  /** Every string that would show 5050's data: its id and the names of its objects. */
  let theirSecrets: string[];

  const ask = (query: string, variables?: Record<string, unknown>) => gw.query(query, variables, headers);
  /** Nothing of 5050 anywhere in the answer: data, errors, messages. */
  const expectNothingOfTheirs = <Data>(response: GraphQLResponse<Data>) => {
    const text = JSON.stringify(response);
    for (const secret of theirSecrets) expect(text).not.toContain(secret);
  };
  /** `[path, code]` of each error, in path order (errors arrive in resolution order). */
  const codes = <Data>(response: GraphQLResponse<Data>) =>
    response.errors
      ?.map((e) => [e.path?.join('.'), e.extensions?.code])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));

  beforeAll(async () => {
    const key = await signingKey('ES256', 'k1');
    keySet = await startKeySet([key.jwk]);
    gw = await startTestGateway({
      env: { AUTH_JWKS_URL: keySet.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
    headers = bearer(await mint(key, { advertiser_ids: [Number(MINE)] }));
    const { segments, audiences } = gw.emulator.store;
    const of = <T extends { attributes: { advertiserId: string } }>(
      records: Iterable<T>,
      advertiser: string,
    ) => [...records].filter((r) => r.attributes.advertiserId === advertiser);
    theirSegment = of(segments.values(), THEIRS)[0] as SegmentRecord;
    theirContactList = of(segments.values(), THEIRS).find(
      (s) => s.attributes.type === 'ContactList',
    ) as SegmentRecord;
    theirAudience = of(audiences.values(), THEIRS)[0] as AudienceRecord;
    myAudience = of(audiences.values(), MINE)[0] as AudienceRecord;
    // Demo names repeat across advertisers ("Prospects #1"): only those 4949 does not also have.
    const names = (advertiser: string) => [
      ...of(segments.values(), advertiser).map((s) => s.attributes.name),
      ...of(audiences.values(), advertiser).map((a) => a.attributes.name),
    ];
    const mine = new Set(names(MINE));
    theirSecrets = [THEIRS, ...names(THEIRS).filter((name) => !mine.has(name))];
    expect(theirSecrets.length).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await gw.close();
    await keySet.close();
  });
  beforeEach(() => gw.resetCalls());

  describe('reads', () => {
    it('narrows searches to the token’s advertisers before the call', async () => {
      const result = await gw.query(SCOPED_READS, { theirs: [theirSegment.id] }, headers);
      expect(result.errors).toBeUndefined();
      const data = result.data;
      expect(data?.audienceSegments?.totalCount).toBeGreaterThan(0);
      expect(new Set(data?.audienceSegments?.edges?.map((e) => e.node.advertiserId))).toEqual(
        new Set([MINE]),
      );
      expect(new Set(data?.audiences?.edges?.map((e) => e.node.advertiserId))).toEqual(new Set([MINE]));
      expect(data?.byTheirIds?.totalCount).toBe(0);
      expect(data?.usingTheirSegment?.totalCount).toBe(0);
      // An empty list means "all" to Criteo: it becomes the token's list too.
      expect(data?.emptyFilter?.totalCount).toBe(data?.audiences?.totalCount);
      expectNothingOfTheirs(result);
      // Every search Criteo received was filtered by 4949 alone.
      for (const op of ['SearchAudienceSegments', 'SearchAudiences'])
        for (const entry of gw.emulator.requests.list(op))
          expect(entry.body).toMatchObject({ data: { attributes: { advertiserIds: [MINE] } } });
    });

    it('refuses a search or an advertiser naming another advertiser with FORBIDDEN, before any call', async () => {
      const result = await ask(`{
        a: audienceSegments(first: 5, advertiserIds: ["${THEIRS}"]) { totalCount }
        b: audiences(first: 5, advertiserIds: ["${MINE}", "${THEIRS}"]) { totalCount }
        c: advertiser(id: "${THEIRS}") { id audiences(first: 5) { totalCount } }
        d: advertiser(id: "${MINE}") { id audienceSegments(first: 1) { totalCount } }
      }`);
      expect(result.data).toMatchObject({ a: null, b: null, c: null, d: { id: MINE } });
      expect(codes(result)).toEqual([
        ['a', 'FORBIDDEN'],
        ['b', 'FORBIDDEN'],
        ['c', 'FORBIDDEN'],
      ]);
      expect(result.errors?.find((e) => e.path?.[0] === 'a')?.message).toBe(
        `advertiserIds: ${THEIRS} is not among the advertisers of your token`,
      );
      expect(gw.calls()).toEqual({ SearchAudienceSegments: 1 });
    });

    it('answers a lookup of another advertiser’s object by id with null and FORBIDDEN at its path', async () => {
      const result = await ask(`{
        audienceSegment(id: "${theirSegment.id}") { ... on Segment { name } }
        audience(id: "${theirAudience.id}") { name algebraNodes { __typename } }
        mine: audience(id: "${myAudience.id}") { advertiserId segments { ... on Segment { advertiserId } } }
      }`);
      expect(result.data).toMatchObject({
        audienceSegment: null,
        audience: null,
        mine: { advertiserId: MINE },
      });
      expect(codes(result)).toEqual([
        ['audience', 'FORBIDDEN'],
        ['audienceSegment', 'FORBIDDEN'],
      ]);
      expect(result.errors?.find((e) => e.path?.[0] === 'audienceSegment')?.message).toBe(
        `audience segment ${theirSegment.id} belongs to an advertiser your token does not cover`,
      );
      expectNothingOfTheirs(result);
    });

    it('applies the same scope to _entities, whatever the type named', async () => {
      const result = await gw.query(
        SCOPED_ENTITIES,
        {
          r: [
            { __typename: 'Audience', id: myAudience.id },
            { __typename: 'Audience', id: theirAudience.id },
            { __typename: 'Segment', id: theirSegment.id },
            { __typename: 'ContactListSegment', id: theirContactList.id },
            { __typename: 'Advertiser', id: THEIRS },
          ],
        },
        headers,
      );
      const entities = result.data?._entities ?? [];
      expect(entities[0]).toMatchObject({ __typename: 'Audience', advertiserId: MINE });
      expect(entities.slice(1)).toEqual([null, null, null, null]);
      expect(codes(result)).toEqual([
        ['_entities.1', 'FORBIDDEN'],
        ['_entities.2', 'FORBIDDEN'],
        ['_entities.3', 'FORBIDDEN'],
        ['_entities.4', 'FORBIDDEN'],
      ]);
      // A message names the id the caller sent, never the advertiser an object belongs to.
      const objectErrors = result.errors?.filter((e) => e.path?.[1] !== 4);
      expect(objectErrors).toHaveLength(3);
      expect(JSON.stringify(objectErrors)).not.toContain(THEIRS);
      expectNothingOfTheirs({ data: result.data });
    });

    it('scopes nested searches (a segment’s audiences) to the token’s advertisers', async () => {
      const mine = [...gw.emulator.store.segments.values()].find((s) => s.attributes.advertiserId === MINE);
      const result = await ask(
        `{ audienceSegment(id: "${mine?.id}") { ... on Segment { audiences { advertiserId } } } }`,
      );
      expect(result.errors).toBeUndefined();
      for (const entry of gw.emulator.requests.list('SearchAudiences'))
        expect(entry.body).toMatchObject({ data: { attributes: { advertiserIds: [MINE] } } });
    });
  });

  describe('writes and estimates', () => {
    it('fails the items of another advertiser with FORBIDDEN and sends only the allowed ones', async () => {
      const input = [MINE, THEIRS, MINE, THEIRS].map((advertiserId, i) => ({
        advertiserId,
        name: `Scoped create ${i}`,
        definition: { contactList: true },
      }));
      const result = await ask(CREATE_SEGMENTS, { input });
      expect(result.errors).toBeUndefined();
      const { results, problems } = payload(result.data, 'createAudienceSegments');
      expect(results.map((r) => r.__typename)).toEqual([
        'ContactListSegment',
        'CriteoProblem',
        'ContactListSegment',
        'CriteoProblem',
      ]);
      expect(problems).toEqual([
        { index: 1, code: 'FORBIDDEN' },
        { index: 3, code: 'FORBIDDEN' },
      ]);
      expect(results[1]?.detail).toBe(
        `input[1].advertiserId: ${THEIRS} is not among the advertisers of your token`,
      );
      const sent = sentItems(gw, 'CreateAudienceSegments');
      expect(sent).toHaveLength(1);
      expect(sent[0]?.map((item) => (item.attributes as { advertiserId: string }).advertiserId)).toEqual([
        MINE,
        MINE,
      ]);
    });

    it('refuses a lookalike seeded by another advertiser’s segment without sending it', async () => {
      const result = await ask(CREATE_SEGMENTS, {
        input: [
          {
            advertiserId: MINE,
            name: 'Scoped lookalike',
            definition: { lookalike: { seedSegmentId: theirSegment.id } },
          },
        ],
      });
      const { problems, results } = payload(result.data, 'createAudienceSegments');
      expect(problems).toEqual([{ index: 0, code: 'FORBIDDEN' }]);
      expect(results[0]?.detail).toBe(
        `input[0].definition.lookalike.seedSegmentId: audience segment ${theirSegment.id} belongs to an advertiser your token does not cover`,
      );
      expect(gw.calls()).toEqual({ SearchAudienceSegments: 1 });
      expectNothingOfTheirs(result);
    });

    it('looks up the owners of updated and deleted ids first and sends only the caller’s', async () => {
      const mySegment = [...gw.emulator.store.segments.values()].find(
        (s) => s.attributes.advertiserId === MINE && s.attributes.type === 'ContactList',
      );
      const result = await gw.query(
        SCOPED_UPDATE_DELETE,
        {
          u: [
            { id: mySegment?.id ?? '', description: 'still mine' },
            { id: theirSegment.id, description: 'not mine' },
          ],
          d: [theirAudience.id],
        },
        headers,
      );
      expect(result.errors).toBeUndefined();
      const data = result.data;
      expect(
        data?.updateAudienceSegments?.results.map((r) => ('code' in r ? r.code : undefined) ?? r.__typename),
      ).toEqual(['ContactListSegment', 'FORBIDDEN']);
      expect(data?.deleteAudiences?.results.map((r) => ('code' in r ? r.code : undefined))).toEqual([
        'FORBIDDEN',
      ]);
      // One batched owner lookup per kind; the update carries 4949's segment only; no delete at all.
      expect(gw.calls()).toEqual({
        SearchAudienceSegments: 1,
        SearchAudiences: 1,
        UpdateAudienceSegments: 1,
      });
      expect(sentItems(gw, 'UpdateAudienceSegments')[0]?.map((item) => item.id)).toEqual([mySegment?.id]);
      expect(theirAudience.attributes.name).toBeTruthy();
      expect(gw.emulator.store.audiences.has(theirAudience.id)).toBe(true);
    });

    it('refuses an audience whose algebra uses another advertiser’s segment', async () => {
      const result = await gw.query(
        SCOPED_CREATE_AUDIENCES,
        { input: [{ advertiserId: MINE, name: 'Scoped audience', algebra: { segmentId: theirSegment.id } }] },
        headers,
      );
      const first = result.data?.createAudiences?.results[0];
      expect(first).toMatchObject({ code: 'FORBIDDEN' });
      expect(first && 'detail' in first ? first.detail : undefined).toMatch(
        /^input\[0\]\.algebra: audience segment/,
      );
      expect(gw.calls()).toEqual({ SearchAudienceSegments: 1 });
    });

    it('refuses estimates, in-market lists, contact-list changes and ad-set links of another advertiser', async () => {
      const adSet = [...gw.emulator.store.adSets.values()][0];
      const result = await ask(`mutation {
        add: addContactListIdentifiers(input: { segmentId: "${theirContactList.id}", identifierType: EMAIL, identifiers: ["a@example.com"] }) { ${PROBLEM} }
        clear: clearContactList(segmentId: "${theirContactList.id}") { ${PROBLEM} }
        link: setAdSetAudience(adSetId: "${adSet?.id}", audienceId: "${theirAudience.id}") { ${PROBLEM} }
      }`);
      expect(result.errors).toBeUndefined();
      const estimates = await ask(`{
        segment: estimateAudienceSegmentSize(advertiserId: "${THEIRS}", definition: { location: { radiusInKm: 5, pointsOfInterest: [{ name: "Paris", latitude: 48.85, longitude: 2.35 }] } }) { ${PROBLEM} }
        audience: estimateAudienceSize(advertiserId: "${MINE}", algebra: { segmentId: "${theirSegment.id}" }) { ${PROBLEM} }
        brands: inMarketBrands(advertiserId: "${THEIRS}", country: "FR") { ${PROBLEM} }
      }`);
      expect(estimates.errors).toBeUndefined();
      for (const value of [...Object.values(result.data ?? {}), ...Object.values(estimates.data ?? {})])
        expect(value).toMatchObject({ __typename: 'CriteoProblem', code: 'FORBIDDEN' });
      // Only the owner lookups (the contact list's once: the request's loader caches it; the ad set's
      // read from Criteo); nothing was changed, estimated or listed.
      expect(gw.calls()).toEqual({ SearchAudienceSegments: 2, SearchAudiences: 1, GetAdSet: 1 });
    });

    it('refuses linking another advertiser’s ad set to the caller’s audience, read first and never sent', async () => {
      const theirAdSet = [...gw.emulator.store.adSets.values()].find((a) => a.advertiserId === THEIRS);
      if (!theirAdSet) throw new Error('no demo ad set of 5050');
      const before = theirAdSet.audienceId;
      const result = await ask(
        `mutation { setAdSetAudience(adSetId: "${theirAdSet.id}", audienceId: "${myAudience.id}") { ${PROBLEM} } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.setAdSetAudience).toEqual({
        __typename: 'CriteoProblem',
        code: 'FORBIDDEN',
        detail: `adSetId: ad set ${theirAdSet.id} belongs to an advertiser your token does not cover`,
      });
      // One read of the ad set; no audience lookup and no PUT once it is known to be another's.
      expect(gw.calls()).toEqual({ GetAdSet: 1 });
      expect(gw.emulator.requests.count('UpdateAdSetAudience')).toBe(0);
      expect(theirAdSet.audienceId).toBe(before);
      // The demo's ad-set ids start with their advertiser's id: the one the caller sent is taken out.
      expect(JSON.stringify(result).split(theirAdSet.id).join('')).not.toContain(THEIRS);
    });

    it('links the caller’s own ad set to its own audience after reading the ad set', async () => {
      const store = gw.emulator.store;
      const adSet = [...store.adSets.values()].find((a) => a.advertiserId === MINE && a.audienceId === null);
      if (!adSet) throw new Error('no free demo ad set of 4949');
      const result = await ask(
        `mutation { setAdSetAudience(adSetId: "${adSet.id}", audienceId: "${myAudience.id}") {
          __typename ... on AdSetAudience { adSetId audienceId } ... on CriteoProblem { code detail }
        } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.setAdSetAudience).toEqual({
        __typename: 'AdSetAudience',
        adSetId: adSet.id,
        audienceId: myAudience.id,
      });
      expect(gw.calls()).toEqual({ GetAdSet: 1, SearchAudiences: 1, UpdateAdSetAudience: 1 });
      expect(adSet.audienceId).toBe(myAudience.id);
      adSet.audienceId = null;
    });

    it('answers Criteo’s refusal of an unknown ad set from the read, without Criteo’s wording', async () => {
      const result = await ask(
        `mutation { setAdSetAudience(adSetId: "999999999", audienceId: "${myAudience.id}") { ${PROBLEM} } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.setAdSetAudience).toEqual({
        __typename: 'CriteoProblem',
        code: 'ad-set-not-found',
        detail: `Criteo refused to link ad set 999999999 to audience ${myAudience.id} (ad-set-not-found)`,
      });
      expect(gw.calls()).toEqual({ GetAdSet: 1 });
    });
  });
});
