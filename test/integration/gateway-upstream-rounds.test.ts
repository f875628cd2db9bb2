import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Audiences -> their segments -> the segments' sizes: the sizes need only the segment ids, which
// the audiences' algebra already holds, so the query takes two dependent upstream rounds, not three.
// Shown by order, not by time: the segment search is held back by the emulator, and the sizes
// must already have been asked while it is held.

const Q2 = /* GraphQL */ `
  query {
    audiences(advertiserIds: ["4949"], first: 10) {
      edges { node { id segments { ... on Segment { id name size { ... on AudienceSize { value } } } } } }
    }
  }
`;

const NO_SIZES = /* GraphQL */ `
  query {
    audiences(advertiserIds: ["4949"], first: 10) {
      edges { node { id segments { ... on Segment { id name } } } }
    }
  }
`;

describe('a page of audiences with their segments and sizes', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const sent = (operationId: string) => gateway.emulator.requests.list(operationId).length;
  const inFlight = (operationId: string) =>
    gateway.emulator.requests.list(operationId).filter((entry) => entry.status === null);

  it('asks for the segment sizes while the segment search is still out: two upstream rounds', async () => {
    gateway.resetCalls();
    gateway.emulator.faults.set('SearchAudienceSegments', { latencyMs: 3_000 });
    try {
      const answer = gateway.query(Q2);
      // Sync points: the segment search reached the emulator and is held there; then either the
      // sizes call arrives, or the search ends first (what three rounds would do).
      while (inFlight('SearchAudienceSegments').length === 0) await sleep(5);
      while (sent('ComputeAudienceSegmentsSizes') === 0 && inFlight('SearchAudienceSegments').length > 0)
        await sleep(5);

      expect(sent('ComputeAudienceSegmentsSizes')).toBe(1);
      expect(inFlight('SearchAudienceSegments')).toHaveLength(1);
      const result = await answer;
      expect(result.errors).toBeUndefined();
      // The same calls as before the change: one of each, sizes batched.
      expect(gateway.calls()).toEqual({
        SearchAudiences: 1,
        SearchAudienceSegments: 1,
        ComputeAudienceSegmentsSizes: 1,
      });
    } finally {
      gateway.emulator.faults.clear();
    }
  });

  it('asks for no size when the query selects none', async () => {
    gateway.resetCalls();
    const result = await gateway.query(NO_SIZES);
    expect(result.errors).toBeUndefined();
    expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
  });
});
