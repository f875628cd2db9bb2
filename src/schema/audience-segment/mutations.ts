import { CriteoProblemError } from '../../criteo/errors.js';
import { builder } from '../builder.js';
import { BULK, bulkPayloads, nameKey, PER_ADVERTISER, runBulkWrite } from '../shared/bulk-payload.js';
import { bulkListSchema, idSchema } from '../shared/inputs.js';
import { type Reference, segmentRefs } from '../shared/scope-checks.js';
import {
  AudienceSegmentCreateInput,
  AudienceSegmentUpdateInput,
  SegmentCreateSchema,
  SegmentUpdateSchema,
} from './inputs.js';
import { memberTypeOf, SEGMENT_MEMBERS, segmentDeleted, segmentWritten } from './segment.js';

const SegmentResult = builder.errorUnion('AudienceSegmentWriteResult', {
  description: 'One item of a segment create or update: the segment as Criteo now has it, or its problem.',
  types: [...Object.values(SEGMENT_MEMBERS), CriteoProblemError],
  // Problems are typed by the errors plugin before this runs.
  resolveType: (value) => (value instanceof CriteoProblemError ? undefined : memberTypeOf(value)),
});

const Payload = bulkPayloads('AudienceSegment', 'segment', SegmentResult);

builder.mutationFields((t) => ({
  createAudienceSegments: t.field({
    type: Payload.create,
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
    resolve: (_root, { input }, ctx) =>
      runBulkWrite(ctx, input, {
        schema: SegmentCreateSchema,
        checks: { argument: 'input' },
        references: (item): Reference[] => {
          const seed = item.lookalike?.seedSegmentId;
          return [
            { kind: 'advertiser', id: item.advertiserId ?? '', path: ['advertiserId'] },
            ...(seed ? segmentRefs([seed], ['definition', 'lookalike', 'seedSegmentId']) : []),
          ];
        },
        groupOf: (item) => item.advertiserId ?? '',
        send: (ctx, chunk) => ctx.criteo.createAudienceSegments(chunk),
        itemKey: (item) => nameKey(item.advertiserId, item.name),
        resultKey: (segment) => nameKey(segment.advertiserId, segment.name),
        written: segmentWritten,
      }),
  }),

  updateAudienceSegments: t.field({
    type: Payload.update,
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
    resolve: (_root, { input }, ctx) =>
      runBulkWrite(ctx, input, {
        schema: SegmentUpdateSchema,
        checks: { argument: 'input', idOf: (item) => item.id },
        references: (item) => [{ kind: 'segment', id: item.id, path: ['id'] }],
        send: (ctx, chunk) => ctx.criteo.updateAudienceSegments(chunk),
        itemKey: (item) => item.id,
        resultKey: (segment) => segment.id,
        written: segmentWritten,
      }),
  }),

  deleteAudienceSegments: t.field({
    type: Payload.delete,
    nullable: true,
    description: `Deletes segments (Criteo \`audience-segments/delete\`); a segment an audience uses is refused. ${BULK}`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Criteo ids of the segments (each once).',
        validate: bulkListSchema,
      }),
    },
    resolve: (_root, { ids }, ctx) =>
      runBulkWrite(ctx, ids.map(String), {
        schema: idSchema('a segment id'),
        checks: { argument: 'ids', itemIsId: true, idOf: (id) => id },
        references: (id) => [{ kind: 'segment', id, path: [] }],
        send: (ctx, chunk) => ctx.criteo.deleteAudienceSegments(chunk),
        itemKey: (id) => id,
        resultKey: (deleted) => deleted.id,
        written: (ctx, deleted) => segmentDeleted(ctx, deleted.id),
      }),
  }),
}));
