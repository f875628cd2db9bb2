import type { FastifyInstance } from 'fastify';
import {
  AudienceCreateResourceSchema,
  AudienceEstimateSizeInputSchema,
  AudienceSearchInputSchema,
  AudienceUpdateResourceSchema,
} from '../../contract/audience.js';
import { IdResourceSchema } from '../../contract/envelope.js';
import { assertAdvertiserAccess } from '../access.js';
import type { EmulatorApplication } from '../auth.js';
import { answerBulk, parseExisting } from '../bulk.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, parseBody, parseBulk, parsePage, toPage } from '../http.js';
import { fail, itemProblem, type ProblemCode } from '../problems.js';
import { checkAlgebra } from '../rules/audience-algebra.js';
import { ItemBatch } from '../rules/item-batch.js';
import { algebraSize } from '../sizing.js';

const SIZE_CODES: Record<'not-available' | 'not-supported' | 'too-small', ProblemCode> = {
  'not-available': 'audience-size-not-available',
  'not-supported': 'audience-size-not-supported',
  'too-small': 'audience-size-too-small',
};

export async function registerAudienceRoutes(
  app: FastifyInstance,
  { context }: { context: EmulatorContext },
) {
  const { store, envelope } = context;
  const audienceBatch = (application: EmulatorApplication) =>
    new ItemBatch(store.audiences, application.advertiserIds, {
      unique: 'audience-name-must-be-unique',
      duplicate: 'audience-name-must-be-unique',
      notFound: 'audience-not-found',
      noun: 'Audience',
    });

  app.post('/audiences/create', { config: { operationId: 'CreateAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const items = parseBulk(AudienceCreateResourceSchema, request.body);
    for (const item of items)
      if (item.attributes?.advertiserId) assertAdvertiserAccess(application, item.attributes.advertiserId);
    const batch = audienceBatch(application);
    return answerBulk(request, envelope, items, (item, index) => {
      const attrs = item.attributes ?? {};
      const base = `data/${index}/attributes`;
      if (!attrs.advertiserId) {
        return [
          itemProblem(
            'undefined-advertiser-id',
            'advertiserId is required',
            'advertiserId',
            `${base}/advertiserId`,
          ),
        ];
      }
      const found = [
        ...batch.checkName(attrs.advertiserId, attrs.name, index),
        ...checkAlgebra(attrs.algebra, attrs.advertiserId, store, `${base}/algebra`),
      ];
      if (found.length > 0 || !attrs.name || !attrs.algebra) return found;
      batch.useName(attrs.advertiserId, attrs.name);
      const record = store.addAudience({
        advertiserId: attrs.advertiserId,
        name: attrs.name,
        description: attrs.description ?? null,
        algebra: attrs.algebra,
        createdAt: new Date().toISOString(),
        updatedAt: null,
      });
      return store.audienceResource(record);
    });
  });

  app.patch('/audiences', { config: { operationId: 'UpdateAudiences' } }, async (request) => {
    const { items, batch } = parseExisting(AudienceUpdateResourceSchema, request, audienceBatch);
    return answerBulk(request, envelope, items, (item, index) => {
      const record = batch.find(item.id, index);
      if (Array.isArray(record)) return record;
      const attrs = item.attributes ?? {};
      const { advertiserId } = record.attributes;
      const found = [
        ...(attrs.name === undefined ? [] : batch.checkName(advertiserId, attrs.name, index, record.id)),
        ...(attrs.algebra === undefined
          ? []
          : checkAlgebra(attrs.algebra, advertiserId, store, `data/${index}/attributes/algebra`)),
      ];
      if (found.length > 0) return found;
      const next = { ...record.attributes, updatedAt: new Date().toISOString() };
      if (attrs.name !== undefined) {
        next.name = attrs.name;
        batch.useName(advertiserId, attrs.name);
      }
      if (attrs.description !== undefined) next.description = attrs.description.value ?? null;
      if (attrs.algebra !== undefined) next.algebra = attrs.algebra;
      record.attributes = next;
      return store.audienceResource(record);
    });
  });

  app.post('/audiences/delete', { config: { operationId: 'DeleteAudiences' } }, async (request) => {
    const { items, batch } = parseExisting(IdResourceSchema, request, audienceBatch);
    return answerBulk(request, envelope, items, (item, index) => {
      const record = batch.find(item.id, index);
      if (Array.isArray(record)) return record;
      const adSets = store.adSetIdsOf(record.id);
      if (adSets.length > 0) {
        const detail = `Audience ${record.id} is used by ad set(s) ${adSets.join(', ')}`;
        return [
          itemProblem('audience-must-not-be-used-in-non-archived-ad-set', detail, 'id', `data/${index}/id`),
        ];
      }
      store.audiences.delete(record.id);
      return { id: record.id, type: 'Audience', attributes: {} };
    });
  });

  app.post('/audiences/search', { config: { operationId: 'SearchAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const page = parsePage(request.query);
    const filters = parseBody(AudienceSearchInputSchema, request.body).data?.attributes ?? {};
    for (const advertiserId of filters.advertiserIds ?? []) assertAdvertiserAccess(application, advertiserId);
    const found = store.searchAudiences(
      {
        ids: filters.audienceIds,
        advertiserIds: filters.advertiserIds,
        segmentIds: filters.audienceSegmentIds,
        adSetIds: filters.adSetIds,
      },
      application.advertiserIds,
    );
    return envelope.write(
      request,
      toPage(found, page, (a) => store.audienceResource(a)),
    );
  });

  app.post(
    '/audiences/compute-sizes',
    { config: { operationId: 'ComputeAudiencesSizes' } },
    async (request) => {
      const { items, batch } = parseExisting(IdResourceSchema, request, audienceBatch);
      return answerBulk(request, envelope, items, (item, index) => {
        const record = batch.find(item.id, index);
        if (Array.isArray(record)) return record;
        const size = record.attributes.algebra
          ? algebraSize(record.attributes.algebra, store)
          : ({ ok: false, reason: 'not-available', detail: 'The audience has no algebra' } as const);
        if (!size.ok) {
          const detail = `Audience ${record.id}: ${size.detail}`;
          return [itemProblem(SIZE_CODES[size.reason], detail, 'id', `data/${index}/id`)];
        }
        return { id: record.id, type: 'AudienceSize', attributes: { size: size.size } };
      });
    },
  );

  app.post(
    '/audiences/estimate-size',
    { config: { operationId: 'EstimateAudiencesSizes' } },
    async (request) => {
      const application = applicationOf(request);
      const attrs = parseBody(AudienceEstimateSizeInputSchema, request.body).data.attributes ?? {};
      if (!attrs.advertiserId)
        fail(400, 'undefined-advertiser-id', 'data.attributes.advertiserId is required');
      assertAdvertiserAccess(application, attrs.advertiserId);
      const first = checkAlgebra(attrs.algebra, attrs.advertiserId, store, 'data/attributes/algebra')[0];
      if (first) fail(400, first.code, first.detail, first.source ? { source: first.source } : {});
      const size = attrs.algebra ? algebraSize(attrs.algebra, store) : null;
      if (!size?.ok) {
        const code = size?.ok === false ? SIZE_CODES[size.reason] : 'audience-size-not-available';
        fail(400, code, size?.ok === false ? size.detail : 'The algebra has no size');
      }
      return envelope.write(request, { data: { type: 'AudienceSize', attributes: { size: size.size } } });
    },
  );
}
