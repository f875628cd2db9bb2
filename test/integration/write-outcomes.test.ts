import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, newContactList, payload } from '../support/writes.js';

/**
 * Issue 14: each write item is reported as what really happened (created, refused, not sent, outcome
 * unknown), checked item by item against the emulator's store.
 */

const CREATE = /* GraphQL */ `
  mutation ($input: [AudienceSegmentCreateInput!]!) {
    createAudienceSegments(input: $input) {
      results {
        __typename
        ... on Segment { id name }
        ... on CriteoProblem { index code detail }
      }
    }
  }
`;

const items = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    advertiserId: ADVERTISER,
    name: `${prefix} ${i}`,
    definition: { contactList: true },
  }));

const storedNames = (gateway: TestGateway) =>
  new Set([...gateway.emulator.store.segments.values()].map((s) => s.attributes.name));

// Two calls a minute, and a deadline far shorter than the wait for a third (about 63 s) but long
// enough for the first two to be answered, even on a busy machine.
const STARVED = { CRITEO_RATE_LIMIT_PER_MINUTE: '2', OPERATION_TIMEOUT_MS: '4000' };

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('bulk writes past the deadline', () => {
  it('reports the chunks that never left as CRITEO_NOT_SENT, and the store holds exactly the created items', async () => {
    gateway = await startTestGateway({ env: STARVED });
    const input = items('Deadline', 300);
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results } = payload(result.data, 'createAudienceSegments');
    expect(results).toHaveLength(300);
    const stored = storedNames(gateway);
    const outcomes = { created: 0, notSent: 0 };
    for (const [index, item] of results.entries()) {
      const name = input[index]?.name ?? '';
      if (item.__typename === 'CriteoProblem') {
        expect(item).toMatchObject({ index, code: 'CRITEO_NOT_SENT' });
        expect(item.detail).toMatch(
          /not sent \(the GraphQL operation ran out of time before it could leave\)/,
        );
        expect(item.detail).toMatch(/safe to send again/);
        expect(stored.has(name)).toBe(false);
        outcomes.notSent += 1;
      } else {
        expect(item).toMatchObject({ __typename: 'ContactListSegment', name });
        expect(stored.has(name)).toBe(true);
        outcomes.created += 1;
      }
    }
    // The budget admits two calls: chunks 0 and 1 (items 0-99); the other four never left.
    expect(outcomes).toEqual({ created: 100, notSent: 200 });
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 2 });
  });

  it('reports a single write that waited for budget until the deadline as CRITEO_NOT_SENT; nothing changed', async () => {
    gateway = await startTestGateway({ env: STARVED });
    const segmentId = newContactList(gateway, 'Still full');
    const list = gateway.emulator.store.segments.get(segmentId)?.contactList;
    list?.identifiers.add('someone');
    // Spend the budget: two reads.
    await gateway.query('{ a: audiences(first: 1) { totalCount } }');
    await gateway.query('{ b: audiences(first: 1) { totalCount } }');
    gateway.resetCalls();
    const result = await gateway.query(
      `mutation { clearContactList(segmentId: "${segmentId}") { __typename } }`,
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['CRITEO_NOT_SENT']);
    expect(result.errors?.[0]?.message).toBe(
      'DeleteContactListByAudienceSegment: not sent (the GraphQL operation ran out of time before it could leave); Criteo never received it, it is safe to send again',
    );
    expect(gateway.calls()).toEqual({});
    expect(list?.identifiers.size).toBe(1);
  });

  it('names a contact-list chunk the deadline kept back as CRITEO_NOT_SENT; the list holds the chunks sent', async () => {
    // Chunks of 50,000 take the emulator a while: a longer deadline still ends the wait for a third call.
    gateway = await startTestGateway({ env: { ...STARVED, OPERATION_TIMEOUT_MS: '10000' } });
    const segmentId = newContactList(gateway, 'Partly uploaded');
    const identifiers = Array.from({ length: 120_000 }, (_, i) => `c${i}@example.com`);
    const result = await gateway.query(
      `mutation ($ids: [String!]!) { addContactListIdentifiers(input: { segmentId: "${segmentId}", identifierType: EMAIL, identifiers: $ids }) {
        ... on ContactListIdentifiersPayload { chunks validIdentifiers failedChunks { chunk firstIdentifier lastIdentifier identifiers problem { code detail } } }
      } }`,
      { ids: identifiers },
    );
    expect(result.errors).toBeUndefined();
    const change = z
      .object({
        chunks: z.number(),
        validIdentifiers: z.number(),
        failedChunks: z.array(
          z.object({
            chunk: z.number(),
            firstIdentifier: z.number(),
            lastIdentifier: z.number(),
            identifiers: z.number(),
            problem: z.object({ code: z.string(), detail: z.string() }),
          }),
        ),
      })
      .parse(result.data?.addContactListIdentifiers);
    expect(change).toMatchObject({
      chunks: 3,
      failedChunks: [
        {
          chunk: 2,
          firstIdentifier: 100_000,
          lastIdentifier: 119_999,
          identifiers: 20_000,
          problem: { code: 'CRITEO_NOT_SENT' },
        },
      ],
    });
    expect(change.failedChunks[0]?.problem.detail).toMatch(/ran out of time before it could leave/);
    const stored = gateway.emulator.store.segments.get(segmentId)?.contactList?.identifiers;
    expect(stored?.size).toBe(100_000);
    expect(stored?.has('c99999@example.com')).toBe(true);
    expect(stored?.has('c100000@example.com')).toBe(false);
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 2 });
  });
});

describe('a lost response', () => {
  it('reports its chunk as CRITEO_OUTCOME_UNKNOWN, and the store shows it applied; other chunks are created', async () => {
    gateway = await startTestGateway();
    gateway.emulator.faults.failNext('CreateAudienceSegments', { kind: 'lostResponse' });
    const input = items('Lost', 120);
    const result = await gateway.query(CREATE, { input });
    expect(result.errors).toBeUndefined();
    const { results } = payload(result.data, 'createAudienceSegments');
    const stored = storedNames(gateway);
    for (const [index, item] of results.entries()) {
      // Applied either way: chunk 0 by Criteo without an answer, chunks 1 and 2 with one.
      expect(stored.has(input[index]?.name ?? '')).toBe(true);
      if (index < 50)
        expect(item).toMatchObject({ __typename: 'CriteoProblem', index, code: 'CRITEO_OUTCOME_UNKNOWN' });
      else expect(item).toMatchObject({ __typename: 'ContactListSegment', name: input[index]?.name });
    }
    expect(gateway.calls()).toEqual({ CreateAudienceSegments: 3 });
  });
});
