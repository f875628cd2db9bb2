import { expect } from 'vitest';
import { z } from 'zod';
import {
  type AlgebraNode,
  AudienceListResponseSchema,
  type AudienceResource,
  AudienceSearchResponseSchema,
} from '../../src/contract/audience.js';
import {
  AudienceSegmentListResponseSchema,
  AudienceSegmentSizeListResponseSchema,
  type AudienceSegmentType,
} from '../../src/contract/audience-segment.js';
import { ProblemSchema } from '../../src/contract/envelope.js';
import type { SegmentRecord } from '../../src/emulator/store.js';
import { type ApiResponse, DEMO_ADVERTISER, SECOND_DEMO_ADVERTISER, type TestEmulator } from './emulator.js';

// Builders, calls and readers shared by the emulator-audiences*.test.ts files.

// ---- builders ----

export const seg = (audienceSegmentId: string): AlgebraNode => ({ audienceSegmentId });
export const and = (...nodes: AlgebraNode[]): AlgebraNode => ({ and: nodes });
export const or = (...nodes: AlgebraNode[]): AlgebraNode => ({ or: nodes });
export const not = (node: AlgebraNode): AlgebraNode => ({ not: node });

export interface AudienceInput {
  advertiserId?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  algebra?: AlgebraNode | undefined;
}

let serial = 0;
export const uniqueName = (label = 'Test audience') => `${label} ${++serial}`;

/** A create item for advertiser 4949 with a fresh name; `undefined` values are left out of the JSON. */
export function audienceItem(algebra: AlgebraNode | undefined, attributes: AudienceInput = {}) {
  return {
    type: 'Audience',
    attributes: { advertiserId: DEMO_ADVERTISER, name: uniqueName(), algebra, ...attributes },
  };
}

export const idItem = (id: string) => ({ id, type: 'Audience' });
export const UNKNOWN_ID = '999999999';

// ---- response readers ----

export const ErrorListSchema = z.object({ errors: z.array(ProblemSchema) });
export const RawAlgebraSchema = z.object({
  data: z.array(z.object({ attributes: z.object({ algebra: z.unknown() }) })),
});

/** Each error as `{ instance, code, source }`, in response order. */
export function errorsOf(response: ApiResponse) {
  return ErrorListSchema.parse(response.body).errors.map(({ instance, code, source }) => ({
    instance,
    code,
    source,
  }));
}

/** The single error of a whole-request failure. */
export function onlyError(response: ApiResponse, status: number) {
  expect(response.status).toBe(status);
  const errors = ErrorListSchema.parse(response.body).errors;
  expect(errors).toHaveLength(1);
  const [error] = errors;
  if (!error) throw new Error('no error');
  return error;
}

export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

export const audiencesOf = (response: ApiResponse): AudienceResource[] =>
  AudienceListResponseSchema.parse(response.body).data ?? [];
export const namesOf = (response: ApiResponse) => audiencesOf(response).map((a) => a.attributes?.name);

/** Demo segments of advertiser 4949 (and one of 5050) used by the algebras of the tests. */
export interface DemoAudienceSegments {
  IM: string;
  P: string;
  B: string;
  R: string;
  R2: string;
  CL: string;
  CL2: string;
  EMPTY_CL: string;
  TINY_CL: string;
  IM_5050: string;
}

export function demoAudienceSegments(t: TestEmulator): DemoAudienceSegments {
  function segments(
    type: AudienceSegmentType,
    where: (s: SegmentRecord) => boolean = () => true,
    advertiserId = DEMO_ADVERTISER,
  ): string[] {
    return [...t.emulator.store.segments.values()]
      .filter((s) => s.attributes.advertiserId === advertiserId && s.attributes.type === type && where(s))
      .map((s) => s.id);
  }

  const writable = (s: SegmentRecord) => s.attributes.contactList?.isReadOnly !== true;

  const [IM = ''] = segments('InMarket');
  const [P = ''] = segments('Prospecting');
  const [B = ''] = segments('Behavioral');
  const [R = '', R2 = ''] = segments('Retargeting');
  const [CL = '', CL2 = ''] = segments(
    'ContactList',
    (s) => writable(s) && (s.contactList?.syntheticCount ?? 0) > 5_000,
  );
  const [EMPTY_CL = ''] = segments(
    'ContactList',
    (s) => s.contactList?.syntheticCount === 0 && s.contactList.identifiers.size === 0,
  );
  const [TINY_CL = ''] = segments('ContactList', (s) => s.contactList?.syntheticCount === 900);
  const [IM_5050 = ''] = segments('InMarket', () => true, SECOND_DEMO_ADVERTISER);
  for (const id of [IM, P, B, R, R2, CL, CL2, EMPTY_CL, TINY_CL, IM_5050]) expect(id).toMatch(/^\d+$/);
  return { IM, P, B, R, R2, CL, CL2, EMPTY_CL, TINY_CL, IM_5050 };
}

/** Calls on the emulator `current()` returns (the one the describe block's `beforeAll` started). */
export function audienceCalls(current: () => TestEmulator) {
  const post = (path: string, data: unknown, token?: string) =>
    current().call('POST', path, { body: { data }, token });
  const patch = (data: unknown) => current().call('PATCH', '/audiences', { body: { data } });

  async function createAudience(algebra: AlgebraNode, attributes: AudienceInput = {}): Promise<string> {
    const response = await post('/audiences/create', [audienceItem(algebra, attributes)]);
    expect(response.status).toBe(200);
    expect(errorsOf(response)).toEqual([]);
    return required(audiencesOf(response)[0]?.id, 'created audience id');
  }

  async function search(attributes: Record<string, string[]>, query: Record<string, number> = {}) {
    const response = await current().call('POST', '/audiences/search', {
      body: { data: { attributes } },
      query,
    });
    expect(response.status).toBe(200);
    return AudienceSearchResponseSchema.parse(response.body);
  }

  async function findAudience(id: string): Promise<AudienceResource> {
    return required((await search({ audienceIds: [id] })).data?.[0], `audience ${id}`);
  }

  async function segmentSizes(ids: string[]): Promise<number[]> {
    const response = await post('/audience-segments/compute-sizes', ids.map(idItem));
    const body = AudienceSegmentSizeListResponseSchema.parse(response.body);
    expect(body.errors).toEqual([]);
    return (body.data ?? []).map((d) => required(d.attributes?.size, 'segment size'));
  }

  async function createContactList(): Promise<string> {
    const response = await post('/audience-segments/create', [
      {
        type: 'AudienceSegment',
        attributes: { advertiserId: DEMO_ADVERTISER, name: uniqueName('Contact list'), contactList: {} },
      },
    ]);
    return required(AudienceSegmentListResponseSchema.parse(response.body).data?.[0]?.id, 'contact list id');
  }
  return { post, patch, createAudience, search, findAudience, segmentSizes, createContactList };
}
