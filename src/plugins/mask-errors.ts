import { GraphQLError } from 'graphql';
import { type YogaServerOptions, maskError as yogaMaskError } from 'graphql-yoga';
import { CriteoError } from '../criteo/errors.js';

type MaskError = NonNullable<
  Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']
>;

/**
 * Request-level Criteo failures become client-visible errors with a stable `extensions.code`
 * (`CRITEO_UNAUTHENTICATED`, `CRITEO_FORBIDDEN`, …, documented in the README) and Criteo's
 * `traceId`; every other unexpected error is masked by Yoga as "Unexpected error.".
 */
export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof CriteoError) {
    return new GraphQLError(original.message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: {
        code: original.code,
        operation: original.operation,
        ...(original.status === undefined ? {} : { status: original.status }),
        ...(original.criteoCode ? { criteoCode: original.criteoCode } : {}),
        ...(original.traceId ? { traceId: original.traceId } : {}),
        ...(original.resetAt === null ? {} : rateLimitReset(original.resetAt)),
      },
    });
  }
  return yogaMaskError(error, message, isDev);
};

/** A 429's reset for clients: when to try again (ISO) and how many seconds that is from now. */
const rateLimitReset = (resetAt: number) => ({
  resetAt: new Date(resetAt).toISOString(),
  retryAfter: Math.max(0, Math.ceil((resetAt - Date.now()) / 1000)),
});
