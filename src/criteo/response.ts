import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { CriteoHttpOptions, Exchange, Handler, UpstreamCall } from './http.js';
import {
  ContractViolation,
  type FailureContext,
  toCriteoError,
  UnexpectedStatus,
} from './to-criteo-error.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * The step that turns a response into the call's result: the body read up to `maxResponseBytes`,
 * a status outside `expect` into a `CriteoError`, more than `maxItems` items or a body its zod
 * schema refuses into a `CriteoContractError`.
 */
export function withResponse(
  exchange: Exchange,
  options: Pick<CriteoHttpOptions, 'maxResponseBytes' | 'signal'>,
): Handler {
  const { maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, signal } = options;
  return async (call) => {
    const response = await exchange(call);
    const status = response.statusCode;
    call.status = status;
    const context: FailureContext = { operation: call.operation, signal, status, stage: 'response' };
    const text = await readBody(response, maxResponseBytes, context);
    if (!(call.expect ?? [200]).includes(status))
      throw toCriteoError(new UnexpectedStatus(status, text, response.headers), context);
    const body = parse(call, text);
    if (body instanceof ContractViolation) throw toCriteoError(body, context);
    return body.data;
  };
}

/** The body as text, read up to `max` bytes: a misbehaving upstream cannot fill the memory. */
async function readBody(response: Dispatcher.ResponseData, max: number, context: FailureContext) {
  const tooLarge = (size: string) => {
    // Dropping the rest closes the connection; the abort error it emits has nobody to tell.
    response.body.on('error', () => {}).destroy();
    const detail = `the body is larger than ${max} bytes (${size}; CRITEO_MAX_RESPONSE_BYTES)`;
    return toCriteoError(new ContractViolation('', detail), context);
  };
  const declared = Number(response.headers['content-length']);
  if (declared > max) throw tooLarge(`Content-Length ${declared}`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += bytes.length;
      if (size > max) throw tooLarge(`more than ${max} bytes arrived`);
      chunks.push(bytes);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  } catch (cause) {
    throw toCriteoError(cause, { ...context, stage: 'body' });
  }
}

/** The body checked against the call: its JSON, its number of items, then its schema. */
function parse<S extends z.ZodType>(
  call: UpstreamCall<S>,
  text: string,
): { data: z.infer<S> } | ContractViolation {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    return new ContractViolation('', 'the body is not valid JSON');
  }
  const items = isRecord(json) && Array.isArray(json.data) ? json.data.length : 0;
  if (call.maxItems !== undefined && items > call.maxItems)
    return new ContractViolation('data', `${items} items where at most ${call.maxItems} were asked for`);
  const result = call.schema.safeParse(json);
  if (result.success) return { data: result.data };
  const issue = result.error.issues[0];
  return new ContractViolation(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
