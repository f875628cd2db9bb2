import { type AudienceResource, algebraSegmentIds } from '../../contract/audience.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { toAudienceModels } from '../../loaders/models.js';
import { builder } from '../builder.js';
import { runBulk } from '../bulk.js';
import { checkItems } from '../bulk-checks.js';
import {
  AudienceCreateInput,
  AudienceCreateSchema,
  AudienceUpdateInput,
  AudienceUpdateSchema,
} from '../inputs/audience.js';
import { bulkListSchema, GATEWAY_MAX_BULK_ITEMS, idSchema } from '../inputs/common.js';
import { type Reference, rejectOutsideScope, segmentRefs } from '../scope-checks.js';
import { audienceDeleted, audienceWritten } from '../stale.js';
import { bulkPayload, isProblem } from '../write-results.js';
import { AudienceRef } from './types.js';

const AudienceResult = builder.unionType('AudienceWriteResult', {
  description: 'One item of an audience create or update: the audience as Criteo now has it, or its problem.',
  types: [AudienceRef, CriteoProblemError],
  resolveType: (value) => ('criteoCode' in value ? 'CriteoProblem' : 'Audience'),
});

const DeletedAudience = builder.objectRef<{ id: string }>('DeletedAudience').implement({
  description: 'An audience Criteo deleted.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Criteo id of the deleted audience.' }) }),
});

const DeleteResult = builder.unionType('AudienceDeleteResult', {
  description: 'One item of an audience delete: the deleted id, or its problem.',
  types: [DeletedAudience, CriteoProblemError],
  resolveType: (value) => ('criteoCode' in value ? 'CriteoProblem' : 'DeletedAudience'),
});

const CreatePayload = bulkPayload(
  'CreateAudiencesPayload',
  'The outcome of `createAudiences`, item by item.',
  AudienceResult,
);
const UpdatePayload = bulkPayload(
  'UpdateAudiencesPayload',
  'The outcome of `updateAudiences`, item by item.',
  AudienceResult,
);
const DeletePayload = bulkPayload(
  'DeleteAudiencesPayload',
  'The outcome of `deleteAudiences`, item by item.',
  DeleteResult,
);

const toAudience = (resource: AudienceResource) => toAudienceModels([resource])[0] ?? null;
const nameKey = (advertiserId: string | null | undefined, name: string | null | undefined) =>
  `${advertiserId ?? ''}/${(name ?? '').trim().toLowerCase()}`;
const BULK = `Each item is checked on its own: one that breaks a rule fails alone (a \`CriteoProblem\` at its \`index\`, code \`invalid-input\` or Criteo's code for the same rule) and the others are still sent. Criteo takes 50 items per call: larger lists go in chunks of 50, in order (at most ${GATEWAY_MAX_BULK_ITEMS} items). One result per item, in input order.`;
/** Why creates group by advertiser (see `runBulk`'s `groupOf`). */
const PER_ADVERTISER =
  "Each advertiser's items go in calls of their own, so an advertiser the application cannot access fails only its items.";

builder.mutationFields((t) => ({
  createAudiences: t.field({
    type: CreatePayload,
    nullable: true,
    description: `Creates audiences (Criteo \`audiences/create\`); each algebra is checked before any call. ${BULK} ${PER_ADVERTISER}`,
    args: {
      input: t.arg({
        type: [AudienceCreateInput],
        required: true,
        description: 'The audiences to create.',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(input, AudienceCreateSchema, { argument: 'input' }),
        'input',
        (item): Reference[] => [
          { kind: 'advertiser', id: item.advertiserId, path: ['advertiserId'] },
          ...segmentRefs(algebraSegmentIds(item.algebra), ['algebra']),
        ],
      );
      const outcome = await runBulk(items, {
        groupOf: (item) => item.advertiserId ?? '',
        send: (chunk) => ctx.criteo.createAudiences(chunk),
        itemKey: (item) => nameKey(item.advertiserId, item.name),
        resultKey: (resource) => nameKey(resource.attributes?.advertiserId, resource.attributes?.name),
        toResult: toAudience,
      });
      for (const result of outcome.results) if (!isProblem(result)) audienceWritten(ctx.loaders, result);
      return outcome;
    },
  }),

  updateAudiences: t.field({
    type: UpdatePayload,
    nullable: true,
    description: `Changes audiences (Criteo \`PATCH audiences\`); a new algebra replaces the whole tree and is checked before any call. ${BULK}`,
    args: {
      input: t.arg({
        type: [AudienceUpdateInput],
        required: true,
        description: 'The changes, one item per audience (each id once).',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(input, AudienceUpdateSchema, { argument: 'input', idOf: (item) => item.id }),
        'input',
        (item): Reference[] => [
          { kind: 'audience', id: item.id, path: ['id'] },
          ...segmentRefs(algebraSegmentIds(item.attributes.algebra), ['algebra']),
        ],
      );
      const outcome = await runBulk(items, {
        send: (chunk) => ctx.criteo.updateAudiences(chunk),
        itemKey: (item) => item.id,
        resultKey: (resource) => resource.id ?? undefined,
        toResult: toAudience,
      });
      for (const result of outcome.results) if (!isProblem(result)) audienceWritten(ctx.loaders, result);
      return outcome;
    },
  }),

  deleteAudiences: t.field({
    type: DeletePayload,
    nullable: true,
    description: `Deletes audiences (Criteo \`audiences/delete\`); an audience an ad set targets is refused. ${BULK}`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Criteo ids of the audiences (each once).',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { ids }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(ids.map(String), idSchema('an audience id'), {
          argument: 'ids',
          itemIsId: true,
          idOf: (id) => id,
        }),
        'ids',
        (id) => [{ kind: 'audience', id, path: [] }],
      );
      const outcome = await runBulk(items, {
        send: (chunk) => ctx.criteo.deleteAudiences(chunk),
        itemKey: (id) => id,
        resultKey: (resource) => resource.id ?? undefined,
        toResult: (resource) => (resource.id ? { id: resource.id } : null),
      });
      for (const result of outcome.results) if (!isProblem(result)) audienceDeleted(ctx.loaders, result.id);
      return outcome;
    },
  }),
}));
