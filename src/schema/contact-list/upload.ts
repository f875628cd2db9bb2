import type {
  ContactListAmendmentRequest,
  ContactListOperation,
  IdentifierType,
} from '../../contract/contact-list.js';
import { CRITEO_MAX_IDENTIFIERS_PER_CALL } from '../../contract/limits.js';
import type { ContactListAmendment } from '../../criteo/contact-lists.js';
import { CriteoError, CriteoProblemError } from '../../criteo/errors.js';
import { problemOf } from '../shared/criteo-problems.js';
import { prepareIdentifier } from './identifiers.js';

/**
 * Calls one CSV upload may make (5,000,000 identifiers): a streamed file's size is unknown before it
 * is read, so this bounds it for the upstream-calls limit; later chunks are reported not sent.
 */
export const MAX_CSV_CHUNKS = 100;
/** How many invalid identifiers a result echoes, as the client sent them. */
export const MAX_INVALID_SAMPLES = 50;

/** Reading the identifiers failed part-way (a malformed CSV): what was read before is still sent. */
export class IdentifierSourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IdentifierSourceError';
  }
}

export interface ChunkFailure {
  /** 0-based number of the chunk. */
  chunk: number;
  /** Positions (0-based, among the identifiers received) of its first and last identifiers. */
  first: number;
  last: number;
  /** Identifiers it held. */
  identifiers: number;
  problem: CriteoProblemError;
}

/** One chunk's outcome, told as soon as Criteo answered it (a progress bar's step). */
export interface ChunkResult {
  chunk: number;
  first: number;
  last: number;
  identifiers: number;
  /** Criteo's `nbValidIdentifiers` / `nbInvalidIdentifiers` for this chunk (0 when it failed). */
  validIdentifiers: number;
  invalidIdentifiers: number;
  /** Why it failed; null when Criteo took it. */
  problem: CriteoProblemError | null;
}

export interface ContactListChange {
  segmentId: string;
  operation: ContactListOperation;
  identifierType: IdentifierType;
  received: number;
  validIdentifiers: number;
  invalidIdentifiers: number;
  sampleInvalidIdentifiers: string[];
  chunks: number;
  failedChunks: ChunkFailure[];
  warnings: CriteoProblemError[];
  readError: CriteoProblemError | null;
  /** Criteo refused the list itself (missing, read-only, not a contact list, forbidden): its problem. */
  refusal: CriteoProblemError | null;
}

type Amendment = ContactListAmendmentRequest['data']['attributes'];

export interface UploadOptions {
  segmentId: string;
  operation: ContactListOperation;
  identifierType: IdentifierType;
  hash: boolean;
  gumCallerId?: number | undefined;
  send(amendment: Amendment): Promise<ContactListAmendment>;
  chunkSize?: number;
  /** Calls at most; later chunks are reported as not sent (`MAX_CSV_CHUNKS` for a CSV). */
  maxChunks?: number;
  /**
   * Each chunk's outcome as soon as it is known, in order (`chunkResults`, streamed); `refusal`: its
   * problem is Criteo refusing the list itself (later chunks are not sent).
   */
  onChunk?: (result: ChunkResult, refusal: boolean) => void;
}

/** Criteo refused the list itself (not found, not a contact list, forbidden): later chunks would be too. */
const isRefusal = (error: CriteoError) =>
  error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429;

/**
 * Sends identifiers from a list or a stream in chunks of 50,000, one call after the other, and adds
 * up Criteo's answers. A failed chunk is named in `failedChunks`; once Criteo refuses the list
 * itself (a 4xx), later chunks are not sent and are named too.
 */
export async function uploadIdentifiers(
  source: Iterable<string> | AsyncIterable<string>,
  options: UploadOptions,
): Promise<ContactListChange> {
  const size = options.chunkSize ?? CRITEO_MAX_IDENTIFIERS_PER_CALL;
  const change: ContactListChange = {
    segmentId: options.segmentId,
    operation: options.operation,
    identifierType: options.identifierType,
    received: 0,
    validIdentifiers: 0,
    invalidIdentifiers: 0,
    sampleInvalidIdentifiers: [],
    chunks: 0,
    failedChunks: [],
    warnings: [],
    readError: null,
    refusal: null,
  };
  const sample = (value: string) => {
    if (change.sampleInvalidIdentifiers.length < MAX_INVALID_SAMPLES)
      change.sampleInvalidIdentifiers.push(value);
  };
  let pending: { value: string; raw: string; position: number }[] = [];
  let refused: { chunk: number; code: string } | null = null;

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const chunk = change.chunks++;
    const problem = await sendChunk(chunk, batch);
    const where = {
      chunk,
      first: batch[0]?.position ?? 0,
      last: batch.at(-1)?.position ?? 0,
      identifiers: batch.length,
    };
    if (problem) change.failedChunks.push({ ...where, problem });
    const answered = counted.get(chunk);
    options.onChunk?.(
      {
        ...where,
        validIdentifiers: answered?.valid ?? 0,
        invalidIdentifiers: answered?.invalid ?? 0,
        problem,
      },
      problem !== null && problem === change.refusal,
    );
  };

  /** Per chunk Criteo took: its own counts, for its `ChunkResult`. */
  const counted = new Map<number, { valid: number; invalid: number }>();
  /** Sends one chunk; answers its problem, or null when Criteo took it. */
  const sendChunk = async (chunk: number, batch: typeof pending): Promise<CriteoProblemError | null> => {
    if (refused) return notSent(refused);
    if (options.maxChunks !== undefined && chunk >= options.maxChunks)
      return overLimit(options.maxChunks, size);
    try {
      const answer = await options.send({
        operation: options.operation,
        identifierType: options.identifierType,
        identifiers: batch.map((item) => item.value),
        gumCallerId: options.gumCallerId,
      });
      const attributes = answer.result;
      const valid = attributes.nbValidIdentifiers ?? 0;
      const invalid = attributes.nbInvalidIdentifiers ?? 0;
      change.validIdentifiers += valid;
      change.invalidIdentifiers += invalid;
      counted.set(chunk, { valid, invalid });
      // Criteo echoes what it received: hashes are mapped back to what the client sent.
      const sent = new Map(batch.map((item) => [item.value, item.raw]));
      for (const invalidOne of attributes.sampleInvalidIdentifiers ?? [])
        sample(sent.get(invalidOne) ?? invalidOne);
      change.warnings.push(...answer.warnings.map((w) => new CriteoProblemError(w)));
      const [problem] = answer.errors;
      return problem ? new CriteoProblemError(problem) : null;
    } catch (error) {
      if (!(error instanceof CriteoError)) throw error;
      const problem = new CriteoProblemError(problemOf(error));
      if (isRefusal(error)) {
        refused = { chunk, code: problem.criteoCode };
        change.refusal ??= problem;
      }
      return problem;
    }
  };

  try {
    for await (const raw of source) {
      const position = change.received++;
      const value = prepareIdentifier(raw, options.identifierType, options.hash);
      if (value === null) {
        change.invalidIdentifiers += 1;
        sample(raw);
        continue;
      }
      pending.push({ value, raw, position });
      if (pending.length >= size) await flush();
    }
  } catch (error) {
    if (!(error instanceof IdentifierSourceError)) throw error;
    change.readError = new CriteoProblemError({
      code: error.code,
      title: 'Identifiers not fully read',
      detail: `${error.message}; the identifiers read before were sent, the rest was not`,
      type: 'validation',
    });
  }
  await flush();
  return change;
}

function notSent(refused: { chunk: number; code: string }): CriteoProblemError {
  return new CriteoProblemError({
    code: 'chunk-not-sent',
    title: 'Chunk not sent',
    detail: `Not sent: Criteo refused chunk ${refused.chunk} (${refused.code}), later chunks would be refused too`,
    type: 'validation',
  });
}

function overLimit(maxChunks: number, size: number): CriteoProblemError {
  return new CriteoProblemError({
    code: 'chunk-not-sent',
    title: 'Chunk not sent',
    detail: `Not sent: one upload sends at most ${maxChunks} chunks (${(maxChunks * size).toLocaleString('en')} identifiers); send the rest in another operation`,
    type: 'validation',
  });
}
