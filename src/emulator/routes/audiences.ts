import type { FastifyInstance } from 'fastify';
import {
  AudienceCreateResourceSchema,
  AudienceEstimateSizeInputSchema,
  AudienceSearchInputSchema,
  AudienceUpdateResourceSchema,
} from '../../contract/audience.js';
import { IdResourceSchema } from '../../contract/envelope.js';
import { assertAdvertiserAccess, assertOwnsExisting } from '../access.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, ItemProblems, parseBody, parseBulk, parsePage } from '../http.js';
import { fail, type ItemProblemInit, itemProblem, type ProblemCode } from '../problems.js';
import { checkAlgebra } from '../rules/audience-algebra.js';
import { checkId, checkName } from '../rules/names.js';
import { algebraSize } from '../sizing.js';
import type { AudienceRecord, EmulatorStore } from '../store.js';

const SIZE_CODES: Record<'not-available' | 'not-supported' | 'too-small', ProblemCode> = {
  'not-available': 'audience-size-not-available',
  'not-supported': 'audience-size-not-supported',
  'too-small': 'audience-size-too-small',
};

/** Items of one bulk call share the names and ids they have used. */
function audienceBatch(store: EmulatorStore, visible: readonly string[]) {
  const names = new Map<string, Set<string>>();
  const ids = new Set<string>();
  const namesOf = (advertiserId: string) => {
    const set = names.get(advertiserId) ?? new Set<string>();
    names.set(advertiserId, set);
    return set;
  };
  return {
    checkName(
      advertiserId: string,
      name: string | undefined,
      index: number,
      selfId?: string,
    ): ItemProblemInit[] {
      const taken = (key: string) =>
        [...store.audiences.values()].some(
          (a) =>
            a.id !== selfId &&
            a.attributes.advertiserId === advertiserId &&
            a.attributes.name.trim().toLowerCase() === key,
        );
      return checkName(name, `data/${index}/attributes/name`, taken, namesOf(advertiserId), {
        unique: 'audience-name-must-be-unique',
        duplicate: 'audience-name-must-be-unique',
      });
    },
    useName(advertiserId: string, name: string) {
      namesOf(advertiserId).add(name.trim().toLowerCase());
    },
    find(id: string | undefined, index: number): AudienceRecord | ItemProblemInit[] {
      const problems = checkId(id, `data/${index}/id`, ids);
      if (problems.length > 0) return problems;
      const record = store.audiences.get(id ?? '');
      if (!record || !visible.includes(record.attributes.advertiserId)) {
        return [itemProblem('audience-not-found', `Audience ${id} does not exist`, 'id', `data/${index}/id`)];
      }
      return record;
    },
  };
}

export async function registerAudienceRoutes(
  app: FastifyInstance,
  { context }: { context: EmulatorContext },
) {
  const { store, envelope } = context;
  const advertiserOfAudience = (id: string) => store.audiences.get(id)?.attributes.advertiserId;

  app.post('/audiences/create', { config: { operationId: 'CreateAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const items = parseBulk(AudienceCreateResourceSchema, request.body);
    for (const item of items)
      if (item.attributes?.advertiserId) assertAdvertiserAccess(application, item.attributes.advertiserId);
    const batch = audienceBatch(store, application.advertiserIds);
    const problems = new ItemProblems();
    const data = items.flatMap((item, index) => {
      const attrs = item.attributes ?? {};
      const base = `data/${index}/attributes`;
      if (!attrs.advertiserId) {
        problems.add(
          index,
          itemProblem(
            'undefined-advertiser-id',
            'advertiserId is required',
            'advertiserId',
            `${base}/advertiserId`,
          ),
        );
        return [];
      }
      const found = [
        ...batch.checkName(attrs.advertiserId, attrs.name, index),
        ...checkAlgebra(attrs.algebra, attrs.advertiserId, store, `${base}/algebra`),
      ];
      if (found.length > 0 || !attrs.name || !attrs.algebra) {
        for (const p of found) problems.add(index, p);
        return [];
      }
      batch.useName(attrs.advertiserId, attrs.name);
      const record = store.addAudience({
        advertiserId: attrs.advertiserId,
        name: attrs.name,
        description: attrs.description ?? null,
        algebra: attrs.algebra,
        createdAt: new Date().toISOString(),
        updatedAt: null,
      });
      return [store.audienceResource(record)];
    });
    return envelope.write(request, { data }, problems);
  });

  app.patch('/audiences', { config: { operationId: 'UpdateAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const items = parseBulk(AudienceUpdateResourceSchema, request.body);
    assertOwnsExisting(
      application,
      items.map((i) => i.id),
      advertiserOfAudience,
    );
    const batch = audienceBatch(store, application.advertiserIds);
    const problems = new ItemProblems();
    const data = items.flatMap((item, index) => {
      const record = batch.find(item.id, index);
      if (Array.isArray(record)) {
        for (const p of record) problems.add(index, p);
        return [];
      }
      const attrs = item.attributes ?? {};
      const { advertiserId } = record.attributes;
      const found = [
        ...(attrs.name === undefined ? [] : batch.checkName(advertiserId, attrs.name, index, record.id)),
        ...(attrs.algebra === undefined
          ? []
          : checkAlgebra(attrs.algebra, advertiserId, store, `data/${index}/attributes/algebra`)),
      ];
      if (found.length > 0) {
        for (const p of found) problems.add(index, p);
        return [];
      }
      const next = { ...record.attributes, updatedAt: new Date().toISOString() };
      if (attrs.name !== undefined) {
        next.name = attrs.name;
        batch.useName(advertiserId, attrs.name);
      }
      if (attrs.description !== undefined) next.description = attrs.description.value ?? null;
      if (attrs.algebra !== undefined) next.algebra = attrs.algebra;
      record.attributes = next;
      return [store.audienceResource(record)];
    });
    return envelope.write(request, { data }, problems);
  });

  app.post('/audiences/delete', { config: { operationId: 'DeleteAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const items = parseBulk(IdResourceSchema, request.body);
    assertOwnsExisting(
      application,
      items.map((i) => i.id),
      advertiserOfAudience,
    );
    const batch = audienceBatch(store, application.advertiserIds);
    const problems = new ItemProblems();
    const data = items.flatMap((item, index) => {
      const record = batch.find(item.id, index);
      if (Array.isArray(record)) {
        for (const p of record) problems.add(index, p);
        return [];
      }
      const adSets = store.adSetIdsOf(record.id);
      if (adSets.length > 0) {
        problems.add(
          index,
          itemProblem(
            'audience-must-not-be-used-in-non-archived-ad-set',
            `Audience ${record.id} is used by ad set(s) ${adSets.join(', ')}`,
            'id',
            `data/${index}/id`,
          ),
        );
        return [];
      }
      store.audiences.delete(record.id);
      return [{ id: record.id, type: 'Audience', attributes: {} }];
    });
    return envelope.write(request, { data }, problems);
  });

  app.post('/audiences/search', { config: { operationId: 'SearchAudiences' } }, async (request) => {
    const application = applicationOf(request);
    const { limit, offset } = parsePage(request.query);
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
    return envelope.write(request, {
      data: found.slice(offset, offset + limit).map((a) => store.audienceResource(a)),
      meta: { totalItems: found.length, limit, offset },
    });
  });

  app.post(
    '/audiences/compute-sizes',
    { config: { operationId: 'ComputeAudiencesSizes' } },
    async (request) => {
      const application = applicationOf(request);
      const items = parseBulk(IdResourceSchema, request.body);
      assertOwnsExisting(
        application,
        items.map((i) => i.id),
        advertiserOfAudience,
      );
      const batch = audienceBatch(store, application.advertiserIds);
      const problems = new ItemProblems();
      const data = items.flatMap((item, index) => {
        const record = batch.find(item.id, index);
        if (Array.isArray(record)) {
          for (const p of record) problems.add(index, p);
          return [];
        }
        const size = record.attributes.algebra
          ? algebraSize(record.attributes.algebra, store)
          : ({ ok: false, reason: 'not-available', detail: 'The audience has no algebra' } as const);
        if (!size.ok) {
          const { reason, detail } = size;
          problems.add(
            index,
            itemProblem(SIZE_CODES[reason], `Audience ${record.id}: ${detail}`, 'id', `data/${index}/id`),
          );
          return [];
        }
        return [{ id: record.id, type: 'AudienceSize', attributes: { size: size.size } }];
      });
      return envelope.write(request, { data }, problems);
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
