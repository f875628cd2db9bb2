import { z } from 'zod';
import type { SegmentRecord } from '../../src/emulator/store.js';
import type { TestGateway } from './gateway.js';

/** Fixtures and readers for the write-path tests (mutations, contact lists). */
export const ADVERTISER = '4949';

const ItemSchema = z.object({
  __typename: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  expression: z.string().nullable().optional(),
  index: z.number().nullable().optional(),
  code: z.string().optional(),
  detail: z.string().nullable().optional(),
  traceId: z.string().nullable().optional(),
  source: z.array(z.object({ field: z.string(), path: z.string() })).optional(),
});
const ProblemSchema = z.object({ index: z.number().nullable(), code: z.string() });
const PayloadSchema = z.object({
  results: z.array(ItemSchema),
  problems: z.array(ProblemSchema).default([]),
  warnings: z.array(ProblemSchema).default([]),
});

/** The `{ results, problems, warnings }` payload of a bulk mutation field. */
export function payload(data: Record<string, unknown> | null | undefined, field: string) {
  return PayloadSchema.parse(data?.[field]);
}

/** The request bodies the emulator received for one operation, in order. */
export function sentBodies(gateway: TestGateway, operation: string): unknown[] {
  return gateway.emulator.requests.list(operation).map((entry) => entry.body);
}

/** The `data` items of each bulk call the emulator received for one operation. */
export function sentItems(gateway: TestGateway, operation: string) {
  const Body = z.object({ data: z.array(z.record(z.string(), z.unknown())) });
  return sentBodies(gateway, operation).map((body) => Body.parse(body).data);
}

/** A demo segment of the advertiser matching `where`. */
export function demoSegment(gateway: TestGateway, where: (s: SegmentRecord) => boolean): SegmentRecord {
  const found = [...gateway.emulator.store.segments.values()].find(
    (s) => s.attributes.advertiserId === ADVERTISER && where(s),
  );
  if (!found) throw new Error('no such demo segment');
  return found;
}

/** The first `count` demo segments of one type. */
export function demoSegments(gateway: TestGateway, type: string, count: number): SegmentRecord[] {
  return [...gateway.emulator.store.segments.values()]
    .filter((s) => s.attributes.advertiserId === ADVERTISER && s.attributes.type === type)
    .slice(0, count);
}

/** Seeds an empty, writable contact list and returns its id. */
export function newContactList(gateway: TestGateway, name: string): string {
  return gateway.emulator.store.addSegment(
    {
      advertiserId: ADVERTISER,
      name,
      description: null,
      type: 'ContactList',
      createdAt: '2025-11-01T00:00:00Z',
      updatedAt: null,
      contactList: { isReadOnly: false },
    },
    { identifiers: new Set(), syntheticCount: 0, identifierType: null },
  ).id;
}

/** Seeds an in-market segment of France and returns it. */
export function newInMarketSegment(gateway: TestGateway, name: string): SegmentRecord {
  return gateway.emulator.store.addSegment({
    advertiserId: ADVERTISER,
    name,
    description: null,
    type: 'InMarket',
    createdAt: '2025-11-01T00:00:00Z',
    updatedAt: null,
    inMarket: { country: 'FR', interestIds: [], brandIds: [], buyingPower: [], priceRange: [], gender: null },
  });
}

/**
 * POSTs a GraphQL multipart request (operations, map, one file `$file`) as a browser or curl would,
 * with the `x-graphql-yoga-csrf` header the production CSRF prevention requires of multipart posts.
 */
export async function uploadCsv(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  csv: string | Blob,
) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', typeof csv === 'string' ? new Blob([csv], { type: 'text/csv' }) : csv, 'list.csv');
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'x-graphql-yoga-csrf': '1' },
    body: form,
  });
  const body = z
    .object({
      data: z.record(z.string(), z.unknown()).nullish(),
      errors: z
        .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }))
        .optional(),
      extensions: z.record(z.string(), z.unknown()).optional(),
    })
    .parse(await response.json());
  return { status: response.status, ...body };
}

/**
 * A GraphQL multipart request whose file part is streamed without a `Content-Length` (chunked), as
 * a browser or a proxy may send it: `file` yields the file's text piece by piece, and may wait.
 */
export async function uploadCsvStream(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown>,
  file: AsyncIterable<string>,
) {
  const boundary = 'gateway-test-boundary';
  const part = (headers: string) => `--${boundary}\r\n${headers}\r\n\r\n`;
  async function* body() {
    yield part('Content-Disposition: form-data; name="operations"');
    yield `${JSON.stringify({ query, variables: { ...variables, file: null } })}\r\n`;
    yield part('Content-Disposition: form-data; name="map"');
    yield `${JSON.stringify({ 0: ['variables.file'] })}\r\n`;
    yield part('Content-Disposition: form-data; name="0"; filename="list.csv"\r\nContent-Type: text/csv');
    yield* file;
    yield `\r\n--${boundary}--\r\n`;
  }
  const encoder = new TextEncoder();
  const texts = body();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await texts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'x-graphql-yoga-csrf': '1', 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  const result = z
    .object({
      data: z.record(z.string(), z.unknown()).nullish(),
      errors: z.array(z.unknown()).optional(),
      extensions: z.record(z.string(), z.unknown()).optional(),
    })
    .parse(await response.json());
  return { status: response.status, ...result };
}
