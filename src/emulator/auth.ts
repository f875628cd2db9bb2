import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** An API application: its client credentials and the advertisers it may see. */
export interface EmulatorApplication {
  clientId: string;
  clientSecret: string;
  applicationId: number;
  organizationId: number;
  name: string;
  description: string;
  advertiserIds: string[];
}

export type TokenCheck =
  | { ok: true; application: EmulatorApplication }
  | {
      ok: false;
      code: 'authorization-token-missing' | 'authorization-token-invalid' | 'authorization-token-expired';
    };

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Issues and verifies HS256 JWT access tokens, like Criteo's token endpoint does (the signing key is per instance). */
export class TokenIssuer {
  private readonly key = randomBytes(32);
  private generation = 0;

  constructor(
    private readonly applications: EmulatorApplication[],
    private readonly ttlSeconds: number,
  ) {}

  authenticate(clientId: string, clientSecret: string): EmulatorApplication | undefined {
    return this.applications.find((a) => a.clientId === clientId && safeEqual(a.clientSecret, clientSecret));
  }

  issue(application: EmulatorApplication, now = Date.now()): { token: string; expiresIn: number } {
    const iat = now / 1000;
    const payload = {
      sub: application.clientId,
      app: application.applicationId,
      gen: this.generation,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomUUID(),
    };
    const unsigned = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(payload))}`;
    return { token: `${unsigned}.${this.sign(unsigned)}`, expiresIn: this.ttlSeconds };
  }

  verify(authorization: string | undefined, now = Date.now()): TokenCheck {
    if (!authorization) return { ok: false, code: 'authorization-token-missing' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match?.[1];
    if (!token) return { ok: false, code: 'authorization-token-invalid' };
    const [header, body, signature] = token.split('.');
    if (!header || !body || !signature || !safeEqual(signature, this.sign(`${header}.${body}`))) {
      return { ok: false, code: 'authorization-token-invalid' };
    }
    const payload = decodePayload(body);
    if (
      typeof payload !== 'object' ||
      payload === null ||
      !('app' in payload) ||
      !('exp' in payload) ||
      !('gen' in payload)
    ) {
      return { ok: false, code: 'authorization-token-invalid' };
    }
    const application = this.applications.find((a) => a.applicationId === payload.app);
    if (!application) return { ok: false, code: 'authorization-token-invalid' };
    const exp = Number(payload.exp);
    if (exp * 1000 <= now || payload.gen !== this.generation) {
      return { ok: false, code: 'authorization-token-expired' };
    }
    return { ok: true, application };
  }

  /** Makes every token issued so far expired (tests of refresh in the middle of a query). */
  expireAll(): void {
    this.generation += 1;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function decodePayload(body: string): unknown {
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}
