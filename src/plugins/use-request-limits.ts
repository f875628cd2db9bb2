import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badUserInput } from '../schema/validation-error.js';

/**
 * Default `MAX_REQUEST_BYTES`: 8 MiB holds about 220,000 typical emails or 130,000 SHA-256 hashes
 * as a JSON list (1,000,000 emails weigh about 37 MiB, 1,000,000 hashes 64 MiB); longer lists go
 * as a CSV upload, whose bound is `MAX_UPLOAD_BYTES`.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

const isMultipart = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

/** `BAD_USER_INPUT` with HTTP status 413, naming the limit and the way around it. */
function tooLarge(maxBytes: number): GraphQLError {
  const refused = badUserInput([
    {
      path: 'body',
      message: `the request body is larger than the limit of ${maxBytes} bytes (MAX_REQUEST_BYTES); send long identifier lists as a CSV upload (csv)`,
    },
  ]);
  return new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 413 } } });
}

/**
 * Bounds every non-multipart request body (JSON: the document, variables and extensions, used or
 * not) to `maxBytes`: parsed JSON takes many times its size in memory, so this bound, far below
 * Yoga's `maxRequestBodySize` (sized for CSV uploads), keeps memory proportional. A declared
 * `Content-Length` over it is refused before the body is read; a chunked body is cut as it arrives.
 */
export function useRequestLimits(maxBytes: number = DEFAULT_MAX_REQUEST_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || request.body === null || isMultipart(request)) return;
      if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
      setRequestParser((incoming) => {
        if (!incoming.body) return requestParser(incoming);
        let read = 0;
        // Like Yoga's own body limit: a native stream needs the native TransformStream, a ponyfill one the ponyfill's.
        const Transform =
          incoming.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = incoming.body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > maxBytes) controller.error(tooLarge(maxBytes));
              else controller.enqueue(chunk);
            },
          }),
        );
        return requestParser(
          new fetchAPI.Request(incoming.url, {
            method: incoming.method,
            headers: incoming.headers,
            signal: incoming.signal,
            body: counted,
            // Node's fetch needs it for a streamed body.
            duplex: 'half',
          } as RequestInit),
        );
      });
    },
  };
}
