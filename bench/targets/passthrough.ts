/**
 * The floor of a Node GraphQL hop: graphql-yoga with a tiny hand-written schema in Criteo's own flat shape
 * and resolvers that forward to Criteo with undici. No DataLoader, no upstream validation, no error mapping,
 * no retries. Q2's joins are hand-written per page: one search, then the segments' search and both
 * compute-sizes in as few calls as Criteo allows (the same calls the gateway makes for one page).
 *
 *   CRITEO_API_URL=http://127.0.0.1:8787 PORT=4001 node --import tsx bench/targets/passthrough.ts
 */
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { Pool } from 'undici';

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`bench passthrough: ${name} is required`);
  return value;
};
const prefix = `/${env('CRITEO_API_VERSION', '2026-07')}/marketing-solutions`;
const pool = new Pool(env('CRITEO_API_URL'), { connections: Number(env('CRITEO_MAX_CONNECTIONS', '64')) });

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

async function post(path: string, body: string, headers: Record<string, string>): Promise<Json> {
  const response = await pool.request({ method: 'POST', path, body, headers });
  const json: unknown = await response.body.json();
  if (response.statusCode !== 200 || !isRecord(json)) throw new Error(`${path}: HTTP ${response.statusCode}`);
  return json;
}

const token = await post(
  '/oauth2/token',
  new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: env('CRITEO_CLIENT_ID'),
    client_secret: env('CRITEO_CLIENT_SECRET'),
  }).toString(),
  { 'content-type': 'application/x-www-form-urlencoded' },
).then((body) => String(body.access_token));
const headers = {
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  accept: 'application/json',
};
const criteo = (path: string, body: unknown) => post(`${prefix}${path}`, JSON.stringify(body), headers);

/** Criteo's `{ id, attributes }` resources, flattened. */
const flatten = (body: Json): Json[] =>
  listOf(body.data).flatMap((item) =>
    isRecord(item) ? [{ ...(isRecord(item.attributes) ? item.attributes : {}), id: item.id }] : [],
  );
const chunk = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

async function search(kind: 'audience-segments' | 'audiences', attributes: Json, limit: number, offset = 0) {
  const type = kind === 'audiences' ? 'Audience' : 'AudienceSegment';
  const body = await criteo(`/${kind}/search?limit=${limit}&offset=${offset}`, {
    data: { type, attributes },
  });
  return { totalItems: isRecord(body.meta) ? body.meta.totalItems : null, items: flatten(body) };
}

async function sizes(kind: 'audience-segments' | 'audiences', ids: string[]): Promise<Map<unknown, unknown>> {
  const type = kind === 'audiences' ? 'Audience' : 'AudienceSegment';
  const answers = await Promise.all(
    chunk(ids, 50).map((part) =>
      criteo(`/${kind}/compute-sizes`, { data: part.map((id) => ({ id, type, attributes: {} })) }),
    ),
  );
  return new Map(answers.flatMap(flatten).map((item) => [item.id, item.size]));
}

function leaves(node: unknown, into: string[]): string[] {
  if (!isRecord(node)) return into;
  if (typeof node.audienceSegmentId === 'string') into.push(node.audienceSegmentId);
  for (const child of [...listOf(node.and), ...listOf(node.or)]) leaves(child, into);
  leaves(node.not, into);
  return into;
}

function withSegments(node: unknown, segments: Map<unknown, Json>): unknown {
  if (!isRecord(node)) return node;
  return {
    audienceSegmentId: node.audienceSegmentId,
    segment: segments.get(node.audienceSegmentId) ?? null,
    and: listOf(node.and).map((child) => withSegments(child, segments)),
    or: listOf(node.or).map((child) => withSegments(child, segments)),
    not: withSegments(node.not, segments),
  };
}

interface PageArgs {
  advertiserIds: string[];
  limit: number;
  offset: number;
}

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      segments(advertiserIds: [ID!]!, limit: Int! = 50, offset: Int! = 0): SegmentPage!
      audiences(advertiserIds: [ID!]!, limit: Int! = 50, offset: Int! = 0): AudiencePage!
    }
    type SegmentPage { totalItems: Int items: [Segment!]! }
    type AudiencePage { totalItems: Int items: [Audience!]! }
    type Segment {
      id: ID! name: String description: String type: String advertiserId: ID createdAt: String updatedAt: String
      inMarket: InMarket prospecting: Prospecting contactList: ContactList location: Location
      behavioral: Behavioral retargeting: Retargeting lookalike: Lookalike size: Float
    }
    type InMarket { country: String interestIds: [ID] brandIds: [ID] buyingPower: [String] gender: String priceRange: [String] }
    type Prospecting { usersType: String daysSinceLastVisitMin: Int daysSinceLastVisitMax: Int }
    type ContactList { isReadOnly: Boolean }
    type Location { registryType: String radiusInKm: Int pointsOfInterest: [PointOfInterest] }
    type PointOfInterest { name: String latitude: Float longitude: Float }
    type Behavioral { category: String country: String startDate: String endDate: String }
    type Retargeting { visitorsType: String daysSinceLastVisitMin: Int daysSinceLastVisitMax: Int }
    type Lookalike { seedSegmentId: ID targetSize: Float }
    type Audience { id: ID! name: String algebra: Algebra segments: [Segment!]! size: Float }
    type Algebra { audienceSegmentId: ID segment: Segment and: [Algebra!] or: [Algebra!] not: Algebra }
  `,
  resolvers: {
    Query: {
      segments: (_: unknown, { advertiserIds, limit, offset }: PageArgs) =>
        search('audience-segments', { advertiserIds }, limit, offset),
      async audiences(_: unknown, { advertiserIds, limit, offset }: PageArgs) {
        const page = await search('audiences', { advertiserIds }, limit, offset);
        const segmentIds = [...new Set(page.items.flatMap((a) => leaves(a.algebra, [])))];
        const audienceIds = page.items.map((a) => String(a.id));
        const [segments, segmentSizes, audienceSizes] = await Promise.all([
          Promise.all(
            chunk(segmentIds, 100).map((ids) =>
              search('audience-segments', { audienceSegmentIds: ids }, 100),
            ),
          ),
          sizes('audience-segments', segmentIds),
          sizes('audiences', audienceIds),
        ]);
        const byId = new Map<unknown, Json>(
          segments.flatMap((s) => s.items).map((s) => [s.id, { ...s, size: segmentSizes.get(s.id) ?? null }]),
        );
        return {
          totalItems: page.totalItems,
          items: page.items.map((audience) => ({
            ...audience,
            algebra: withSegments(audience.algebra, byId),
            segments: [...new Set(leaves(audience.algebra, []))].flatMap((id) => byId.get(id) ?? []),
            size: audienceSizes.get(audience.id) ?? null,
          })),
        };
      },
    },
  },
});

const server = createServer(createYoga({ schema, graphiql: false, landingPage: false }));
const port = Number(env('PORT', '0'));
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
process.stdout.write(`bench passthrough on port ${port}\n`);

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.close().then(() => process.exit(0));
});
