import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ADVERTISER, newContactList, uploadCsv } from '../support/writes.js';

const RESULT = /* GraphQL */ `
  __typename
  ... on ContactListIdentifiersPayload {
    received validIdentifiers invalidIdentifiers sampleInvalidIdentifiers chunks
    failedChunks { chunk firstIdentifier lastIdentifier identifiers problem { code } }
    readError { code }
  }
  ... on CriteoProblem { code }
`;
const ADD = /* GraphQL */ `
  mutation Add($input: ContactListIdentifiersInput!) { addContactListIdentifiers(input: $input) { ${RESULT} } }
`;

const ChangeSchema = z.object({
  received: z.number(),
  validIdentifiers: z.number(),
  invalidIdentifiers: z.number(),
  sampleInvalidIdentifiers: z.array(z.string()),
  chunks: z.number(),
  failedChunks: z.array(
    z.object({
      chunk: z.number(),
      firstIdentifier: z.number(),
      lastIdentifier: z.number(),
      identifiers: z.number(),
      problem: z.object({ code: z.string() }),
    }),
  ),
  readError: z.object({ code: z.string() }).nullable(),
});
const change = (data: Record<string, unknown> | null | undefined) =>
  ChangeSchema.parse(data?.addContactListIdentifiers);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The identifiers of every contact-list PATCH the emulator received, call by call. */
function sentIdentifiers(gateway: TestGateway): string[][] {
  const Body = z.object({ data: z.object({ attributes: z.object({ identifiers: z.array(z.string()) }) }) });
  return gateway.emulator.requests
    .list('UpdateContactListByAudienceSegment')
    .map((entry) => Body.parse(entry.body).data.attributes.identifiers);
}

describe('addContactListIdentifiers', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());
  beforeEach(() => gateway.resetCalls());

  it('sends 120,000 identifiers as 3 calls of 50,000, 50,000 and 20,000 and adds up the answers', async () => {
    const segmentId = newContactList(gateway, 'Big list');
    const identifiers = Array.from({ length: 120_000 }, (_, i) =>
      i % 10_000 === 7 ? `not-an-email-${i}` : `user${i}@example.com`,
    );
    const result = await gateway.query(ADD, { input: { segmentId, identifierType: 'EMAIL', identifiers } });
    expect(result.errors).toBeUndefined();
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 3 });
    expect(sentIdentifiers(gateway).map((chunk) => chunk.length)).toEqual([50_000, 50_000, 20_000]);
    expect(sentIdentifiers(gateway).flat()).toEqual(identifiers);
    const invalid = identifiers.filter((id) => id.startsWith('not-'));
    expect(change(result.data)).toEqual({
      received: 120_000,
      validIdentifiers: 120_000 - invalid.length,
      invalidIdentifiers: invalid.length,
      sampleInvalidIdentifiers: invalid,
      chunks: 3,
      failedChunks: [],
      readError: null,
    });
  });

  it('hashes emails and phone numbers so that no plaintext reaches Criteo', async () => {
    const segmentId = newContactList(gateway, 'Hashed list');
    const emails = ['  Jane.Doe@Example.COM ', 'joe@example.org', 'not an email', sha256('kept@example.com')];
    const emailResult = await gateway.query(ADD, {
      input: { segmentId, identifierType: 'EMAIL', hash: 'SHA256', identifiers: emails },
    });
    const phones = ['+33 1 23 45 67 89', '+91-98765-43210', '0123456789'];
    const phoneResult = await gateway.query(ADD, {
      input: { segmentId, identifierType: 'PHONE_NUMBER', hash: 'SHA256', identifiers: phones },
    });
    const [emailCall, phoneCall] = sentIdentifiers(gateway);
    expect(emailCall).toEqual([
      sha256('jane.doe@example.com'),
      sha256('joe@example.org'),
      sha256('kept@example.com'),
    ]);
    expect(phoneCall).toEqual([sha256('33123456789'), sha256('919876543210')]);
    const bodies = JSON.stringify(gateway.emulator.requests.list('UpdateContactListByAudienceSegment'));
    for (const plain of ['@example', 'Jane', 'not an email', '+33', '0123456789'])
      expect(bodies).not.toContain(plain);
    expect(change(emailResult.data)).toMatchObject({
      received: 4,
      validIdentifiers: 3,
      invalidIdentifiers: 1,
      sampleInvalidIdentifiers: ['not an email'],
    });
    expect(change(phoneResult.data)).toMatchObject({
      validIdentifiers: 2,
      sampleInvalidIdentifiers: ['0123456789'],
    });
  });

  it('refuses GUM without gumCallerId, hashing of mobile ids and a missing source before any call', async () => {
    const segmentId = newContactList(gateway, 'Refused inputs');
    const refused = async (input: Record<string, unknown>) =>
      (await gateway.query(ADD, { input: { segmentId, ...input } })).errors?.[0]?.message;
    expect(await refused({ identifierType: 'GUM', identifiers: ['abc'] })).toBe(
      'input.gumCallerId: GUM identifiers need a gumCallerId',
    );
    expect(await refused({ identifierType: 'MADID', hash: 'SHA256', identifiers: ['abc'] })).toBe(
      'input.hash: SHA256 applies to EMAIL and PHONE_NUMBER identifiers only',
    );
    expect(await refused({ identifierType: 'EMAIL' })).toBe('input: needs exactly one of identifiers, csv');
    expect(gateway.calls()).toEqual({});
  });

  it('names the failed chunks: a 503 fails one, a refused list stops the ones after', async () => {
    const segmentId = newContactList(gateway, 'Flaky list');
    const identifiers = Array.from({ length: 60_000 }, (_, i) => `flaky${i}@example.com`);
    gateway.emulator.faults.failNext(
      'UpdateContactListByAudienceSegment',
      { kind: 'status', status: 503 },
      1,
    );
    const flaky = change(
      (await gateway.query(ADD, { input: { segmentId, identifierType: 'EMAIL', identifiers } })).data,
    );
    expect(flaky.failedChunks).toEqual([
      {
        chunk: 0,
        firstIdentifier: 0,
        lastIdentifier: 49_999,
        identifiers: 50_000,
        problem: { code: 'service-unavailable' },
      },
    ]);
    expect(flaky.validIdentifiers).toBe(10_000);

    gateway.resetCalls();
    const notAList = [...gateway.emulator.store.segments.values()].find(
      (s) => s.attributes.advertiserId === ADVERTISER && s.attributes.type === 'InMarket',
    );
    const refused = await gateway.query(ADD, {
      input: {
        segmentId: notAList?.id,
        identifierType: 'EMAIL',
        identifiers: [...identifiers, ...identifiers],
      },
    });
    // Refused at the first chunk: nothing was written, so the list's problem is the answer, and
    // the two chunks after it were never sent.
    expect(refused.data?.addContactListIdentifiers).toEqual({
      __typename: 'CriteoProblem',
      code: 'segment-is-not-a-contact-list',
    });
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 1 });

    // Refused at a later chunk: what went before is reported chunk by chunk in the payload.
    gateway.resetCalls();
    gateway.emulator.faults.failNext(
      'UpdateContactListByAudienceSegment',
      { kind: 'status', status: 503 },
      1,
    );
    gateway.emulator.faults.failNext(
      'UpdateContactListByAudienceSegment',
      { kind: 'status', status: 403 },
      1,
    );
    const later = await gateway.query(ADD, {
      input: { segmentId, identifierType: 'EMAIL', identifiers: [...identifiers, ...identifiers] },
    });
    expect(later.errors).toBeUndefined();
    expect(change(later.data).failedChunks.map((f) => [f.chunk, f.problem.code])).toEqual([
      [0, 'service-unavailable'],
      [1, expect.any(String)],
      [2, 'chunk-not-sent'],
    ]);
    expect(gateway.calls()).toEqual({ UpdateContactListByAudienceSegment: 2 });
  });

  it('reads a CSV upload column by name as it streams, in chunks of 50,000', async () => {
    const segmentId = newContactList(gateway, 'CSV list');
    const rows = Array.from({ length: 60_001 }, (_, i) => `Customer ${i},"csv${i}@example.com",FR`);
    const csv = `\uFEFFname,Email,country\n${rows.join('\n')}\n`;
    const query = /* GraphQL */ `
      mutation Upload($segmentId: ID!, $file: File!) {
        addContactListIdentifiers(input: {
          segmentId: $segmentId, identifierType: EMAIL, hash: SHA256, csv: { file: $file, column: "email" }
        }) { ${RESULT} }
      }
    `;
    const result = await uploadCsv(gateway, query, { segmentId }, csv);
    expect(result.errors).toBeUndefined();
    expect(change(result.data)).toMatchObject({ received: 60_001, validIdentifiers: 60_001, chunks: 2 });
    const sent = sentIdentifiers(gateway);
    expect(sent.map((chunk) => chunk.length)).toEqual([50_000, 10_001]);
    expect(sent[1]?.at(-1)).toBe(sha256('csv60000@example.com'));
  });

  it('refuses a CSV column that is not in the header, before any call', async () => {
    const segmentId = newContactList(gateway, 'CSV without the column');
    const query = /* GraphQL */ `
      mutation Upload($segmentId: ID!, $file: File!) {
        addContactListIdentifiers(input: { segmentId: $segmentId, identifierType: EMAIL, csv: { file: $file, column: "mail" } }) { __typename }
      }
    `;
    const result = await uploadCsv(gateway, query, { segmentId }, 'name,email\nA,a@example.com\n');
    expect(result.errors?.[0]?.message).toBe(
      'input.csv.column: no column "mail" in the header (name, email)',
    );
    expect(gateway.calls()).toEqual({});
  });
});

describe('clearContactList and removeContactListIdentifiers', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('shows fresh statistics after each change of the same operation', async () => {
    const segmentId = newContactList(gateway, 'Changing list');
    const stats =
      '... on ContactListSegment { statistics { ... on ContactListStatistics { numberOfIdentifiers } } }';
    const result = await gateway.query(
      /* GraphQL */ `
        mutation Change($segmentId: ID!) {
          add: addContactListIdentifiers(input: {
            segmentId: $segmentId, identifierType: EMAIL, identifiers: ["a@example.com", "b@example.com", "c@example.com"]
          }) { ... on ContactListIdentifiersPayload { segment { ${stats} } } }
          remove: removeContactListIdentifiers(input: {
            segmentId: $segmentId, identifierType: EMAIL, identifiers: ["a@example.com"]
          }) { ... on ContactListIdentifiersPayload { validIdentifiers segment { ${stats} } } }
          clear: clearContactList(segmentId: $segmentId) { __typename ... on ClearedContactList { segment { ${stats} } } }
        }
      `,
      { segmentId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      add: { segment: { statistics: { numberOfIdentifiers: 3 } } },
      remove: { validIdentifiers: 1, segment: { statistics: { numberOfIdentifiers: 2 } } },
      clear: { __typename: 'ClearedContactList', segment: { statistics: { numberOfIdentifiers: 0 } } },
    });
  });

  it("answers Criteo's refusal to clear a segment that is not a contact list as a typed problem", async () => {
    const other = [...gateway.emulator.store.segments.values()].find(
      (s) => s.attributes.advertiserId === ADVERTISER && s.attributes.type === 'Location',
    );
    const result = await gateway.query(
      /* GraphQL */ `mutation($id: ID!) { clearContactList(segmentId: $id) { __typename ... on CriteoProblem { code } } }`,
      { id: other?.id },
    );
    expect(result.data).toEqual({
      clearContactList: { __typename: 'CriteoProblem', code: 'segment-is-not-a-contact-list' },
    });
  });
});
