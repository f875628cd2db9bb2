import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

export const ISSUER = 'https://issuer.test/';
export const AUDIENCE = 'criteo-audience-gateway';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  jwk: JWK;
}

export async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A JSON Web Key Set served over HTTP on port 0; `keys` may change while it runs (rotation). */
export interface KeySetServer {
  url: string;
  keys: JWK[];
  /** How many times the key set was fetched. */
  fetches: number;
  close(): Promise<void>;
}

export async function startKeySet(keys: JWK[]): Promise<KeySetServer> {
  const state = { keys, fetches: 0 };
  const server: Server = createServer((_req, res) => {
    state.fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(next: JWK[]) {
      state.keys = next;
    },
    get fetches() {
      return state.fetches;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MintOptions {
  issuer?: string;
  audience?: string;
  subject?: string;
  /** Seconds since the epoch. */
  expiresAt?: number;
  /** The kid written in the header (default: the key's). */
  kid?: string;
}

/** A JWT signed with `key`; `claims` default to a caller of advertiser 4949. */
export function mint(
  key: SigningKey,
  claims: JWTPayload = { advertiser_ids: ['4949'] },
  options: MintOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(options.subject ?? 'user-1')
    .setIssuedAt(options.expiresAt === undefined ? now : options.expiresAt - 600)
    .setExpirationTime(options.expiresAt ?? now + 600)
    .sign(key.privateKey);
}

/** An unsigned token (`alg: none`), written by hand: jose refuses to produce one. */
export function unsigned(claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 600, ...claims })}.`;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
