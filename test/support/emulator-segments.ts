import { expect } from 'vitest';
import { z } from 'zod';
import {
  type AudienceSegmentCreate,
  AudienceSegmentListResponseSchema,
  AudienceSegmentSearchResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
  type AudienceSegmentUpdate,
  type InMarketCreate,
  type LocationCreate,
} from '../../src/contract/audience-segment.js';
import { IdListResponseSchema, ProblemSchema } from '../../src/contract/envelope.js';
import { PROBLEM_TITLES, type ProblemCode } from '../../src/emulator/problems.js';
import { DEFAULT_VERSION } from '../../src/emulator/server.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import { type ApiResponse, DEMO_ADVERTISER, type TestEmulator } from './emulator.js';

// Builders, calls and assertions shared by the emulator-segments-*.test.ts files.

export const API_PREFIX = `/${DEFAULT_VERSION}/marketing-solutions`;
export const ErrorBodySchema = z.object({ errors: z.array(ProblemSchema) });

// ---- Payload builders ----

export type SegmentInput = AudienceSegmentCreate;
export type SegmentKind = Pick<
  SegmentInput,
  'inMarket' | 'prospecting' | 'contactList' | 'location' | 'lookalike' | 'retargeting'
>;
export type Prospecting = NonNullable<SegmentInput['prospecting']>;
export type Retargeting = NonNullable<SegmentInput['retargeting']>;
export type Lookalike = NonNullable<SegmentInput['lookalike']>;

export const brandQuery = { 'advertiser-id': DEMO_ADVERTISER, country: 'FR' };
export const PARIS = { name: 'Paris', latitude: 48.85661, longitude: 2.35222 };
export const LYON = { name: 'Lyon', latitude: 45.76404, longitude: 4.83566 };

/** Valid settings of each writable kind; `over` replaces single fields to break one rule at a time. */
export const kind = {
  inMarket: (over: Partial<InMarketCreate> = {}): SegmentKind => ({
    inMarket: { country: 'FR', interestIds: ['166'], ...over },
  }),
  prospecting: (over: Partial<Prospecting> = {}): SegmentKind => ({
    prospecting: { usersType: 'Prospects', ...over },
  }),
  contactList: (): SegmentKind => ({ contactList: {} }),
  location: (over: Partial<LocationCreate> = {}): SegmentKind => ({
    location: { pointsOfInterest: [PARIS], radiusInKm: 10, ...over },
  }),
  retargeting: (over: Partial<Retargeting> = {}): SegmentKind => ({
    retargeting: { visitorsType: 'All', daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 30, ...over },
  }),
  lookalike: (seedSegmentId: string | undefined, over: Partial<Lookalike> = {}): SegmentKind => ({
    lookalike: { seedSegmentId, ...over },
  }),
};

let counter = 0;
/** A unique segment name, so tests sharing an emulator never collide on `name-must-be-unique`. */
export const uniqueName = (label = 'Segment') => `${label} ${++counter}`;

/** A create item for advertiser 4949 with a fresh name; `attributes` overrides (undefined drops a field). */
export function segment(settings: SegmentKind, attributes: Partial<SegmentInput> = {}): SegmentInput {
  return { advertiserId: DEMO_ADVERTISER, name: uniqueName(), ...settings, ...attributes };
}

// ---- Calls ----

export async function createSegments(t: TestEmulator, items: unknown[], token?: string) {
  const response = await t.call('POST', '/audience-segments/create', {
    body: { data: items.map((attributes) => ({ type: 'AudienceSegment', attributes })) },
    token,
  });
  return { status: response.status, body: AudienceSegmentListResponseSchema.parse(response.body) };
}

/** Creates segments that must all succeed; returns their ids in request order. */
export async function createIds(t: TestEmulator, items: SegmentInput[], token?: string): Promise<string[]> {
  const { status, body } = await createSegments(t, items, token);
  expect(status).toBe(200);
  expect(body.errors).toEqual([]);
  return (body.data ?? []).map(idOf);
}

export async function createId(t: TestEmulator, item: SegmentInput, token?: string): Promise<string> {
  const [id] = await createIds(t, [item], token);
  return idOf({ id });
}

export async function updateSegments(
  t: TestEmulator,
  items: { id?: string; attributes?: AudienceSegmentUpdate }[],
) {
  const response = await t.call('PATCH', '/audience-segments', {
    body: { data: items.map((item) => ({ type: 'AudienceSegment', ...item })) },
  });
  return { status: response.status, body: AudienceSegmentListResponseSchema.parse(response.body) };
}

export async function deleteSegments(t: TestEmulator, ids: (string | undefined)[]) {
  const response = await t.call('POST', '/audience-segments/delete', {
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment' })) },
  });
  return { status: response.status, body: IdListResponseSchema.parse(response.body) };
}

export interface SearchFilters {
  advertiserIds?: string[] | null;
  audienceSegmentIds?: string[] | null;
  audienceSegmentTypes?: AudienceSegmentType[] | null;
}

export async function searchSegments(
  t: TestEmulator,
  attributes: SearchFilters,
  query?: Record<string, string | number>,
  token?: string,
) {
  const response = await t.call('POST', '/audience-segments/search', {
    body: { data: { type: 'AudienceSegment', attributes } },
    query,
    token,
  });
  return { status: response.status, body: AudienceSegmentSearchResponseSchema.parse(response.body) };
}

/** How many segments of an advertiser the search reports (to prove a rejected request created nothing). */
export async function countSegments(
  t: TestEmulator,
  advertiserId = DEMO_ADVERTISER,
  token?: string,
): Promise<number> {
  const { status, body } = await searchSegments(t, { advertiserIds: [advertiserId] }, { limit: 1 }, token);
  expect(status).toBe(200);
  return body.meta?.totalItems ?? Number.NaN;
}

export async function computeSizes(t: TestEmulator, ids: (string | undefined)[]) {
  const response = await t.call('POST', '/audience-segments/compute-sizes', {
    body: { data: ids.map((id) => ({ id, type: 'AudienceSegment' })) },
  });
  return { status: response.status, body: AudienceSegmentSizeListResponseSchema.parse(response.body) };
}

export async function sizeOf(t: TestEmulator, id: string): Promise<number> {
  const { status, body } = await computeSizes(t, [id]);
  expect(status).toBe(200);
  expect(body.errors).toEqual([]);
  const size = body.data?.[0]?.attributes?.size;
  if (typeof size !== 'number') throw new Error(`no size for ${id}: ${JSON.stringify(body)}`);
  return size;
}

export async function estimateSize(t: TestEmulator, attributes: Record<string, unknown>, token?: string) {
  return t.call('POST', '/audience-segments/estimate-size', {
    body: { data: { type: 'AudienceSegment', attributes } },
    token,
  });
}

// ---- Assertions ----

export function idOf(resource: { id?: string | null } | undefined): string {
  if (typeof resource?.id !== 'string') throw new Error(`no id in ${JSON.stringify(resource)}`);
  return resource.id;
}

export const namesOf = (data: { attributes?: { name?: string | null } | null }[] | null | undefined) =>
  (data ?? []).map((s) => s.attributes?.name);

export const idsOf = (data: { id?: string | null }[] | null | undefined) => (data ?? []).map(idOf);

export interface ExpectedProblem {
  code: ProblemCode;
  instance: string;
  type?: string;
  source?: Record<string, string>;
}

/** A full `CommonProblem` as the emulator writes it. */
export function problem({ code, instance, type = 'validation', source }: ExpectedProblem) {
  return {
    traceId: expect.any(String),
    traceIdentifier: expect.any(String),
    type,
    code,
    instance,
    title: PROBLEM_TITLES[code],
    detail: expect.stringMatching(/\S/),
    ...(source ? { source } : {}),
  };
}

/** The problem of bulk item `index`; `path` is relative to `data/<index>/` (e.g. `attributes/name`). */
export function itemError(index: number, code: ProblemCode, field?: string, path?: string) {
  return problem({
    code,
    instance: `@data/${index}`,
    ...(field && path ? { source: { [field]: `data/${index}/${path}` } } : {}),
  });
}

/** A whole-request failure: the status and exactly one problem whose instance is the endpoint path. */
export function expectRequestError(
  response: ApiResponse,
  status: number,
  code: ProblemCode,
  endpoint: string,
  extra: { type?: string; source?: Record<string, string> } = {},
) {
  expect(response.status).toBe(status);
  const body = ErrorBodySchema.parse(response.body);
  expect(body.errors).toEqual([problem({ code, instance: `${API_PREFIX}${endpoint}`, ...extra })]);
  expect(response.body).not.toHaveProperty('data');
}

export function demoSegmentId(t: TestEmulator, predicate: (s: SegmentRecord) => boolean): string {
  for (const s of t.emulator.store.segments.values()) if (predicate(s)) return s.id;
  throw new Error('no demo segment matches');
}

export const ofDemo = (type: AudienceSegmentType) => (s: SegmentRecord) =>
  s.attributes.advertiserId === DEMO_ADVERTISER && s.attributes.type === type;
