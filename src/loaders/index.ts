import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { algebraSegmentIds } from '../contract/audience.js';
import type { Problem } from '../contract/envelope.js';
import { CRITEO_MAX_BULK_ITEMS, CRITEO_MAX_PAGE_SIZE } from '../contract/limits.js';
import type { CriteoOperations } from '../criteo/client.js';
import { CriteoProblemError, itemIndexOf } from '../criteo/errors.js';
import { advertiserFilter, type Caller, ForbiddenError, mayReach } from '../scope.js';
import { type AudienceModel, type SegmentModel, toAudienceModels, toSegmentModels } from './models.js';

/**
 * Result pages `Segment.audiences` reads for one batch of 100 segments: 1,000 audiences. More is an
 * error on those fields rather than an unbounded number of calls (the cost estimate counts these).
 */
export const MAX_AUDIENCE_PAGES_PER_BATCH = 10;

export interface Size {
  value: number;
}

interface SizedBulk {
  data?:
    | readonly {
        id?: string | null | undefined;
        attributes?: { size?: number | null | undefined } | null | undefined;
      }[]
    | null
    | undefined;
  errors?: readonly Problem[] | null | undefined;
}

/**
 * Maps a compute-sizes answer back to the requested ids: successes by id (never by position),
 * problems by their `@data/N` index. An id with neither gets a problem of its own.
 */
export function sizesByKey(ids: readonly string[], response: SizedBulk): (Size | CriteoProblemError)[] {
  const sizes = new Map<string, Size | CriteoProblemError>();
  for (const item of response.data ?? []) {
    const size = item.attributes?.size;
    if (item.id && size != null) sizes.set(item.id, { value: size });
  }
  for (const problem of response.errors ?? []) {
    const index = itemIndexOf(problem);
    const id = index === null ? undefined : ids[index];
    if (id !== undefined) sizes.set(id, new CriteoProblemError(problem));
  }
  return ids.map(
    (id) =>
      sizes.get(id) ??
      new CriteoProblemError({
        code: 'size-missing',
        title: 'Size missing',
        detail: `Criteo returned no size and no problem for ${id}`,
      }),
  );
}

export interface LoaderOptions {
  batch?: boolean;
  /** Observes each batch a loader dispatches: its name and how many keys it carries (metrics). */
  onBatch?: (loader: string, size: number) => void;
  /** The verified caller: an object of another advertiser loads as a `ForbiddenError`, never as itself. */
  caller?: Caller | null;
}

/** Batch functions: `(keys) -> Promise<(Value | Error)[]>` in key order. */
export function createLoaders(criteo: CriteoOperations, options: LoaderOptions = {}) {
  const batch = options.batch ?? true;
  const { onBatch } = options;
  const caller = options.caller ?? null;
  // Every by-id lookup goes through these two loaders (root fields, nested fields, `_entities`, write
  // checks), so the object of another advertiser is replaced here, before any cache holds it.
  const scoped =
    <M extends { id: string; attributes: { advertiserId?: string | null } }>(what: string) =>
    (model: M | undefined): M | ForbiddenError | null =>
      model === undefined
        ? null
        : mayReach(caller, model.attributes.advertiserId)
          ? model
          : new ForbiddenError(`${what} ${model.id} belongs to an advertiser your token does not cover`);
  const observed = <K, R>(name: string, load: (keys: readonly K[]) => R) =>
    onBatch
      ? (keys: readonly K[]) => {
          onBatch(name, keys.length);
          return load(keys);
        }
      : load;

  const segments = new DataLoader<string, SegmentModel | null>(
    observed('segments', async (ids) => {
      const response = await criteo.searchAudienceSegments(
        { audienceSegmentIds: [...ids] },
        { limit: CRITEO_MAX_PAGE_SIZE, offset: 0 },
      );
      const byId = new Map(toSegmentModels(response.data).map((s) => [s.id, s]));
      return ids.map((id) => scoped<SegmentModel>('audience segment')(byId.get(id)));
    }),
    { maxBatchSize: CRITEO_MAX_PAGE_SIZE, batch },
  );

  const audiences = new DataLoader<string, AudienceModel | null>(
    observed('audiences', async (ids) => {
      const response = await criteo.searchAudiences(
        { audienceIds: [...ids] },
        { limit: CRITEO_MAX_PAGE_SIZE, offset: 0 },
      );
      const byId = new Map(toAudienceModels(response.data).map((a) => [a.id, a]));
      return ids.map((id) => scoped<AudienceModel>('audience')(byId.get(id)));
    }),
    { maxBatchSize: CRITEO_MAX_PAGE_SIZE, batch },
  );

  // Segment id -> the audiences whose algebra uses it: one search by `audienceSegmentIds` for up to 100
  // segments, split back per segment from each audience's algebra.
  const audiencesBySegment = new DataLoader<string, AudienceModel[]>(
    observed('audiencesBySegment', async (segmentIds) => {
      const found = new Map<string, AudienceModel>();
      // The search answers at most 100 audiences a page, and 100 segments may be used by many more:
      // read page after page until `meta.totalItems` (or a short page) says every one was read.
      for (let offset = 0; ; offset += CRITEO_MAX_PAGE_SIZE) {
        if (offset === MAX_AUDIENCE_PAGES_PER_BATCH * CRITEO_MAX_PAGE_SIZE) {
          const error = tooManyAudiences();
          return segmentIds.map(() => error);
        }
        const response = await criteo.searchAudiences(
          { audienceSegmentIds: [...segmentIds], advertiserIds: advertiserFilter(caller, undefined) },
          { limit: CRITEO_MAX_PAGE_SIZE, offset },
        );
        for (const audience of toAudienceModels(response.data)) found.set(audience.id, audience);
        const read = offset + (response.data?.length ?? 0);
        const total = response.meta?.totalItems;
        if ((response.data?.length ?? 0) < CRITEO_MAX_PAGE_SIZE || (total != null && read >= total)) break;
      }
      const bySegment = new Map(segmentIds.map((id): [string, AudienceModel[]] => [id, []]));
      for (const audience of found.values()) {
        audiences.prime(audience.id, audience);
        for (const id of algebraSegmentIds(audience.attributes.algebra)) bySegment.get(id)?.push(audience);
      }
      return segmentIds.map((id) => bySegment.get(id) ?? []);
    }),
    { maxBatchSize: CRITEO_MAX_PAGE_SIZE, batch },
  );

  const segmentSizes = new DataLoader<string, Size>(
    observed('segmentSizes', async (ids) => sizesByKey(ids, await criteo.computeAudienceSegmentSizes(ids))),
    { maxBatchSize: CRITEO_MAX_BULK_ITEMS, batch },
  );

  const audienceSizes = new DataLoader<string, Size>(
    observed('audienceSizes', async (ids) => sizesByKey(ids, await criteo.computeAudienceSizes(ids))),
    { maxBatchSize: CRITEO_MAX_BULK_ITEMS, batch },
  );

  // No batch endpoint exists for statistics: one GET per list, cached for the request.
  const contactListStatistics = new DataLoader(
    observed('contactListStatistics', async (ids: readonly string[]) =>
      Promise.all(
        ids.map(
          async (id) => (await criteo.getAudienceSegmentContactListStatistics(id)).data?.attributes ?? null,
        ),
      ),
    ),
    { batch: false },
  );

  return {
    segments,
    audiences,
    audiencesBySegment,
    segmentSizes,
    audienceSizes,
    contactListStatistics,
    /** Seeds the by-id loaders with what a search already returned, so nested fields reuse it. */
    primeSegments(models: readonly SegmentModel[]) {
      for (const model of models) segments.prime(model.id, model);
    },
    primeAudiences(models: readonly AudienceModel[]) {
      for (const model of models) audiences.prime(model.id, model);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

function tooManyAudiences(): GraphQLError {
  const most = MAX_AUDIENCE_PAGES_PER_BATCH * CRITEO_MAX_PAGE_SIZE;
  return new GraphQLError(
    `audiences: more than ${most} audiences use these segments; read them with audiences(segmentIds:) page by page, or ask for fewer segments at once`,
    { extensions: { code: 'TOO_MANY_RESULTS' } },
  );
}
