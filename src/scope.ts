import { GraphQLError } from 'graphql';
import type { Problem } from './contract/envelope.js';
import { CriteoProblemError } from './criteo/errors.js';
import type { GatewayErrorExtensions } from './schema/shared/gateway-error.js';

/** A caller whose JWT the gateway verified (`AUTH_JWKS_URL`). */
export interface Caller {
  /** The token's `sub`. */
  subject: string;
  /** The Criteo advertisers the token may reach (`AUTH_ADVERTISERS_CLAIM`); never empty. */
  advertiserIds: ReadonlySet<string>;
}

/**
 * A read outside the caller's advertisers: the field is null with this error at its path. The message
 * names only what the caller asked for, never the owner of the object.
 */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } satisfies GatewayErrorExtensions });
    this.name = 'ForbiddenError';
  }
}

export const NOT_IN_TOKEN = 'is not among the advertisers of your token';

/** Whether the caller may reach this advertiser (always, when callers are not authenticated). */
export function mayReach(caller: Caller | null, advertiserId: string | null | undefined): boolean {
  return caller === null || (advertiserId != null && caller.advertiserIds.has(advertiserId));
}

/**
 * The `advertiserIds` filter of a search, narrowed to the caller's advertisers before the call:
 * absent (or empty) becomes the caller's list; naming an advertiser outside it refuses the whole
 * search with FORBIDDEN (dropping it silently would answer a different question than the one asked).
 */
export function advertiserFilter(
  caller: Caller | null,
  requested: readonly (string | number)[] | null | undefined,
  argument = 'advertiserIds',
): string[] | undefined {
  const ids = requested?.map(String);
  if (!caller) return ids;
  if (!ids || ids.length === 0) return [...caller.advertiserIds];
  const outside = ids.filter((id) => !caller.advertiserIds.has(id));
  if (outside.length > 0) throw new ForbiddenError(`${argument}: ${outside.join(', ')} ${NOT_IN_TOKEN}`);
  return ids;
}

/** Refuses an advertiser outside the caller's (a root field or entity that names it). */
export function assertReachable(caller: Caller | null, advertiserId: string, argument: string): void {
  if (!mayReach(caller, advertiserId))
    throw new ForbiddenError(`${argument}: ${advertiserId} ${NOT_IN_TOKEN}`);
}

/** The same refusal as typed data, for fields and items that answer `CriteoProblem`s (writes, estimates). */
export function forbiddenProblem(detail: string, instance: string | null = null): Problem {
  return { code: 'FORBIDDEN', title: 'Forbidden', type: 'authorization', detail, instance };
}

/** Throws a typed `FORBIDDEN` problem when the caller may not reach `advertiserId`. */
export function assertReachableProblem(caller: Caller | null, advertiserId: string, argument: string): void {
  if (!mayReach(caller, advertiserId))
    throw new CriteoProblemError(forbiddenProblem(`${argument}: ${advertiserId} ${NOT_IN_TOKEN}`));
}
