import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Logger } from 'pino';
import type { Caller } from '../scope.js';

/** Asymmetric algorithms only: `none` and the HMAC ones (a shared secret) are never accepted. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export interface CallerAuthOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim listing the caller's Criteo advertiser ids. */
  advertisersClaim: string;
  /**
   * Least time between two fetches of the key set (jose's `cooldownDuration`, default 30 s): a token
   * with an unknown `kid` refetches it (key rotation), at most this often. Tests shorten it.
   */
  jwksCooldownMs?: number;
  /** Where a key set that cannot be fetched is reported. */
  logger?: Logger;
}

const callers = new WeakMap<Request, Caller>();

/** The caller the plugin verified for this request; null when authentication is off. */
export function callerOf(request: Request): Caller | null {
  return callers.get(request) ?? null;
}

/** RFC 6750's challenge: no error code when no token was sent; the reason itself is in the body. */
type Challenge = 'Bearer' | 'Bearer error="invalid_token"' | 'Bearer error="insufficient_scope"';

const refuse = (
  status: 401 | 403,
  code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  message: string,
  challenge: Challenge,
) =>
  new GraphQLError(message, {
    extensions: { code, http: { status, headers: { 'www-authenticate': challenge } } },
  });
const unauthenticated = (message: string, challenge: Challenge = 'Bearer error="invalid_token"') =>
  refuse(401, 'UNAUTHENTICATED', message, challenge);

/** Why jose refused a token, in words for the caller; null when the fault is not the token's. */
function reasonOf(error: unknown): string | null {
  if (!(error instanceof errors.JOSEError)) return null;
  switch (error.code) {
    case errors.JWTExpired.code:
      return 'The token has expired';
    case errors.JWTClaimValidationFailed.code: {
      const { claim } = error as errors.JWTClaimValidationFailed;
      if (claim === 'iss') return 'The token was not issued by the issuer this gateway trusts (iss)';
      if (claim === 'aud') return 'The token is not meant for this gateway (aud)';
      if (claim === 'nbf') return 'The token is not valid yet (nbf)';
      return `The token's ${claim} claim is invalid`;
    }
    case errors.JOSEAlgNotAllowed.code:
      return `The token's algorithm is not accepted (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`;
    case errors.JWSSignatureVerificationFailed.code:
      return 'The token signature does not verify';
    case errors.JWKSNoMatchingKey.code:
    case errors.JWKSMultipleMatchingKeys.code:
      return 'No single key of the trusted key set matches the token (kid, alg)';
    case errors.JWSInvalid.code:
    case errors.JWTInvalid.code:
    case errors.JOSENotSupported.code:
      return 'The bearer value is not a well-formed signed JWT';
    default:
      return null;
  }
}

/** The advertiser ids of a claim: a non-empty list of numeric ids (strings or integers). */
function advertisersOf(claim: unknown): string[] | null {
  if (!Array.isArray(claim) || claim.length === 0) return null;
  const ids = claim.map((id) => (typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id));
  return ids.every((id): id is string => typeof id === 'string' && /^\d{1,19}$/.test(id)) ? ids : null;
}

/**
 * Caller authentication: every GraphQL request carries `Authorization: Bearer <JWT>` signed by a key
 * of `jwksUrl` (fetched and cached by jose; an unknown `kid` refetches it, which covers rotation),
 * issued by `issuer` for `audience`. Otherwise it answers 401 `UNAUTHENTICATED` before the operation
 * is even parsed, so nothing reaches Criteo. Runs in `onRequestParse`: `/health`, `/ready`,
 * `/metrics`, CORS preflights and GraphiQL's page are answered earlier and stay open.
 */
export function useCallerAuth(options: CallerAuthOptions): Plugin {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    ...(options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs }),
  });
  const claimName = options.advertisersClaim;

  async function verify(header: string | null): Promise<Caller> {
    if (!header)
      throw unauthenticated('Missing bearer token: send the header Authorization: Bearer <JWT>', 'Bearer');
    const token = /^Bearer +([\w-]+\.[\w-]*\.[\w-]*)\s*$/i.exec(header)?.[1];
    // The value is never echoed: it may be a credential meant for something else.
    if (!token) throw unauthenticated('The Authorization header must be Bearer followed by a JWT');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
      }));
    } catch (error) {
      const reason = reasonOf(error);
      if (reason !== null) throw unauthenticated(reason);
      options.logger?.warn(
        { err: error, jwks: options.jwksUrl },
        'caller authentication: the key set could not be read',
      );
      throw new GraphQLError('Caller authentication is unavailable: the trusted key set could not be read', {
        extensions: { code: 'AUTH_UNAVAILABLE', http: { status: 503 } },
      });
    }
    if (typeof payload.sub !== 'string' || payload.sub === '')
      throw unauthenticated('The token has no subject (sub)');
    const advertiserIds = advertisersOf(payload[claimName]);
    // A verified caller without advertisers may reach nothing: refused as a whole, not served empty.
    if (!advertiserIds)
      throw refuse(
        403,
        'FORBIDDEN',
        `The token has no ${claimName} claim listing the Criteo advertiser ids it may reach`,
        'Bearer error="insufficient_scope"',
      );
    return { subject: payload.sub, advertiserIds: new Set(advertiserIds) };
  }

  return {
    async onRequestParse({ request }) {
      callers.set(request, await verify(request.headers.get('authorization')));
    },
  };
}
