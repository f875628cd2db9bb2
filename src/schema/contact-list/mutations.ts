import type { GatewayContext } from '../../context.js';
import type { ContactListOperation } from '../../contract/contact-list.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import {
  audienceSizeLoader,
  contactListStatisticsLoader,
  segmentSizeLoader,
} from '../../loaders/request-loaders.js';
import { AudienceSegmentUnion } from '../audience-segment/segment.js';
import { builder } from '../builder.js';
import { toTypedProblem } from '../shared/criteo-problems.js';
import { idSchema } from '../shared/inputs.js';
import { assertInScope, scopeProblem, segmentRefs } from '../shared/scope-checks.js';
import { isLastRootField, selectsField, unconditional } from '../shared/selection.js';
import { csvIdentifiers } from './csv.js';
import { ContactListIdentifiersInput } from './inputs.js';
import { ChangeResult } from './payload.js';
import { ChunkProgress } from './progress.js';
import { MAX_CSV_CHUNKS, uploadIdentifiers } from './upload.js';

/** The list changed: its statistics and sizes (its segment's, and every audience's) are stale. */
function contactListChanged(ctx: GatewayContext, segmentId: string): void {
  contactListStatisticsLoader(ctx).clear(segmentId);
  segmentSizeLoader(ctx).clear(segmentId);
  audienceSizeLoader(ctx).clearAll();
}

const ClearedRef = builder.objectRef<{ segmentId: string }>('ClearedContactList').implement({
  description: 'A contact list Criteo emptied (the segment itself remains).',
  fields: (t) => ({
    segmentId: t.exposeID('segmentId', { description: 'Criteo id of the contact-list segment.' }),
    segment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'The segment after the change.',
      resolve: (c) => c.segmentId,
    }),
  }),
});

const CHANGE = 'Lists of any length go in chunks of 50,000, in order; a CSV is parsed as it streams.';

function changeField(operation: ContactListOperation, description: string) {
  return builder.mutationField(
    operation === 'add' ? 'addContactListIdentifiers' : 'removeContactListIdentifiers',
    (t) =>
      t.field({
        type: ChangeResult,
        nullable: true,
        description: `${description} ${CHANGE}`,

        args: {
          input: t.arg({
            type: ContactListIdentifiersInput,
            required: true,
            description: 'The identifiers.',
          }),
        },
        resolve: async (_root, { input }, ctx, info) => {
          const segmentId = input.segmentId;
          const forbidden = await scopeProblem(ctx, segmentRefs([segmentId], ['input', 'segmentId']));
          if (forbidden) return forbidden;
          const source = input.csv ? csvIdentifiers(input.csv.file, input.csv) : (input.identifiers ?? []);
          const progress = new ChunkProgress();
          let firstAnswered: (refusal: boolean) => void = () => {};
          const first = new Promise<boolean>((resolve) => {
            firstAnswered = resolve;
          });
          const done = uploadIdentifiers(source, {
            segmentId,
            operation,
            identifierType: input.identifierType,
            hash: input.hash,
            gumCallerId: input.gumCallerId,
            send: (amendment) => ctx.criteo.updateContactListByAudienceSegment(segmentId, amendment),
            // A list's calls are counted before it runs; a streamed CSV's are bounded here.
            maxChunks: input.csv ? MAX_CSV_CHUNKS : undefined,
            onChunk: (result, refusal) => {
              progress.push(result);
              firstAnswered(refusal);
            },
          }).then(
            (change) => {
              contactListChanged(ctx, segmentId);
              progress.end();
              return change;
            },
            (error: unknown) => {
              contactListChanged(ctx, segmentId);
              progress.fail(error);
              throw error;
            },
          );
          done.catch(() => {}); // told by the fields that wait for it, or below
          // Refused at the first chunk, nothing was sent after it: the list's problem is the answer.
          // Once a chunk went out, the payload reports what happened chunk by chunk.
          const refusedAtFirst = await Promise.race([first, done.then(() => false)]);
          if (refusedAtFirst) {
            const { refusal } = await done;
            if (refusal) return refusal;
          }
          // Without `chunkResults` nothing can be told before the end: the answer waits for the last
          // chunk, as any write's does. With it, the list itself completes only with the last chunk,
          // and the payload goes out early only when no mutation follows in the operation (mutations
          // run one after the other: the next one must not start while this upload goes on).
          if (!selectsField(info, 'chunkResults', unconditional) || !isLastRootField(info)) await done;
          return { segmentId, operation, identifierType: input.identifierType, done, progress };
        },
      }),
  );
}

changeField(
  'add',
  'Adds identifiers to a contact list (Criteo `PATCH audience-segments/{id}/contact-list`).',
);
changeField('remove', 'Removes identifiers from a contact list (Criteo `PATCH …/contact-list`, `remove`).');

builder.mutationField('clearContactList', (t) =>
  t.field({
    type: ClearedRef,
    nullable: true,
    description:
      'Removes every identifier of a contact list; the segment remains (Criteo `DELETE …/contact-list`).',
    args: {
      segmentId: t.arg.id({
        required: true,
        description: 'Criteo id of the contact-list segment.',
        validate: idSchema('a segment id'),
      }),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'ClearContactListResult',
        description:
          'The emptied list, or the problem Criteo reported (e.g. `segment-is-not-a-contact-list`).',
      },
    },
    resolve: async (_root, args, ctx) => {
      const segmentId = String(args.segmentId);
      await assertInScope(ctx, segmentRefs([segmentId], ['segmentId']));
      try {
        await ctx.criteo.deleteContactListByAudienceSegment(segmentId);
        contactListChanged(ctx, segmentId);
        return { segmentId };
      } catch (error) {
        throw toTypedProblem(error);
      }
    },
  }),
);
