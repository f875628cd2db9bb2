import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of a request carries, wherever in the code it is written. */
export interface LoggedRequest {
  requestId: string;
}

/** The request being served, for code that has no GraphQL context at hand (loggers, upstream hooks). */
export const loggedRequest = new AsyncLocalStorage<LoggedRequest>();

export function currentRequestId(): string | undefined {
  return loggedRequest.getStore()?.requestId;
}

/**
 * A caller's `x-request-id` is kept when it looks like an id (so a proxy's id follows the request
 * through); anything else, or none, gets a fresh UUID. Never longer than 128 characters.
 */
const ACCEPTED_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export function requestIdOf(header: string | null | undefined): string {
  return header && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID();
}
