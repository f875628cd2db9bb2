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
import { asData } from '../shared/problems.js';
import { assertInScope, scopeProblem, segmentRefs } from '../shared/scope-checks.js';
import { selectsField } from '../shared/selection.js';
import { csvIdentifiers } from './csv.js';
import { ContactListIdentifiersInput, IdentifierTypeEnum } from './inputs.js';
import { ChunkProgress, type LiveChange } from './progress.js';
import {
  type ChunkFailure,
  type ChunkResult,
  type ContactListChange,
  MAX_CSV_CHUNKS,
  MAX_INVALID_SAMPLES,
  uploadIdentifiers,
} from './upload.js';

const ContactListOperationEnum = builder.enumType('ContactListOperation', {
  description: 'What a contact-list change did.',
  values: {
    ADD: { value: 'add', description: 'Identifiers were added.' },
    REMOVE: { value: 'remove', description: 'Identifiers were removed.' },
  } as const,
});

const ChunkFailureRef = builder.objectRef<ChunkFailure>('ContactListChunkFailure').implement({
  description: 'A chunk of up to 50,000 identifiers Criteo did not take: send its identifiers again.',
  fields: (t) => ({
    chunk: t.exposeInt('chunk', { description: '0-based number of the chunk.' }),
    firstIdentifier: t.exposeInt('first', {
      description: 'Position (0-based, among the identifiers received) of its first identifier.',
    }),
    lastIdentifier: t.exposeInt('last', { description: 'Position of its last identifier.' }),
    identifiers: t.exposeInt('identifiers', { description: 'How many identifiers it held.' }),
    problem: t.field({
      type: CriteoProblemError,
      description: 'Why it failed (`chunk-not-sent`: an earlier chunk was refused).',
      resolve: (failure) => asData(failure.problem),
    }),
  }),
});

const ChunkResultRef = builder.objectRef<ChunkResult>('ContactListChunkResult').implement({
  description: "One chunk of up to 50,000 identifiers and what Criteo did with it: a progress bar's step.",
  fields: (t) => ({
    chunk: t.exposeInt('chunk', { description: '0-based number of the chunk.' }),
    firstIdentifier: t.exposeInt('first', {
      description: 'Position (0-based, among the identifiers received) of its first identifier.',
    }),
    lastIdentifier: t.exposeInt('last', { description: 'Position of its last identifier.' }),
    identifiers: t.exposeInt('identifiers', { description: 'How many identifiers it held.' }),
    validIdentifiers: t.exposeInt('validIdentifiers', {
      description: 'Identifiers of this chunk Criteo accepted (its `nbValidIdentifiers`); 0 when it failed.',
    }),
    invalidIdentifiers: t.exposeInt('invalidIdentifiers', {
      description: 'Identifiers of this chunk Criteo refused (its `nbInvalidIdentifiers`).',
    }),
    problem: t.field({
      type: CriteoProblemError,
      nullable: true,
      description:
        'Why it failed (`chunk-not-sent`: an earlier chunk was refused); null when Criteo took it.',
      resolve: (result) => (result.problem ? asData(result.problem) : null),
    }),
  }),
});

/** A total of the change: known once the last chunk was answered. */
const total =
  <K extends keyof ContactListChange>(key: K) =>
  async (c: LiveChange) =>
    (await c.done)[key];

const ChangeRef = builder.objectRef<LiveChange>('ContactListIdentifiersPayload').implement({
  description:
    'What Criteo did with the identifiers, added up over the chunks of 50,000 it took. It goes out once the first chunk was answered: with `chunkResults @stream` and the totals under `@defer`, a frontend shows each chunk as Criteo answers it.',
  fields: (t) => ({
    segmentId: t.exposeID('segmentId', { description: 'Criteo id of the contact-list segment.' }),
    operation: t.field({
      type: ContactListOperationEnum,
      description: 'Added or removed.',
      resolve: (c) => c.operation,
    }),
    identifierType: t.field({
      type: IdentifierTypeEnum,
      description: 'What the identifiers are.',
      resolve: (c) => c.identifierType,
    }),
    received: t.int({
      description: 'Identifiers the gateway received (list items or CSV cells).',
      resolve: total('received'),
    }),
    validIdentifiers: t.int({
      description: 'Identifiers Criteo accepted (its `nbValidIdentifiers`, summed over the chunks).',
      resolve: total('validIdentifiers'),
    }),
    invalidIdentifiers: t.int({
      description:
        'Identifiers Criteo refused (its `nbInvalidIdentifiers`, summed), plus those the gateway refused before hashing.',
      resolve: total('invalidIdentifiers'),
    }),
    sampleInvalidIdentifiers: t.stringList({
      description: `Up to ${MAX_INVALID_SAMPLES} invalid identifiers, as the client sent them.`,
      resolve: total('sampleInvalidIdentifiers'),
    }),
    chunks: t.int({
      description: 'Chunks of up to 50,000 identifiers (one Criteo call each).',
      resolve: total('chunks'),
    }),
    chunkResults: t.field({
      type: [ChunkResultRef],
      description:
        'Every chunk and what Criteo did with it, in order, each as soon as Criteo answered it: ask for it with `@stream` to show progress (e.g. `chunkResults @stream { chunk validIdentifiers problem { code } }`).',
      resolve: (c) => c.progress,
    }),
    failedChunks: t.field({
      type: [ChunkFailureRef],
      description: 'The chunks Criteo did not take; empty when every chunk went through.',
      resolve: total('failedChunks'),
    }),
    readError: t.field({
      type: CriteoProblemError,
      nullable: true,
      description: 'Why reading the CSV stopped early (`invalid-csv`); null when it was read to the end.',
      resolve: async (c) => {
        const { readError } = await c.done;
        return readError ? asData(readError) : null;
      },
    }),
    warnings: t.field({
      type: [CriteoProblemError],
      description: "Criteo's warnings, from every chunk.",
      resolve: async (c) => (await c.done).warnings.map(asData),
    }),
    segment: t.field({
      type: AudienceSegmentUnion,
      nullable: true,
      description: 'The segment after the change (its statistics are fetched again).',
      resolve: async (c) => (await c.done).segmentId,
    }),
  }),
});

// One union for both mutations: `errors: {}` on a field would declare one per field.
const ChangeResult = builder.errorUnion('ContactListIdentifiersResult', {
  description:
    'What Criteo did with the identifiers, or the problem that kept every one of them out (e.g. `segment-not-found`, `segment-is-read-only`, `segment-is-not-a-contact-list`).',
  types: [ChangeRef, CriteoProblemError],
  resolveType: () => ChangeRef.name,
});

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
          }).finally(() => {
            progress.end();
            contactListChanged(ctx, segmentId);
          });
          done.catch(() => {}); // told by the fields that wait for it, or below
          // Refused at the first chunk, nothing was sent after it: the list's problem is the answer.
          // Once a chunk went out, the payload reports what happened chunk by chunk.
          const refusedAtFirst = await Promise.race([first, done.then(() => false)]);
          if (refusedAtFirst) {
            const { refusal } = await done;
            if (refusal) return refusal;
          }
          // Without `chunkResults` nothing can be told before the end: the answer waits for the last
          // chunk, as any write's does. With it, the list itself completes only with the last chunk.
          if (!selectsField(info, 'chunkResults')) await done;
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
