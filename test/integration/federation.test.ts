import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { execute, GraphQLInputObjectType, isInputObjectType, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContext } from '../../src/context.js';
import { schema } from '../../src/schema/index.js';
import { graphql } from '../graphql/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const AUDIENCE_ENTITIES = graphql(`
  query AudienceEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Audience { id name } } }
`);

/** A second subgraph written here: campaigns that point at this gateway's audiences and advertisers. */
const CAMPAIGNS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Query { campaigns: [Campaign!]! }
  type Campaign { id: ID! name: String! audience: Audience! advertiser: Advertiser! }
  type Audience @key(fields: "id", resolvable: false) { id: ID! }
  type Advertiser @key(fields: "id", resolvable: false) { id: ID! }
`;
const CAMPAIGNS = ['500001', '500002', '500003', '500004', '500002'].map((audienceId, i) => ({
  id: `c${i + 1}`,
  name: `Campaign ${i + 1}`,
  audience: { __typename: 'Audience', id: audienceId },
  advertiser: { __typename: 'Advertiser', id: '4949' },
}));

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe('the gateway as a Federation 2 subgraph', () => {
  let gateway: TestGateway;
  let campaigns: { server: Server; url: string };
  let audiencesRequests = 0;
  let audiences: { server: Server; url: string };
  const subgraphSdl = printSubgraphSchema(schema);

  beforeAll(async () => {
    gateway = await startTestGateway();
    // Count what the router sends to this subgraph: a proxy in front of the test gateway.
    audiences = await listen(async (req, res) => {
      audiencesRequests += 1;
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
    const campaignSchema = buildSubgraphSchema({
      typeDefs: parse(CAMPAIGNS_SDL),
      resolvers: { Query: { campaigns: () => CAMPAIGNS } },
    });
    campaigns = await listen(createYoga({ schema: campaignSchema, logging: false }));
  });

  afterAll(async () => {
    for (const s of [audiences.server, campaigns.server]) await new Promise((resolve) => s.close(resolve));
    await gateway.close();
  });

  const services = () => [
    { name: 'audiences', typeDefs: parse(subgraphSdl), url: audiences.url },
    { name: 'campaigns', typeDefs: parse(CAMPAIGNS_SDL), url: campaigns.url },
  ];

  it('prints a subgraph SDL with @key on Audience, the segments and Advertiser', () => {
    expect(subgraphSdl).toMatch(/type Audience\s+@key\(fields: "id"\)/);
    expect(subgraphSdl).toMatch(/interface Segment\s+@key\(fields: "id"\)/);
    expect(subgraphSdl).toMatch(/type InMarketSegment implements Segment\s+@key\(fields: "id"\)/);
    expect(subgraphSdl).toMatch(/type Advertiser\s+@key\(fields: "id"\)/);
  });

  it('composes with both maintained composers', () => {
    const guild = composeWithGuild(services());
    expect(guild.errors ?? []).toEqual([]);
    const apollo = composeWithApollo(services());
    expect(apollo.errors ?? []).toEqual([]);
    expect(apollo.supergraphSdl).toContain('join__type(graph: AUDIENCES, key: "id")');
  });

  it('answers a query across both subgraphs with one _entities request and one upstream search', async () => {
    const composed = composeWithGuild(services());
    if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.errors));
    const router = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false });
    try {
      audiencesRequests = 0;
      gateway.resetCalls();
      const response = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ campaigns { id name audience { id name expression segments { ... on Segment { id } } } } }',
        }),
      });
      // The router's supergraph is composed here, not schema.graphql: its answer is read through zod.
      const result = z
        .looseObject({
          data: z
            .object({
              campaigns: z.array(z.object({ audience: z.object({ id: z.string(), name: z.string() }) })),
            })
            .nullish(),
          errors: z.unknown().optional(),
        })
        .parse(await response.json());
      expect(result.errors).toBeUndefined();
      const store = gateway.emulator.store.audiences;
      expect(result.data?.campaigns.map((c) => [c.audience.id, c.audience.name])).toEqual(
        CAMPAIGNS.map((c) => [c.audience.id, store.get(c.audience.id)?.attributes.name]),
      );
      expect(audiencesRequests).toBe(1);
      expect(gateway.calls()).toEqual({ SearchAudiences: 1, SearchAudienceSegments: 1 });
      expect(gateway.emulator.requests.list('SearchAudiences')[0]?.ids).toEqual([
        '500001',
        '500002',
        '500003',
        '500004',
      ]);
    } finally {
      await router.dispose();
    }
  });

  it("reaches an advertiser's audiences through the Advertiser entity", async () => {
    const composed = composeWithGuild(services());
    const router = createGatewayRuntime({ supergraph: composed.supergraphSdl ?? '', logging: false });
    try {
      const response = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ campaigns { advertiser { id audiences(first: 2) { totalCount edges { node { id } } } } } }',
        }),
      });
      const result = z
        .looseObject({
          data: z
            .object({
              campaigns: z.array(
                z.object({ advertiser: z.object({ audiences: z.object({ totalCount: z.number() }) }) }),
              ),
            })
            .nullish(),
        })
        .parse(await response.json());
      expect(result.data?.campaigns[0]?.advertiser.audiences.totalCount).toBe(30);
    } finally {
      await router.dispose();
    }
  });

  it('batches _entities: 150 distinct audience representations cost 2 searches', async () => {
    gateway.resetCalls();
    const real = [...gateway.emulator.store.audiences.keys()].slice(0, 60);
    const unknown = Array.from({ length: 90 }, (_, i) => String(900_000 + i));
    const representations = [...real, ...unknown].map((id) => ({ __typename: 'Audience', id }));
    const result = await gateway.query(AUDIENCE_ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities ?? [];
    expect(entities.map((e) => (e && 'id' in e ? e.id : null))).toEqual([
      ...real,
      ...unknown.map(() => null),
    ]);
    expect(gateway.calls()).toEqual({ SearchAudiences: 2 });
  });
});

describe('@oneOf stripped by a router', () => {
  it('still rejects a two-key algebra node with the path-precise error and no upstream call', async () => {
    // The schema a composer that drops @oneOf would hand to the router: same resolvers, no oneOf rule.
    const stripped = mapSchema(schema, {
      [MapperKind.INPUT_OBJECT_TYPE]: (type) =>
        isInputObjectType(type) && type.isOneOf
          ? new GraphQLInputObjectType({ ...type.toConfig(), isOneOf: false })
          : type,
    });
    expect(stripped.getType('AudienceAlgebraInput')).toMatchObject({ isOneOf: false });
    const gateway = await startTestGateway();
    try {
      gateway.resetCalls();
      const result = await execute({
        schema: stripped,
        document: parse(/* GraphQL */ `
          query {
            estimateAudienceSize(
              advertiserId: "4949"
              algebra: { and: [{ segmentId: "100001" }, { segmentId: "100002", not: { segmentId: "100003" } }] }
            ) { __typename }
          }
        `),
        contextValue: createContext(gateway.criteo),
      });
      expect(result.data).toEqual({ estimateAudienceSize: null });
      expect(result.errors?.[0]?.message).toContain('algebra.and[1]');
      expect(result.errors?.[0]?.message).toMatch(/exactly one/);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(gateway.calls()).toEqual({});
    } finally {
      await gateway.close();
    }
  });
});
