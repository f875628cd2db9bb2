import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_APPLICATIONS } from '../../src/emulator/demo-data.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { hasRedisServer, startRedis, type TestRedis } from '../support/redis.js';

// Passthrough mode with the read cache on (CACHE_TTL_SECONDS at its default): two callers carry the
// tokens of two Criteo applications that see different advertisers, and send the very same queries,
// so the upstream requests are identical but for the token. Neither may ever see the other's data.

const PAGE = /* GraphQL */ `{
  audienceSegments(first: 30) { edges { node { ... on Segment { id advertiserId } } } }
  audiences(first: 30) { edges { node { id advertiserId } } }
}`;

const PageSchema = z.object({
  audienceSegments: z.object({ edges: z.array(z.object({ node: z.object({ advertiserId: z.string() }) })) }),
  audiences: z.object({ edges: z.array(z.object({ node: z.object({ advertiserId: z.string() }) })) }),
});
const CriteoSchema = z.object({ calls: z.number().int(), cached: z.number().int() });

const stores = [
  { name: 'in the process', redis: false },
  { name: 'in Redis (REDIS_URL)', redis: true },
].filter((store) => !store.redis || hasRedisServer());

describe.each(stores)('passthrough read cache $name', ({ redis: withRedis }) => {
  let gateway: TestGateway;
  let redis: TestRedis | undefined;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    gateway = await startTestGateway({
      env: {
        CRITEO_AUTH_MODE: 'passthrough',
        CRITEO_CLIENT_ID: '',
        CRITEO_CLIENT_SECRET: '',
        CACHE_TTL_SECONDS: '30',
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
    });
    for (const application of gateway.emulator.applications)
      tokens[application.clientId] = gateway.emulator.tokens.issue(application).token;
  });
  afterAll(async () => {
    await gateway.close();
    await redis?.stop();
  });

  async function load(clientId: string) {
    const result = await gateway.query(PAGE, undefined, { authorization: `Bearer ${tokens[clientId]}` });
    expect(result.errors).toBeUndefined();
    const page = PageSchema.parse(result.data);
    const advertisers = new Set(
      [...page.audienceSegments.edges, ...page.audiences.edges].map((edge) => edge.node.advertiserId),
    );
    return { advertisers: [...advertisers].sort(), criteo: CriteoSchema.parse(result.extensions?.criteo) };
  }

  it('never answers one caller with what was cached for another, interleaved', async () => {
    const [demo, other] = DEMO_APPLICATIONS;
    if (!demo || !other) throw new Error('two demo applications');
    for (let round = 0; round < 3; round += 1) {
      for (const application of [demo, other]) {
        const { advertisers, criteo } = await load(application.clientId);
        expect(advertisers.length).toBeGreaterThan(0);
        for (const advertiser of advertisers) expect(application.advertiserIds).toContain(advertiser);
        // The first round of each caller goes upstream; its next rounds come from its own entries.
        expect(criteo).toEqual(round === 0 ? { calls: 2, cached: 0 } : { calls: 0, cached: 2 });
      }
    }
    const searches = gateway.emulator.requests.list('SearchAudienceSegments');
    expect(searches.map((entry) => entry.applicationId).sort()).toEqual([
      demo.applicationId,
      other.applicationId,
    ]);
  });

  it('refuses a request without a token, whatever the callers before it cached', async () => {
    const result = await gateway.query(PAGE);
    expect(result.data).toEqual({ audienceSegments: null, audiences: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_UNAUTHENTICATED' });
  });
});
