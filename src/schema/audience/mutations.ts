import { algebraSegmentIds } from '../../contract/audience.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { builder } from '../builder.js';
import { BULK, bulkPayloads, nameKey, PER_ADVERTISER, runBulkWrite } from '../shared/bulk-payload.js';
import { bulkListSchema, idSchema } from '../shared/inputs.js';
import { type Reference, segmentRefs } from '../shared/scope-checks.js';
import { AudienceRef, audienceDeleted, audienceWritten } from './audience.js';
import {
  AudienceCreateInput,
  AudienceCreateSchema,
  AudienceUpdateInput,
  AudienceUpdateSchema,
} from './inputs.js';

const AudienceResult = builder.errorUnion('AudienceWriteResult', {
  description: 'One item of an audience create or update: the audience as Criteo now has it, or its problem.',
  types: [AudienceRef, CriteoProblemError],
  // Problems are typed by the errors plugin before this runs.
  resolveType: () => AudienceRef.name,
});

const Payload = bulkPayloads('Audience', 'audience', AudienceResult);

builder.mutationFields((t) => ({
  createAudiences: t.field({
    type: Payload.create,
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
    resolve: (_root, { input }, ctx) =>
      runBulkWrite(ctx, input, {
        schema: AudienceCreateSchema,
        checks: { argument: 'input' },
        references: (item): Reference[] => [
          { kind: 'advertiser', id: item.advertiserId, path: ['advertiserId'] },
          ...segmentRefs(algebraSegmentIds(item.algebra), ['algebra']),
        ],
        groupOf: (item) => item.advertiserId ?? '',
        send: (ctx, chunk) => ctx.criteo.createAudiences(chunk),
        itemKey: (item) => nameKey(item.advertiserId, item.name),
        resultKey: (audience) => nameKey(audience.advertiserId, audience.name),
        written: audienceWritten,
      }),
  }),

  updateAudiences: t.field({
    type: Payload.update,
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
    resolve: (_root, { input }, ctx) =>
      runBulkWrite(ctx, input, {
        schema: AudienceUpdateSchema,
        checks: { argument: 'input', idOf: (item) => item.id },
        references: (item): Reference[] => [
          { kind: 'audience', id: item.id, path: ['id'] },
          ...segmentRefs(algebraSegmentIds(item.attributes.algebra), ['algebra']),
        ],
        send: (ctx, chunk) => ctx.criteo.updateAudiences(chunk),
        itemKey: (item) => item.id,
        resultKey: (audience) => audience.id,
        written: audienceWritten,
      }),
  }),

  deleteAudiences: t.field({
    type: Payload.delete,
    nullable: true,
    description: `Deletes audiences (Criteo \`audiences/delete\`); an audience an ad set targets is refused. ${BULK}`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Criteo ids of the audiences (each once).',
        validate: bulkListSchema,
      }),
    },
    resolve: (_root, { ids }, ctx) =>
      runBulkWrite(ctx, ids.map(String), {
        schema: idSchema('an audience id'),
        checks: { argument: 'ids', itemIsId: true, idOf: (id) => id },
        references: (id) => [{ kind: 'audience', id, path: [] }],
        send: (ctx, chunk) => ctx.criteo.deleteAudiences(chunk),
        itemKey: (id) => id,
        resultKey: (deleted) => deleted.id,
        written: (ctx, deleted) => audienceDeleted(ctx, deleted.id),
      }),
  }),
}));
