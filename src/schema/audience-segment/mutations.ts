import type { AudienceSegmentResource } from '../../contract/audience-segment.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { toSegmentModels } from '../../loaders/models.js';
import { builder } from '../builder.js';
import { runBulk } from '../bulk.js';
import { checkItems } from '../bulk-checks.js';
import {
  AudienceSegmentCreateInput,
  AudienceSegmentUpdateInput,
  SegmentCreateSchema,
  SegmentUpdateSchema,
} from '../inputs/audience-segment.js';
import { bulkListSchema, GATEWAY_MAX_BULK_ITEMS, idSchema } from '../inputs/common.js';
import { type Reference, rejectOutsideScope, segmentRefs } from '../scope-checks.js';
import { segmentDeleted, segmentWritten } from '../stale.js';
import { bulkPayload, isProblem } from '../write-results.js';
import {
  BehavioralSegment,
  ContactListSegment,
  InMarketSegment,
  LocationSegment,
  LookalikeSegment,
  memberTypeOf,
  ProspectingSegment,
  RetargetingSegment,
  UnknownSegment,
} from './types.js';

const SegmentResult = builder.unionType('AudienceSegmentWriteResult', {
  description: 'One item of a segment create or update: the segment as Criteo now has it, or its problem.',
  types: [
    InMarketSegment,
    ProspectingSegment,
    ContactListSegment,
    LocationSegment,
    BehavioralSegment,
    RetargetingSegment,
    LookalikeSegment,
    UnknownSegment,
    CriteoProblemError,
  ],
  resolveType: (value) => ('criteoCode' in value ? 'CriteoProblem' : memberTypeOf(value)),
});

const DeletedAudienceSegment = builder.objectRef<{ id: string }>('DeletedAudienceSegment').implement({
  description: 'A segment Criteo deleted.',
  fields: (t) => ({ id: t.exposeID('id', { description: 'Criteo id of the deleted segment.' }) }),
});

const DeleteResult = builder.unionType('AudienceSegmentDeleteResult', {
  description: 'One item of a segment delete: the deleted id, or its problem.',
  types: [DeletedAudienceSegment, CriteoProblemError],
  resolveType: (value) => ('criteoCode' in value ? 'CriteoProblem' : 'DeletedAudienceSegment'),
});

const CreatePayload = bulkPayload(
  'CreateAudienceSegmentsPayload',
  'The outcome of `createAudienceSegments`, item by item.',
  SegmentResult,
);
const UpdatePayload = bulkPayload(
  'UpdateAudienceSegmentsPayload',
  'The outcome of `updateAudienceSegments`, item by item.',
  SegmentResult,
);
const DeletePayload = bulkPayload(
  'DeleteAudienceSegmentsPayload',
  'The outcome of `deleteAudienceSegments`, item by item.',
  DeleteResult,
);

const toSegment = (resource: AudienceSegmentResource) => toSegmentModels([resource])[0] ?? null;
const nameKey = (advertiserId: string | null | undefined, name: string | null | undefined) =>
  `${advertiserId ?? ''}/${(name ?? '').trim().toLowerCase()}`;
const BULK = `Each item is checked on its own: one that breaks a rule fails alone (a \`CriteoProblem\` at its \`index\`, code \`invalid-input\` or Criteo's code for the same rule) and the others are still sent. Criteo takes 50 items per call: larger lists go in chunks of 50, in order (at most ${GATEWAY_MAX_BULK_ITEMS} items). One result per item, in input order.`;
/** Why creates group by advertiser (see `runBulk`'s `groupOf`). */
const PER_ADVERTISER =
  "Each advertiser's items go in calls of their own, so an advertiser the application cannot access fails only its items.";

builder.mutationFields((t) => ({
  createAudienceSegments: t.field({
    type: CreatePayload,
    nullable: true,
    description: `Creates segments (Criteo \`audience-segments/create\`). ${BULK} ${PER_ADVERTISER}`,
    args: {
      input: t.arg({
        type: [AudienceSegmentCreateInput],
        required: true,
        description: 'The segments to create.',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(input, SegmentCreateSchema, { argument: 'input' }),
        'input',
        (item): Reference[] => {
          const seed = item.lookalike?.seedSegmentId;
          return [
            { kind: 'advertiser', id: item.advertiserId ?? '', path: ['advertiserId'] },
            ...(seed ? segmentRefs([seed], ['definition', 'lookalike', 'seedSegmentId']) : []),
          ];
        },
      );
      const outcome = await runBulk(items, {
        groupOf: (item) => item.advertiserId ?? '',
        send: (chunk) => ctx.criteo.createAudienceSegments(chunk),
        itemKey: (item) => nameKey(item.advertiserId, item.name),
        resultKey: (resource) => nameKey(resource.attributes?.advertiserId, resource.attributes?.name),
        toResult: toSegment,
      });
      for (const result of outcome.results) if (!isProblem(result)) segmentWritten(ctx.loaders, result);
      return outcome;
    },
  }),

  updateAudienceSegments: t.field({
    type: UpdatePayload,
    nullable: true,
    description: `Changes segments (Criteo \`PATCH audience-segments\`); absent fields stay as they are. ${BULK}`,
    args: {
      input: t.arg({
        type: [AudienceSegmentUpdateInput],
        required: true,
        description: 'The changes, one item per segment (each id once).',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(input, SegmentUpdateSchema, { argument: 'input', idOf: (item) => item.id }),
        'input',
        (item) => [{ kind: 'segment', id: item.id, path: ['id'] }],
      );
      const outcome = await runBulk(items, {
        send: (chunk) => ctx.criteo.updateAudienceSegments(chunk),
        itemKey: (item) => item.id,
        resultKey: (resource) => resource.id ?? undefined,
        toResult: toSegment,
      });
      for (const result of outcome.results) if (!isProblem(result)) segmentWritten(ctx.loaders, result);
      return outcome;
    },
  }),

  deleteAudienceSegments: t.field({
    type: DeletePayload,
    nullable: true,
    description: `Deletes segments (Criteo \`audience-segments/delete\`); a segment an audience uses is refused. ${BULK}`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Criteo ids of the segments (each once).',
        validate: bulkListSchema,
      }),
    },
    resolve: async (_root, { ids }, ctx) => {
      const items = await rejectOutsideScope(
        ctx,
        checkItems(ids.map(String), idSchema('a segment id'), {
          argument: 'ids',
          itemIsId: true,
          idOf: (id) => id,
        }),
        'ids',
        (id) => [{ kind: 'segment', id, path: [] }],
      );
      const outcome = await runBulk(items, {
        send: (chunk) => ctx.criteo.deleteAudienceSegments(chunk),
        itemKey: (id) => id,
        resultKey: (resource) => resource.id ?? undefined,
        toResult: (resource) => (resource.id ? { id: resource.id } : null),
      });
      for (const result of outcome.results) if (!isProblem(result)) segmentDeleted(ctx.loaders, result.id);
      return outcome;
    },
  }),
}));
