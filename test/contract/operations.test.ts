/**
 * Contract tests: every operation of the OpenAPI file is driven over HTTP and each response body is
 * validated against that operation's response schema from the spec (Ajv, OpenAPI 3.0 `nullable`,
 * strict: undeclared fields are rejected). No schema is copied here.
 */
import { describe, expect, it } from 'vitest';
import { TokenResponseSchema } from '../../src/contract/oauth.js';
import { record } from '../support/emulator.js';
import { listOperations } from '../support/openapi.js';
import { AUDIENCE_CASES } from './cases-audiences.js';
import { CONTACT_LIST_CASES } from './cases-contact-lists.js';
import { EXTRA_CASES } from './cases-extra.js';
import { PARTIAL_CASES } from './cases-partial.js';
import { SEGMENT_CASES } from './cases-segments.js';
import { api, useContractEmulator } from './fixtures.js';

useContractEmulator();

/** One realistic successful call (at least) per operation of the spec. */
const SUCCESS_CASES: Record<string, () => Promise<void>> = {
  ...SEGMENT_CASES,
  ...CONTACT_LIST_CASES,
  ...AUDIENCE_CASES,
};

// ---- the table ----

describe('OpenAPI operations', () => {
  it('has a success case for exactly the operations the spec declares', () => {
    const specIds = listOperations()
      .map((op) => op.operationId)
      .sort();
    expect(specIds).toHaveLength(20);
    expect(Object.keys(SUCCESS_CASES).sort()).toEqual(specIds);
    for (const id of [...Object.keys(PARTIAL_CASES), ...Object.keys(EXTRA_CASES)])
      expect(specIds).toContain(id);
  });
});

describe.each(Object.entries(SUCCESS_CASES))('%s', (operationId, success) => {
  it('answers realistic successful calls with bodies that match the spec', success);

  const partial = PARTIAL_CASES[operationId];
  if (partial) {
    it(
      'answers a mix of good and bad items with 200, the successes in data and an @data/<index> error per failed item',
      partial,
    );
  }

  for (const [behaviour, run] of EXTRA_CASES[operationId] ?? []) it(behaviour, run);
});

// ---- the token endpoint (not in the spec) ----

describe('POST /oauth2/token (not in the spec)', () => {
  it('answers a client-credentials grant with a Bearer token of 900 s and a null refresh_token', async () => {
    const response = await fetch(`${api.emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client-id',
        client_secret: 'demo-client-secret',
      }),
    });
    expect(response.status).toBe(200);
    const body = record(await response.json());
    const token = TokenResponseSchema.parse(body);
    expect(token.token_type).toBe('Bearer');
    expect(token.expires_in).toBe(900);
    expect(Object.hasOwn(body, 'refresh_token')).toBe(true);
    expect(body.refresh_token).toBeNull();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  });
});
