import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import type { GraphQLError } from 'graphql';
import { CRITEO_DEFAULT_PAGE_SIZE, CRITEO_MAX_PAGE_SIZE } from '../../contract/limits.js';
import { gatewayError } from './gateway-error.js';

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

function badInput(message: string): GraphQLError {
  return gatewayError(message, { code: 'BAD_USER_INPUT' });
}

function offsetOf(cursor: string, name: string): number {
  try {
    const offset = cursorToOffset(cursor);
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw badInput(`${name}: not a cursor of this connection`);
}

/** Relay arguments -> the one Criteo page (limit <= 100) that answers them. */
export function pageOf(args: ConnectionArgs): { offset: number; limit: number } {
  for (const key of ['first', 'last'] as const) {
    const value = args[key];
    if (value != null && (value < 0 || value > CRITEO_MAX_PAGE_SIZE))
      throw badInput(`${key}: must be between 0 and ${CRITEO_MAX_PAGE_SIZE}`);
  }
  if (args.first != null && args.last != null) throw badInput('first and last: pass one of them, not both');
  if (args.last != null || (args.before != null && args.after == null)) {
    const end = args.before != null ? offsetOf(args.before, 'before') : null;
    if (end === null)
      throw badInput('last: needs a before cursor (the total is only known after a first page)');
    const limit = Math.min(args.last ?? CRITEO_DEFAULT_PAGE_SIZE, end);
    return { offset: end - limit, limit };
  }
  const offset = args.after != null ? offsetOf(args.after, 'after') + 1 : 0;
  const before = args.before != null ? offsetOf(args.before, 'before') : null;
  const first = args.first ?? CRITEO_DEFAULT_PAGE_SIZE;
  return { offset, limit: before === null ? first : Math.max(0, Math.min(first, before - offset)) };
}

/** A Relay connection of one Criteo page, with `totalCount` from Criteo's `meta.totalItems`. */
export function toConnection<T>(nodes: readonly T[], offset: number, totalCount: number) {
  const edges = nodes.map((node, i) => ({ cursor: offsetToCursor(offset + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + nodes.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
