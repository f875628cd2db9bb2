import type { Dispatcher } from 'undici';
import type { CriteoHttpOptions, Send } from './http.js';
import { DEFAULT_RETRY_POLICY, retryOptions } from './retry.js';
import { toCriteoError } from './to-criteo-error.js';

export type SendOptions = Pick<
  CriteoHttpOptions,
  'apiUrl' | 'apiVersion' | 'dispatcher' | 'signal' | 'budget' | 'retry' | 'onAttempt' | 'headers'
>;

/**
 * The innermost step: one request to `{apiUrl}/{apiVersion}/marketing-solutions{path}` through the
 * dispatcher, counted as an attempt. undici's retry interceptor retries an idempotent call on
 * 429/502/503/504 and connection resets, each retry taking rate budget first (`retry.ts`).
 */
export function createSend(options: SendOptions): Send {
  const { dispatcher, signal, budget = null, retry = DEFAULT_RETRY_POLICY, onAttempt } = options;
  const url = new URL(options.apiUrl);
  const basePath = `${url.pathname.replace(/\/+$/, '')}/${options.apiVersion}/marketing-solutions`;
  return async (call, token) => {
    const query = Object.entries(call.query ?? {}).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    );
    const search = query.length
      ? `?${new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    const headers: Record<string, string> = {
      ...options.headers?.(),
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const onRetry = () => onAttempt?.({ operation: call.operation, retry: true });
    onAttempt?.({ operation: call.operation, retry: false });
    try {
      return await dispatcher.request({
        origin: url.origin,
        path: `${basePath}${call.path}${search}`,
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
        // Writes are never re-sent blindly: only idempotent calls get retries.
        retryOptions: call.idempotent
          ? retryOptions(retry, budget, signal, onRetry)
          : { maxRetries: 0, throwOnError: false },
      } as Dispatcher.RequestOptions);
    } catch (cause) {
      throw toCriteoError(cause, { operation: call.operation, signal, stage: 'send' });
    }
  };
}
