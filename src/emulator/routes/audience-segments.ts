import type { FastifyInstance } from 'fastify';
import {
  AudienceSegmentCreateResourceSchema,
  AudienceSegmentEstimateSizeInputSchema,
  AudienceSegmentSearchInputSchema,
  AudienceSegmentUpdateResourceSchema,
} from '../../contract/audience-segment.js';
import { IdResourceSchema } from '../../contract/envelope.js';
import { assertAdvertiserAccess } from '../access.js';
import type { EmulatorApplication } from '../auth.js';
import { answerBulk, parseExisting } from '../bulk.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, parseBody, parseBulk, parsePage, toPage } from '../http.js';
import { fail, itemProblem, type ProblemCode } from '../problems.js';
import { checkInMarket } from '../rules/in-market-settings.js';
import { checkLocation } from '../rules/location-settings.js';
import { isReadOnly, SegmentBatch } from '../rules/segment-batch.js';
import { buildSegment } from '../rules/segment-create.js';
import { updateSegment } from '../rules/segment-update.js';
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
  const segmentBatch = (application: EmulatorApplication) => new SegmentBatch(store, application);

  app.post(
    '/audience-segments/create',
    { config: { operationId: 'CreateAudienceSegments' } },
    async (request) => {
      const application = applicationOf(request);
      const items = parseBulk(AudienceSegmentCreateResourceSchema, request.body);
      for (const item of items)
        if (item.attributes?.advertiserId) assertAdvertiserAccess(application, item.attributes.advertiserId);
      const batch = segmentBatch(application);
      return answerBulk(request, envelope, items, (item, index) => {
        const result = buildSegment(item.attributes ?? {}, index, batch);
        if (!result.ok) return result.problems;
        return store.segmentResource(store.addSegment(result.attributes, result.contactList));
      });
    },
  );

  app.patch('/audience-segments', { config: { operationId: 'UpdateAudienceSegments' } }, async (request) => {
    const { items, batch } = parseExisting(AudienceSegmentUpdateResourceSchema, request, segmentBatch);
    return answerBulk(request, envelope, items, (item, index, warn) => {
      const record = batch.find(item.id, index);
      if (Array.isArray(record)) return record;
      const result = updateSegment(record, item.attributes ?? {}, index, batch);
      if (!result.ok) return result.problems;
      record.attributes = result.attributes;
      for (const warning of result.warnings ?? []) warn(warning);
      return store.segmentResource(record);
    });
  });

  app.post(
    '/audience-segments/delete',
    { config: { operationId: 'DeleteAudienceSegments' } },
    async (request) => {
      const { items, batch } = parseExisting(IdResourceSchema, request, segmentBatch);
      return answerBulk(request, envelope, items, (item, index) => {
        const record = batch.find(item.id, index);
        if (Array.isArray(record)) return record;
        const idPath = `data/${index}/id`;
        if (isReadOnly(record)) {
          const detail = `Segment ${record.id} (${record.attributes.type}) cannot be deleted through the API`;
          return [itemProblem('segment-is-read-only', detail, 'id', idPath)];
        }
        const users = store.audiencesUsingSegment(record.id);
        if (users.length > 0) {
          const detail = `Segment ${record.id} is used by audience(s) ${users.map((a) => a.id).join(', ')}`;
          return [itemProblem('segment-must-not-be-used-in-audience', detail, 'id', idPath)];
        }
        store.segments.delete(record.id);
        return { id: record.id, type: 'AudienceSegment', attributes: {} };
      });
    },
  );

  app.post(
    '/audience-segments/search',
    { config: { operationId: 'SearchAudienceSegments' } },
    async (request) => {
      const application = applicationOf(request);
      const page = parsePage(request.query);
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
      return envelope.write(
        request,
        toPage(found, page, (s) => store.segmentResource(s)),
      );
    },
  );

  app.post(
    '/audience-segments/compute-sizes',
    { config: { operationId: 'ComputeAudienceSegmentsSizes' } },
    async (request) => {
      const { items, batch } = parseExisting(IdResourceSchema, request, segmentBatch);
      return answerBulk(request, envelope, items, (item, index) => {
        const record = batch.find(item.id, index);
        if (Array.isArray(record)) return record;
        const size = segmentSize(record, store);
        if (!size.ok) {
          const detail = `Segment ${record.id}: ${size.detail}`;
          return [itemProblem(SIZE_CODES[size.reason], detail, 'id', `data/${index}/id`)];
        }
        return { id: record.id, type: 'AudienceSegmentSize', attributes: { size: size.size } };
      });
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
