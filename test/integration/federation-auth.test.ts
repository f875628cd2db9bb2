import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schema } from '../../src/schema/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AUDIENCE,
  bearer,
  ISSUER,
  type KeySetServer,
  mint,
  signingKey,
  startKeySet,
} from '../support/jwks.js';

/** Campaigns pointing at audiences and advertisers of both demo advertisers (nullable: a refusal nulls one). */
const CAMPAIGNS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Query { campaigns: [Campaign!]! }
  type Campaign { id: ID! audience: Audience advertiser: Advertiser }
  type Audience @key(fields: "id", resolvable: false) { id: ID! }
  type Advertiser @key(fields: "id", resolvable: false) { id: ID! }
`;

const QUERY = /* GraphQL */ `
  { campaigns { id audience { id name advertiserId } advertiser { id audiences(first: 1) { totalCount } } } }
`;

/** The router's answer (its supergraph is composed here, not schema.graphql); loose: nothing is dropped. */
const AnswerSchema = z.looseObject({
  data: z
    .looseObject({
      campaigns: z.array(
        z.looseObject({
          id: z.string(),
          audience: z.looseObject({ name: z.string(), advertiserId: z.string() }).nullable(),
          advertiser: z
            .looseObject({ id: z.string(), audiences: z.looseObject({ totalCount: z.number() }).nullable() })
            .nullable(),
        }),
      ),
    })
    .nullish(),
  errors: z
    .array(
      z.looseObject({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional(),
        extensions: z.looseObject({ code: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
type Answer = z.infer<typeof AnswerSchema>;

describe('a router propagating the caller’s Authorization to this subgraph (Hive Gateway)', () => {
  let keySet: KeySetServer;
  let gateway: TestGateway;
  let campaigns: Server;
  let router: ReturnType<typeof createGatewayRuntime>;
  let token: string;
  let theirs: { id: string; name: string };

  beforeAll(async () => {
    const key = await signingKey('RS256', 'router-test');
    keySet = await startKeySet([key.jwk]);
    gateway = await startTestGateway({
      env: { AUTH_JWKS_URL: keySet.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
    token = await mint(key, { advertiser_ids: ['4949'] });
    const audiences = [...gateway.emulator.store.audiences.values()];
    const first = (advertiser: string) => {
      const found = audiences.find((a) => a.attributes.advertiserId === advertiser);
      if (!found) throw new Error(`no demo audience of ${advertiser}`);
      return { id: found.id, name: found.attributes.name };
    };
    const mine = first('4949');
    theirs = first('5050');
    const rows = [
      { id: 'c1', audience: mine.id, advertiser: '4949' },
      { id: 'c2', audience: theirs.id, advertiser: '5050' },
    ].map((c) => ({
      id: c.id,
      audience: { __typename: 'Audience', id: c.audience },
      advertiser: { __typename: 'Advertiser', id: c.advertiser },
    }));
    const campaignSchema = buildSubgraphSchema({
      typeDefs: parse(CAMPAIGNS_SDL),
      resolvers: { Query: { campaigns: () => rows } },
    });
    campaigns = createServer(createYoga({ schema: campaignSchema, logging: false }));
    await new Promise<void>((resolve) => campaigns.listen(0, '127.0.0.1', resolve));
    const composed = composeServices([
      { name: 'audiences', typeDefs: parse(printSubgraphSchema(schema)), url: gateway.url },
      {
        name: 'campaigns',
        typeDefs: parse(CAMPAIGNS_SDL),
        url: `http://127.0.0.1:${(campaigns.address() as AddressInfo).port}/graphql`,
      },
    ]);
    if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.errors));
    router = createGatewayRuntime({
      supergraph: composed.supergraphSdl,
      logging: false,
      propagateHeaders: {
        fromClientToSubgraphs: ({ request, subgraphName }) =>
          subgraphName === 'audiences' ? { authorization: request.headers.get('authorization') } : {},
      },
    });
  });
  afterAll(async () => {
    await router.dispose();
    await new Promise((resolve) => campaigns.close(resolve));
    await gateway.close();
    await keySet.close();
  });
  beforeEach(() => gateway.resetCalls());

  const ask = async (headers: Record<string, string>): Promise<Answer> =>
    AnswerSchema.parse(
      await (
        await router.fetch('http://router/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: QUERY }),
        })
      ).json(),
    );

  it('resolves the caller’s entities and refuses the others with FORBIDDEN', async () => {
    const result = await ask(bearer(token));
    const [c1, c2] = result.data?.campaigns ?? [];
    expect(c1).toMatchObject({ id: 'c1', audience: { advertiserId: '4949' }, advertiser: { id: '4949' } });
    // The router knows 5050's id from the campaigns subgraph; everything this subgraph owns is withheld.
    expect(c2).toEqual({ id: 'c2', audience: null, advertiser: { id: '5050', audiences: null } });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(result)).not.toContain(theirs.name);
    // 5050's audience was read to learn its owner, then withheld; its advertiser was never searched.
    expect(gateway.calls()).toEqual({ SearchAudiences: 2 });
    for (const entry of gateway.emulator.requests.list('SearchAudiences'))
      if (
        (entry.body as { data: { attributes: { advertiserIds?: string[] } } }).data.attributes.advertiserIds
      )
        expect(entry.body).toMatchObject({ data: { attributes: { advertiserIds: ['4949'] } } });
  });

  it('without the caller’s token the subgraph answers nothing and calls nothing', async () => {
    const result = await ask({});
    for (const campaign of result.data?.campaigns ?? []) expect(campaign.audience).toBeNull();
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(gateway.calls()).toEqual({});
  });
});
