import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ContactListAmendmentRequest } from '../../src/contract/contact-list.js';
import type { ContactListAmendment } from '../../src/criteo/contact-lists.js';
import { CriteoError } from '../../src/criteo/errors.js';
import { prepareIdentifier, toE164Digits } from '../../src/schema/contact-list/identifiers.js';
import { IdentifierSourceError, uploadIdentifiers } from '../../src/schema/contact-list/upload.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
type Amendment = ContactListAmendmentRequest['data']['attributes'];

/** A fake Criteo: every identifier containing "bad" is invalid. */
function fakeCriteo(fail: (call: number) => Error | null = () => null) {
  const calls: Amendment[] = [];
  const send = async (amendment: Amendment): Promise<ContactListAmendment> => {
    calls.push(amendment);
    const error = fail(calls.length - 1);
    if (error) throw error;
    const invalid = amendment.identifiers.filter((id) => id.includes('bad'));
    return {
      result: {
        operation: amendment.operation,
        nbValidIdentifiers: amendment.identifiers.length - invalid.length,
        nbInvalidIdentifiers: invalid.length,
        sampleInvalidIdentifiers: invalid,
      },
      errors: [],
      warnings: [],
    };
  };
  return { calls, send };
}

const base = { segmentId: '1', operation: 'add' as const, identifierType: 'email' as const, hash: false };

describe('prepareIdentifier', () => {
  it('trims and lower-cases an email before hashing it', () => {
    expect(prepareIdentifier('  Jane.Doe@Example.COM ', 'email', true)).toBe(sha256('jane.doe@example.com'));
  });

  it('hashes the E.164 digits of a phone number, without the +', () => {
    expect(prepareIdentifier('+33 1-23 45 67 89', 'phoneNumber', true)).toBe(sha256('33123456789'));
  });

  it('drops the national trunk 0 written after the country code, directly or as (0)', () => {
    const france = sha256('33123456789');
    for (const written of [
      '+33 01 23 45 67 89',
      '+33 (0)1 23 45 67 89',
      '+33(0)123456789',
      '+33-01-23-45-67-89',
    ])
      expect(prepareIdentifier(written, 'phoneNumber', true), written).toBe(france);
    expect(prepareIdentifier('+44 (0)20 7946 0958', 'phoneNumber', true)).toBe(sha256('442079460958'));
    expect(prepareIdentifier('+44 020 7946 0958', 'phoneNumber', true)).toBe(sha256('442079460958'));
    expect(prepareIdentifier('+49 (0) 30 1234567', 'phoneNumber', true)).toBe(sha256('49301234567'));
    expect(prepareIdentifier('+91 098765 43210', 'phoneNumber', true)).toBe(sha256('919876543210'));
  });

  it('keeps the 0 of countries whose national numbers start with it (Italy, Côte d’Ivoire)', () => {
    expect(prepareIdentifier('+39 06 1234 5678', 'phoneNumber', true)).toBe(sha256('390612345678'));
    expect(prepareIdentifier('+39 (0)6 1234 5678', 'phoneNumber', true)).toBe(sha256('390612345678'));
    expect(prepareIdentifier('+225 07 12 34 56 78', 'phoneNumber', true)).toBe(sha256('2250712345678'));
  });

  it('leaves a number without a 0 after its country code, or without a separator, as written', () => {
    expect(toE164Digits('+1 (212) 555-0100')).toBe('12125550100');
    expect(toE164Digits('+33 1 23 45 67 89')).toBe('33123456789');
    expect(toE164Digits('+33123456789')).toBe('33123456789');
    expect(toE164Digits('+330123456789')).toBe('330123456789');
  });

  it('passes a SHA-256 through, lower-cased, and hashes an MD5 into SHA256MD5', () => {
    const hash = sha256('x@example.com');
    expect(prepareIdentifier(hash.toUpperCase(), 'email', true)).toBe(hash);
    const md5 = createHash('md5').update('x@example.com').digest('hex');
    expect(prepareIdentifier(md5, 'email', true)).toBe(sha256(md5));
  });

  it('refuses what it cannot hash: no @, a number without its country code, an empty value', () => {
    expect(prepareIdentifier('not an email', 'email', true)).toBeNull();
    expect(prepareIdentifier('0123456789', 'phoneNumber', true)).toBeNull();
    expect(prepareIdentifier('+33 12', 'phoneNumber', true)).toBeNull();
    expect(prepareIdentifier('   ', 'madid', false)).toBeNull();
  });

  it('sends a value as given, trimmed, without hashing', () => {
    expect(prepareIdentifier(' Jane@Example.com ', 'email', false)).toBe('Jane@Example.com');
  });
});

describe('uploadIdentifiers', () => {
  it('sends chunks in order and adds up the answers', async () => {
    const criteo = fakeCriteo();
    const change = await uploadIdentifiers(['a', 'bad1', 'c', 'd', 'bad2'], {
      ...base,
      send: criteo.send,
      chunkSize: 2,
    });
    expect(criteo.calls.map((c) => c.identifiers)).toEqual([['a', 'bad1'], ['c', 'd'], ['bad2']]);
    expect(change).toMatchObject({
      received: 5,
      validIdentifiers: 3,
      invalidIdentifiers: 2,
      sampleInvalidIdentifiers: ['bad1', 'bad2'],
      chunks: 3,
      failedChunks: [],
    });
  });

  it("maps Criteo's invalid samples back to what the client sent when hashing", async () => {
    const criteo = fakeCriteo();
    const send = async (amendment: Amendment) => {
      const answer = await criteo.send(amendment);
      answer.result.sampleInvalidIdentifiers = [sha256('second@example.com')];
      return answer;
    };
    const change = await uploadIdentifiers(['First@example.com', ' Second@Example.com'], {
      ...base,
      hash: true,
      send,
    });
    expect(change.sampleInvalidIdentifiers).toEqual([' Second@Example.com']);
  });

  it('names a chunk whose call failed and carries on after an outage', async () => {
    const outage = new CriteoError('CRITEO_UNAVAILABLE', 'down', { operation: 'X', status: 503 });
    const criteo = fakeCriteo((call) => (call === 1 ? outage : null));
    const change = await uploadIdentifiers(['a', 'b', 'c', 'd', 'e'], {
      ...base,
      send: criteo.send,
      chunkSize: 2,
    });
    expect(criteo.calls).toHaveLength(3);
    expect(change.validIdentifiers).toBe(3);
    expect(change.failedChunks.map((f) => ({ ...f, problem: f.problem.criteoCode }))).toEqual([
      { chunk: 1, first: 2, last: 3, identifiers: 2, problem: 'CRITEO_UNAVAILABLE' },
    ]);
  });

  it('stops sending once Criteo refuses the list, and still names the later chunks', async () => {
    const refused = new CriteoError('CRITEO_NOT_FOUND', 'no', {
      operation: 'X',
      status: 404,
      problems: [{ code: 'segment-not-found', detail: 'Segment 1 does not exist' }],
    });
    const criteo = fakeCriteo(() => refused);
    const change = await uploadIdentifiers(['a', 'b', 'c'], { ...base, send: criteo.send, chunkSize: 1 });
    expect(criteo.calls).toHaveLength(1);
    expect(change.failedChunks.map((f) => f.problem.criteoCode)).toEqual([
      'segment-not-found',
      'chunk-not-sent',
      'chunk-not-sent',
    ]);
  });

  it('sends at most maxChunks calls and names the later chunks as not sent', async () => {
    const criteo = fakeCriteo();
    const change = await uploadIdentifiers(['a', 'b', 'c', 'd', 'e'], {
      ...base,
      send: criteo.send,
      chunkSize: 2,
      maxChunks: 2,
    });
    expect(criteo.calls).toHaveLength(2);
    expect(change).toMatchObject({ chunks: 3, validIdentifiers: 4 });
    expect(
      change.failedChunks.map((f) => [f.chunk, f.first, f.last, f.problem.criteoCode, f.problem.detail]),
    ).toEqual([
      [
        2,
        4,
        4,
        'chunk-not-sent',
        'Not sent: one upload sends at most 2 chunks (4 identifiers); send the rest in another operation',
      ],
    ]);
  });

  it('reports a chunk the deadline kept from leaving as CRITEO_NOT_SENT, and sends no later chunk', async () => {
    const notSent = new CriteoError('CRITEO_NOT_SENT', 'X: not sent', { operation: 'X', notSent: true });
    const criteo = fakeCriteo((call) => (call >= 1 ? notSent : null));
    const change = await uploadIdentifiers(['a', 'b', 'c'], { ...base, send: criteo.send, chunkSize: 1 });
    expect(change.failedChunks.map((f) => [f.chunk, f.problem.criteoCode])).toEqual([
      [1, 'CRITEO_NOT_SENT'],
      [2, 'CRITEO_NOT_SENT'],
    ]);
  });

  it('sends what was read before a source error and reports the error', async () => {
    async function* broken() {
      yield 'a';
      yield 'b';
      throw new IdentifierSourceError('invalid-csv', 'Invalid CSV: quote not closed at line 3');
    }
    const criteo = fakeCriteo();
    const change = await uploadIdentifiers(broken(), { ...base, send: criteo.send });
    expect(criteo.calls.map((c) => c.identifiers)).toEqual([['a', 'b']]);
    expect(change.readError?.criteoCode).toBe('invalid-csv');
  });

  it('lets a bug through instead of reporting it as a failed chunk', async () => {
    const criteo = fakeCriteo(() => new TypeError('bug'));
    await expect(uploadIdentifiers(['a'], { ...base, send: criteo.send })).rejects.toThrow('bug');
  });
});
