import { expect } from 'vitest';
import { z } from 'zod';
import type { GraphQLResponse, TestGateway } from './gateway.js';

// Incremental delivery (@defer / @stream) read over HTTP as a browser would: multipart/mixed parts.

const ErrorsSchema = z
  .array(z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }).loose())
  .optional();

const PartSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: ErrorsSchema,
  extensions: z.record(z.string(), z.unknown()).optional(),
  incremental: z
    .array(
      z.object({
        data: z.record(z.string(), z.unknown()).nullish(),
        /** A `@stream`ed list's next items. */
        items: z.array(z.unknown()).optional(),
        errors: ErrorsSchema,
        path: z.array(z.union([z.string(), z.number()])),
        label: z.string().optional(),
      }),
    )
    .optional(),
  /** Absent when the answer had nothing to send later (a single part). */
  hasNext: z.boolean().optional(),
});
export type Part = z.infer<typeof PartSchema>;

/**
 * POSTs an operation asking for incremental delivery and yields each part of the multipart/mixed
 * answer as it arrives (`onPart` runs before the next part is read).
 */
export async function incremental(
  gateway: TestGateway,
  query: string,
  onPart: (part: Part) => void,
  variables?: Record<string, unknown>,
) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
  return readParts(response, onPart);
}

/** The parts of a multipart/mixed answer, each handed to `onPart` as soon as it is complete. */
export async function readParts(
  response: Response,
  onPart: (part: Part) => void = () => {},
): Promise<Part[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let buffered = '';
  const parts: Part[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffered += decoder.decode(next.value, { stream: true });
    // A part is complete once its JSON body is followed by the next boundary line.
    for (let end = buffered.indexOf('\r\n---'); end >= 0; end = buffered.indexOf('\r\n---')) {
      const chunk = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const json = chunk.slice(chunk.indexOf('\r\n\r\n') + 4).trim();
      if (!json.startsWith('{')) continue;
      const part = PartSchema.parse(JSON.parse(json));
      parts.push(part);
      onPart(part);
    }
  }
  return parts;
}

/**
 * The parts folded into the one response a client ends with: deferred fragments merged at their
 * path, streamed items appended to their list, every error kept, the last part's `extensions`.
 */
export function mergeParts(parts: Part[]): GraphQLResponse {
  const [first, ...later] = parts;
  const data = first?.data ?? null;
  const errors = [...(first?.errors ?? [])];
  let extensions = first?.extensions;
  for (const part of later) {
    for (const entry of part.incremental ?? []) {
      errors.push(...(entry.errors ?? []));
      if (entry.items) {
        const list = at(data, entry.path.slice(0, -1));
        if (Array.isArray(list)) list.push(...entry.items);
      } else if (entry.data) {
        const target = at(data, entry.path);
        if (target && typeof target === 'object') Object.assign(target, entry.data);
      }
    }
    extensions = part.extensions ?? extensions;
  }
  return {
    data,
    ...(errors.length > 0 ? { errors } : {}),
    ...(extensions ? { extensions } : {}),
  } as GraphQLResponse;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
