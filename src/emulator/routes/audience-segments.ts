import type { FastifyInstance } from 'fastify';
import {
  AudienceSegmentCreateResourceSchema,
  AudienceSegmentEstimateSizeInputSchema,
  AudienceSegmentSearchInputSchema,
  AudienceSegmentUpdateResourceSchema,
} from '../../contract/audience-segment.js';
import { IdResourceSchema } from '../../contract/envelope.js';
import { assertAdvertiserAccess, assertOwnsExisting } from '../access.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, ItemProblems, parseBody, parseBulk, parsePage } from '../http.js';
import { fail, itemProblem, type ProblemCode, type ProblemInit } from '../problems.js';
import { checkInMarket, checkLocation } from '../rules/segment-settings.js';
import { buildSegment, createBatch, findSegment, isReadOnly, updateSegment } from '../rules/segment-write.js';
import { inMarketSize, locationSize, MIN_REPORTABLE_SIZE, segmentSize } from '../sizing.js';

const SIZE_CODES: Record<'not-available' | 'not-supported' | 'too-small', ProblemCode> = {
  'not-available': 'segment-size-not-available',
  'not-supported': 'segment-size-not-supported',
  'too-small': 'segment-size-too-small',
};

export async function registerAudienceSegmentRoutes(
  app: FastifyInstance,
  { context }: { context: EmulatorContext },
) {
  const { store, envelope } = context;
  const advertiserOfSegment = (id: string) => store.segments.get(id)?.attributes.advertiserId;

  app.post(
    '/audience-segments/create',
    { config: { operationId: 'CreateAudienceSegments' } },
    async (request) => {
      const application = applicationOf(request);
      const items = parseBulk(AudienceSegmentCreateResourceSchema, request.body);
      for (const item of items)
        if (item.attributes?.advertiserId) assertAdvertiserAccess(application, item.attributes.advertiserId);
      const batch = createBatch(store, application);
      const problems = new ItemProblems();
      const data = items.flatMap((item, index) => {
        const result = buildSegment(item.attributes ?? {}, index, batch);
        if (!result.ok) {
          for (const p of result.problems) problems.add(index, p);
          return [];
        }
        return [store.segmentResource(store.addSegment(result.attributes, result.contactList))];
      });
      return envelope.write(request, { data }, problems);
    },
  );

  app.patch('/audience-segments', { config: { operationId: 'UpdateAudienceSegments' } }, async (request) => {
    const application = applicationOf(request);
    const items = parseBulk(AudienceSegmentUpdateResourceSchema, request.body);
    assertOwnsExisting(
      application,
      items.map((i) => i.id),
      advertiserOfSegment,
    );
    const batch = createBatch(store, application);
    const problems = new ItemProblems();
    const warnings: ProblemInit[] = [];
    const data = items.flatMap((item, index) => {
      const record = findSegment(item.id, index, batch);
      if (Array.isArray(record)) {
        for (const p of record) problems.add(index, p);
        return [];
      }
      const result = updateSegment(record, item.attributes ?? {}, index, batch);
      if (!result.ok) {
        for (const p of result.problems) problems.add(index, p);
        return [];
      }
      record.attributes = result.attributes;
      for (const w of result.warnings ?? [])
        warnings.push({ ...w, type: 'deprecation', instance: `@data/${index}` });
      return [store.segmentResource(record)];
    });
    return envelope.write(request, { data }, problems, warnings);
  });

  app.post(
    '/audience-segments/delete',
    { config: { operationId: 'DeleteAudienceSegments' } },
    async (request) => {
      const application = applicationOf(request);
      const items = parseBulk(IdResourceSchema, request.body);
      assertOwnsExisting(
        application,
        items.map((i) => i.id),
        advertiserOfSegment,
      );
      const batch = createBatch(store, application);
      const problems = new ItemProblems();
      const data = items.flatMap((item, index) => {
        const record = findSegment(item.id, index, batch);
        if (Array.isArray(record)) {
          for (const p of record) problems.add(index, p);
          return [];
        }
        const idPath = `data/${index}/id`;
        if (isReadOnly(record)) {
          problems.add(
            index,
            itemProblem(
              'segment-is-read-only',
              `Segment ${record.id} (${record.attributes.type}) cannot be deleted through the API`,
              'id',
              idPath,
            ),
          );
          return [];
        }
        const users = store.audiencesUsingSegment(record.id);
        if (users.length > 0) {
          const ids = users.map((a) => a.id).join(', ');
          problems.add(
            index,
            itemProblem(
              'segment-must-not-be-used-in-audience',
              `Segment ${record.id} is used by audience(s) ${ids}`,
              'id',
              idPath,
            ),
          );
          return [];
        }
        store.segments.delete(record.id);
        return [{ id: record.id, type: 'AudienceSegment', attributes: {} }];
      });
      return envelope.write(request, { data }, problems);
    },
  );

  app.post(
    '/audience-segments/search',
    { config: { operationId: 'SearchAudienceSegments' } },
    async (request) => {
      const application = applicationOf(request);
      const { limit, offset } = parsePage(request.query);
      const filters = parseBody(AudienceSegmentSearchInputSchema, request.body).data?.attributes ?? {};
      for (const advertiserId of filters.advertiserIds ?? [])
        assertAdvertiserAccess(application, advertiserId);
      const found = store.searchSegments(
        {
          advertiserIds: filters.advertiserIds,
          ids: filters.audienceSegmentIds,
          types: filters.audienceSegmentTypes,
        },
        application.advertiserIds,
      );
      return envelope.write(request, {
        data: found.slice(offset, offset + limit).map((s) => store.segmentResource(s)),
        meta: { totalItems: found.length, limit, offset },
      });
    },
  );

  app.post(
    '/audience-segments/compute-sizes',
    { config: { operationId: 'ComputeAudienceSegmentsSizes' } },
    async (request) => {
      const application = applicationOf(request);
      const items = parseBulk(IdResourceSchema, request.body);
      assertOwnsExisting(
        application,
        items.map((i) => i.id),
        advertiserOfSegment,
      );
      const batch = createBatch(store, application);
      const problems = new ItemProblems();
      const data = items.flatMap((item, index) => {
        const record = findSegment(item.id, index, batch);
        if (Array.isArray(record)) {
          for (const p of record) problems.add(index, p);
          return [];
        }
        const size = segmentSize(record, store);
        if (!size.ok) {
          problems.add(
            index,
            itemProblem(
              SIZE_CODES[size.reason],
              `Segment ${record.id}: ${size.detail}`,
              'id',
              `data/${index}/id`,
            ),
          );
          return [];
        }
        return [{ id: record.id, type: 'AudienceSegmentSize', attributes: { size: size.size } }];
      });
      return envelope.write(request, { data }, problems);
    },
  );

  app.post(
    '/audience-segments/estimate-size',
    { config: { operationId: 'EstimateAudienceSegmentsSizes' } },
    async (request) => {
      const application = applicationOf(request);
      const attrs = parseBody(AudienceSegmentEstimateSizeInputSchema, request.body).data.attributes ?? {};
      if (!attrs.advertiserId)
        fail(400, 'undefined-advertiser-id', 'data.attributes.advertiserId is required');
      assertAdvertiserAccess(application, attrs.advertiserId);
      const kinds = [attrs.inMarket ? 'inMarket' : null, attrs.location ? 'location' : null].filter(Boolean);
      if (kinds.length === 0)
        fail(
          400,
          'undefined-segment-type',
          'Exactly one of inMarket or location is required to estimate a size',
        );
      if (kinds.length > 1)
        fail(400, 'multiple-segment-types', 'Only one of inMarket or location can be estimated at a time');
      const problems = attrs.inMarket
        ? checkInMarket(attrs.inMarket, 'data/attributes/inMarket')
        : checkLocation(attrs.location ?? {}, 'data/attributes/location');
      const first = problems[0];
      if (first) fail(400, first.code, first.detail, first.source ? { source: first.source } : {});
      const size = attrs.inMarket ? inMarketSize(attrs.inMarket) : locationSize(attrs.location ?? {});
      if (size < MIN_REPORTABLE_SIZE)
        fail(400, 'segment-size-too-small', `The estimated size (${size}) is below ${MIN_REPORTABLE_SIZE}`);
      return envelope.write(request, { data: { type: 'AudienceSegmentSize', attributes: { size } } });
    },
  );
}
