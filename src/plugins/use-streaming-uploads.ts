import { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Upload } from '../schema/builder.js';
import { UploadTooLargeError } from '../schema/upload.js';
import { badUserInput } from '../schema/validation-error.js';

/** Files of one multipart request: a document with several CSV mutations needs more than one. */
export const MAX_UPLOAD_FILES = 10;
/** The `operations` and `map` fields: a document and its variables, never a file's worth. */
const MAX_FIELD_BYTES = 1024 * 1024;
/** Yoga's own bound on a request body (`maxRequestBodySize`), kept for JSON requests. */
const YOGA_MAX_REQUEST_BODY = 25_000_000;
/** Room for the other parts of a multipart request (`operations`, `map`, part headers). */
const MULTIPART_OVERHEAD = MAX_FIELD_BYTES;

/** Yoga's `maxRequestBodySize`: one file of `maxBytes` and the rest of its multipart request fit. */
export const maxRequestBodySize = (maxBytes: number) =>
  Math.max(YOGA_MAX_REQUEST_BODY, maxBytes + MULTIPART_OVERHEAD);

/** `BAD_USER_INPUT` with HTTP status 413 (Content Too Large). */
function tooLarge(path: string, what: string, maxBytes: number): GraphQLError {
  const refused = badUserInput([
    { path, message: `${what} larger than the upload limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)` },
  ]);
  return new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 413 } } });
}

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

const isMultipart = (request: Request) =>
  request.method === 'POST' &&
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

/**
 * One file of a multipart request, handed to the resolver before its bytes arrive: `stream()`
 * yields them as busboy reads them off the socket, so a 20 MB CSV is parsed and sent in chunks of
 * 50,000 identifiers while it uploads, and never held whole in memory.
 */
class StreamedUpload implements Upload {
  name = '';
  type = '';
  private part: BusboyFileStream | null = null;
  private failure: Error | null = null;
  private waiting: (() => void)[] = [];
  private abandoned = false;

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
  ) {}

  /** busboy reached this file's part. */
  attach(part: BusboyFileStream, name: string, type: string): void {
    this.part = part;
    if (this.abandoned) part.resume();
    this.name = name;
    this.type = type;
    this.wake();
  }

  /** The request ended, or broke, before this file's part arrived. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** Nobody read it (the operation failed first): let busboy go on, now or once the part arrives. */
  drain(): void {
    this.abandoned = true;
    this.part?.resume();
  }

  stream(): ReadableStream<Uint8Array> {
    const bytes = async function* (upload: StreamedUpload): AsyncGenerator<Uint8Array> {
      const part = await upload.arrived();
      // Past the limit busboy stops the part and marks it truncated: what came before was read.
      for await (const chunk of part) yield chunk as Uint8Array;
      if (part.truncated) throw new UploadTooLargeError(upload.path, upload.maxBytes);
    };
    return Readable.toWeb(Readable.from(bytes(this))) as unknown as ReadableStream<Uint8Array>;
  }

  private async arrived(): Promise<BusboyFileStream> {
    while (!this.part) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return this.part;
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** A request body's chunks, whichever WHATWG stream implementation Yoga handed over (its ponyfill's too). */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
}

/** Sets `value` at a dotted path of `variables.…` inside the operation (prototype keys refused). */
function setAt(target: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let current: Record<string, unknown> = target;
  for (const [i, key] of keys.entries()) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
    if (i === keys.length - 1) {
      current[key] = value;
      return true;
    }
    const next = current[key];
    if (typeof next !== 'object' || next === null) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  return false;
}

const parseJson = (name: string, text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`Multipart form field "${name}" must be a valid JSON string`);
  }
};

/**
 * The GraphQL multipart request spec, streamed: `operations` and `map` come first (the spec puts
 * them before the files), so the operation starts as soon as they are read, with a `StreamedUpload`
 * in place of each file. A file past `maxBytes` errors its own stream, which the CSV reader reports
 * as a `readError` naming the variable; the parts read before were sent and are reported.
 */
function parseStreaming(request: Request, maxBytes: number, uploads: StreamedUpload[]) {
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const busboy = Busboy({
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      limits: { fileSize: maxBytes, files: MAX_UPLOAD_FILES, fieldSize: MAX_FIELD_BYTES },
    });
    let operations: Record<string, unknown> | null = null;
    const byPart = new Map<string, StreamedUpload>();
    let settled = false;
    const settle = (error: Error | null, value?: Record<string, unknown>) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else if (value) resolve(value);
    };

    busboy.on('field', (name, value, _nameCut, valueCut) => {
      try {
        onField(name, value, valueCut);
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)));
      }
    });
    let fieldBytes = 0;
    const onField = (name: string, value: string, valueCut: boolean) => {
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (valueCut)
        return settle(badRequest(`Multipart form field "${name}" is larger than ${MAX_FIELD_BYTES} bytes`));
      if (name === 'operations') {
        const parsed = parseJson(name, value);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          return settle(badRequest('Multipart form field "operations" must be one operation object'));
        operations = parsed as Record<string, unknown>;
        return;
      }
      if (name !== 'map') return;
      if (!operations) return settle(badRequest('Multipart form field "operations" must come before "map"'));
      const map = parseJson(name, value);
      if (typeof map !== 'object' || map === null || Array.isArray(map))
        return settle(badRequest('Multipart form field "map" must be an object of file paths'));
      const entries = Object.entries(map);
      for (const [part, paths] of entries) {
        if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
          return settle(badRequest(`Multipart map entry "${part}" must be a list of paths`));
      }
      // A declared length past the limit is refused now, before any file is read or sent: the
      // files of one request share MAX_UPLOAD_BYTES. (Without a length, each file is cut past it.)
      // What the declared length leaves for the files, past the fields read and a generous 1 KiB of
      // boundary and part headers per part.
      const forFiles =
        Number(request.headers.get('content-length') ?? 0) - fieldBytes - 1024 * (entries.length + 2);
      if (forFiles > maxBytes) {
        const paths = entries.flatMap(([, p]) => p as string[]).join(', ') || 'variables';
        return settle(tooLarge(paths, entries.length > 1 ? 'the files are' : 'the file is', maxBytes));
      }
      for (const [part, paths] of entries as [string, string[]][]) {
        const upload = new StreamedUpload(paths.join(', '), maxBytes);
        byPart.set(part, upload);
        uploads.push(upload);
        for (const path of paths) setAt(operations, path, upload);
      }
      // The files follow; the operation runs while they stream in.
      settle(null, operations);
    };
    busboy.on('file', (part, stream, filename, _encoding, mimeType) => {
      const upload = byPart.get(part);
      if (upload) upload.attach(stream, filename, mimeType);
      else stream.resume();
    });
    const missing = (error: Error) => {
      for (const upload of byPart.values()) upload.fail(error);
    };
    busboy.on('finish', () => {
      missing(badRequest('the request ended before this file part'));
      if (!operations) settle(badRequest('Missing multipart form field "operations"'));
      else settle(null, operations);
    });
    busboy.on('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      missing(failure);
      settle(badRequest(`POST body sent invalid multipart data: ${failure.message}`));
    });
    if (!request.body) return settle(badRequest('Missing multipart body'));
    Readable.from(chunksOf(request.body))
      .on('error', (error) => busboy.destroy(error))
      .pipe(busboy);
  });
}

/**
 * Multipart requests are parsed as they stream (busboy), files bounded by `MAX_UPLOAD_BYTES`. A
 * request whose `Content-Length` already says it cannot fit is refused before its body is read.
 * Files an operation never read are drained once its response is sent.
 */
export function useStreamingUploads(maxBytes: number): Plugin {
  const pending = new WeakMap<Request, StreamedUpload[]>();
  return {
    onRequestParse({ request, setRequestParser }) {
      if (!isMultipart(request)) return;
      if (Number(request.headers.get('content-length') ?? 0) > maxRequestBodySize(maxBytes))
        throw tooLarge('variables', 'the request is', maxBytes);
      const uploads: StreamedUpload[] = [];
      pending.set(request, uploads);
      setRequestParser((incoming) => parseStreaming(incoming, maxBytes, uploads));
    },
    onResponse({ request }) {
      for (const upload of pending.get(request) ?? []) upload.drain();
    },
  };
}
