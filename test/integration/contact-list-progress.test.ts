import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { incremental, type Part } from '../support/incremental.js';
import { newContactList } from '../support/writes.js';

// An upload's progress bar: `chunkResults @stream` tells each chunk of 50,000 identifiers as Criteo
// answers it, over HTTP (multipart/mixed), through the production configuration.

const UPLOAD = /* GraphQL */ `
  mutation Upload($input: ContactListIdentifiersInput!) {
    addContactListIdentifiers(input: $input) {
      ... on ContactListIdentifiersPayload {
        segmentId
        chunkResults @stream { chunk identifiers validIdentifiers problem { code } }
        ... @defer(label: "totals") { chunks validIdentifiers failedChunks { chunk } }
      }
    }
  }
`;

const ChunkSchema = z.object({
  chunk: z.number(),
  identifiers: z.number(),
  validIdentifiers: z.number(),
  problem: z.object({ code: z.string() }).nullable(),
});

describe('addContactListIdentifiers with chunkResults @stream', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('sends each chunk’s result as Criteo answers it, before the last chunk is answered, and the totals last', async () => {
    const segmentId = newContactList(gateway, 'Streamed upload');
    // Each chunk takes Criteo a while; chunks go one after the other.
    gateway.emulator.faults.set('UpdateContactListByAudienceSegment', { latencyMs: 400 });
    const answered = () =>
      gateway.emulator.requests
        .list('UpdateContactListByAudienceSegment')
        .filter((entry) => entry.status !== null && entry.status !== undefined).length;
    const seen: { part: Part; answered: number }[] = [];
    const identifiers = Array.from({ length: 100_001 }, (_, i) => `person${i}@example.com`);

    await incremental(gateway, UPLOAD, (part) => seen.push({ part, answered: answered() }), {
      input: { segmentId, identifierType: 'EMAIL', identifiers },
    });

    const [first, ...later] = seen;
    // The payload goes out once the first chunk was answered, while the other two are still to come.
    expect(first?.part.data).toEqual({ addContactListIdentifiers: { segmentId, chunkResults: [] } });
    expect(first?.answered).toBeLessThan(3);

    const streamed = later.flatMap(({ part, answered: at }) =>
      (part.incremental ?? []).flatMap((entry) =>
        (entry.items ?? []).map((item) => ({ chunk: ChunkSchema.parse(item), at, path: entry.path })),
      ),
    );
    expect(streamed.map(({ chunk }) => chunk)).toEqual([
      { chunk: 0, identifiers: 50_000, validIdentifiers: 50_000, problem: null },
      { chunk: 1, identifiers: 50_000, validIdentifiers: 50_000, problem: null },
      { chunk: 2, identifiers: 1, validIdentifiers: 1, problem: null },
    ]);
    expect(streamed[0]?.path).toEqual(['addContactListIdentifiers', 'chunkResults', 0]);
    // The first chunk's result reached the client before Criteo had answered the last chunk.
    expect(streamed[0]?.at).toBeLessThan(3);

    const totals = later
      .flatMap(({ part }) => part.incremental ?? [])
      .find((entry) => entry.label === 'totals');
    expect(totals?.data).toEqual({ chunks: 3, validIdentifiers: 100_001, failedChunks: [] });
    expect(later.at(-1)?.part.hasNext).toBe(false);
    expect(gateway.calls()).toMatchObject({ UpdateContactListByAudienceSegment: 3 });
  });

  it('runs a mutation that follows a streamed upload only after its last chunk', async () => {
    const segmentId = newContactList(gateway, 'Streamed, then cleared');
    gateway.emulator.faults.set('UpdateContactListByAudienceSegment', { latencyMs: 200 });
    gateway.emulator.requests.clear();
    const parts = await incremental(
      gateway,
      /* GraphQL */ `mutation Then($input: ContactListIdentifiersInput!, $segmentId: ID!) {
        add: addContactListIdentifiers(input: $input) {
          ... on ContactListIdentifiersPayload { chunkResults @stream { chunk } }
        }
        clear: clearContactList(segmentId: $segmentId) { __typename }
      }`,
      () => {},
      {
        input: {
          segmentId,
          identifierType: 'EMAIL',
          identifiers: Array.from({ length: 50_001 }, (_, i) => `c${i}@example.com`),
        },
        segmentId,
      },
    );
    expect(parts.at(-1)?.hasNext).not.toBe(true);
    const order = gateway.emulator.requests
      .list()
      .map((entry) => entry.operationId)
      .filter((operation) => operation !== 'OAuthToken');
    expect(order).toEqual([
      'UpdateContactListByAudienceSegment',
      'UpdateContactListByAudienceSegment',
      'DeleteContactListByAudienceSegment',
    ]);
    expect(gateway.emulator.store.segments.get(segmentId)?.contactList?.identifiers.size).toBe(0);
  });

  it('answers a list Criteo refuses at the first chunk with its problem, nothing streamed', async () => {
    const parts = await incremental(
      gateway,
      UPLOAD.replace('segmentId\n', '__typename segmentId\n'),
      () => {},
      {
        input: { segmentId: '999999999', identifierType: 'EMAIL', identifiers: ['a@example.com'] },
      },
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]?.data).toEqual({ addContactListIdentifiers: {} });
  });
});
