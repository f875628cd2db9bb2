import { createFetch } from '@whatwg-node/fetch';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../schema/validation-error.js';

/** Files of one multipart request: a document with several CSV mutations needs more than one. */
export const MAX_UPLOAD_FILES = 10;

/** Yoga's own bound on a request body (`maxRequestBodySize`), kept for JSON requests. */
const YOGA_MAX_REQUEST_BODY = 25_000_000;
/** Room for the other parts of a multipart request (`operations`, `map`, part headers). */
const MULTIPART_OVERHEAD = 1024 * 1024;

/** Yoga's `maxRequestBodySize`: one file of `maxBytes` and the rest of its multipart request fit. */
export const maxRequestBodySize = (maxBytes: number) =>
  Math.max(YOGA_MAX_REQUEST_BODY, maxBytes + MULTIPART_OVERHEAD);

/**
 * The Fetch API Yoga builds its requests with, with bounds on multipart bodies (Yoga's documented
 * way): the parser (busboy, in @whatwg-node/node-fetch) stops a file past `maxBytes` as it arrives,
 * so a larger upload is never held in memory whole.
 */
export function uploadFetchAPI(maxBytes: number) {
  return createFetch({ formDataLimits: { fileSize: maxBytes, files: MAX_UPLOAD_FILES } });
}

const isMultipart = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

/** `BAD_USER_INPUT` with HTTP status 413 (Content Too Large). */
function tooLarge(path: string, what: string, maxBytes: number): GraphQLError {
  const refused = badUserInput([
    { path, message: `${what} larger than the upload limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)` },
  ]);
  return new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 413 } } });
}

/**
 * The multipart parser's "File size limit exceeded" (REQUEST_ENTITY_TOO_LARGE) as a
 * `BAD_USER_INPUT` naming the variable of the file and the limit. A multipart request whose
 * `Content-Length` already says it cannot fit is refused before its body is read (its files are not
 * known yet: the path is `variables`), instead of by Yoga's unnamed "Request body too large".
 */
export function useUploadLimits(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || !isMultipart(request)) return;
      if (Number(request.headers.get('content-length') ?? 0) > maxRequestBodySize(maxBytes))
        throw tooLarge('variables', 'the request is', maxBytes);
      setRequestParser(async (incoming) => {
        try {
          return await requestParser(incoming);
        } catch (error) {
          if (!(error instanceof GraphQLError) || error.extensions.code !== 'REQUEST_ENTITY_TOO_LARGE')
            throw error;
          throw tooLarge((await cutFilePath(incoming, maxBytes)) ?? 'variables', 'the file is', maxBytes);
        }
      });
    },
  };
}

/**
 * Where the cut file goes (`variables.file`). The parser keeps the parts it read before the limit:
 * `map` among them (the spec sends it before the files), and the cut file itself, truncated to the
 * limit, as the last part. Null when that cannot be told.
 */
async function cutFilePath(request: Request, maxBytes: number): Promise<string | null> {
  try {
    const form = await request.formData();
    const map: unknown = JSON.parse(String(form.get('map')));
    if (typeof map !== 'object' || map === null) return null;
    const paths = (part: string | undefined): string | null => {
      const value: unknown = part === undefined ? undefined : (map as Record<string, unknown>)[part];
      return Array.isArray(value) && value.every((p) => typeof p === 'string') ? value.join(', ') : null;
    };
    const last = [...form.keys()].at(-1);
    const kept = last === undefined ? null : form.get(last);
    // Yoga's File ponyfill is no `instanceof Blob`: told by its size.
    const size = typeof kept === 'object' && kept !== null && 'size' in kept ? kept.size : null;
    if (typeof size === 'number' && size >= maxBytes) return paths(last);
    // A parser that drops the cut file: the first mapped part it does not have.
    return paths(Object.keys(map).find((part) => !form.has(part)));
  } catch {
    return null;
  }
}
