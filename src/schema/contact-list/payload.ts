import { CriteoProblemError } from '../../criteo/errors.js';
import { AudienceSegmentUnion } from '../audience-segment/segment.js';
import { builder } from '../builder.js';
import { asData } from '../shared/problems.js';
import { IdentifierTypeEnum } from './inputs.js';
import type { LiveChange } from './progress.js';
import {
  type ChunkFailure,
  type ChunkResult,
  type ContactListChange,
  MAX_INVALID_SAMPLES,
} from './upload.js';

// What the contact-list mutations answer: the totals of an upload, each chunk, and its failures.

const ContactListOperationEnum = builder.enumType('ContactListOperation', {
  description: 'What a contact-list change did.',
  values: {
    ADD: { value: 'add', description: 'Identifiers were added.' },
    REMOVE: { value: 'remove', description: 'Identifiers were removed.' },
  } as const,
});

/** Where a chunk sits among the identifiers received: what its failure and its result share. */
const ChunkRef = builder
  .interfaceRef<Pick<ChunkResult, 'chunk' | 'first' | 'last' | 'identifiers'>>('ContactListChunk')
  .implement({
    description:
      'A chunk of up to 50,000 identifiers (one Criteo call), and where it sits among those received.',
    fields: (t) => ({
      chunk: t.exposeInt('chunk', { description: '0-based number of the chunk.' }),
      firstIdentifier: t.exposeInt('first', {
        description: 'Position (0-based, among the identifiers received) of its first identifier.',
      }),
      lastIdentifier: t.exposeInt('last', { description: 'Position of its last identifier.' }),
      identifiers: t.exposeInt('identifiers', { description: 'How many identifiers it held.' }),
    }),
  });

const ChunkFailureRef = builder.objectRef<ChunkFailure>('ContactListChunkFailure').implement({
  description: 'A chunk of up to 50,000 identifiers Criteo did not take: send its identifiers again.',
  interfaces: [ChunkRef],
  fields: (t) => ({
    problem: t.field({
      type: CriteoProblemError,
      description: 'Why it failed (`chunk-not-sent`: an earlier chunk was refused).',
      resolve: (failure) => asData(failure.problem),
    }),
  }),
});

const ChunkResultRef = builder.objectRef<ChunkResult>('ContactListChunkResult').implement({
  description: "One chunk of up to 50,000 identifiers and what Criteo did with it: a progress bar's step.",
  interfaces: [ChunkRef],
  fields: (t) => ({
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
export const ChangeResult = builder.errorUnion('ContactListIdentifiersResult', {
  description:
    'What Criteo did with the identifiers, or the problem that kept every one of them out (e.g. `segment-not-found`, `segment-is-read-only`, `segment-is-not-a-contact-list`).',
  types: [ChangeRef, CriteoProblemError],
  resolveType: () => ChangeRef.name,
});
