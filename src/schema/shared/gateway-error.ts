import { GraphQLError } from 'graphql';
import type { InputIssue } from '../validation-error.js';

/**
 * Codes of the request-level errors the schema raises itself (Criteo's failures carry `CRITEO_*`, see
 * `criteo/errors.ts`): bad input, a caller outside its advertisers, a lookup too large to answer.
 */
export type GatewayErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'TOO_MANY_RESULTS';

/** The `extensions` of those errors, typed once: every schema-built `GraphQLError` goes through here. */
export interface GatewayErrorExtensions {
  code: GatewayErrorCode;
  /** `BAD_USER_INPUT`: each rule broken, at its input path. */
  issues?: readonly InputIssue[];
}

export function gatewayError(message: string, extensions: GatewayErrorExtensions): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions } });
}
