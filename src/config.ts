import { z } from 'zod';

/** A whole number in [min, max] written as plain digits (no sign, exponent or fraction). */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`)
    .default(fallback);

const EnvSchema = z
  .object({
    CRITEO_CLIENT_ID: z.string().trim().min(1, 'must not be empty').optional(),
    CRITEO_CLIENT_SECRET: z.string().trim().min(1, 'must not be empty').optional(),
    CRITEO_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://api.criteo.com' })
      .default('https://api.criteo.com'),
    CRITEO_API_VERSION: z
      .string()
      .regex(/^(\d{4}-\d{2}|preview)$/, 'must be a Criteo API version such as 2025-10')
      .default('2025-10'),
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number between 0 and 65535')
      .transform(Number)
      .refine((port) => port <= 65_535, 'must be a port number between 0 and 65535')
      .default(4000),
    CRITEO_RATE_LIMIT_PER_MINUTE: integer(0, 100_000, 250),
    CRITEO_MAX_RETRIES: integer(0, 10, 3),
    CRITEO_MAX_CONNECTIONS: integer(1, 1_024, 16),
    CRITEO_CONNECT_TIMEOUT_MS: integer(1, 600_000, 5_000),
    CRITEO_REQUEST_TIMEOUT_MS: integer(1, 600_000, 15_000),
    OPERATION_TIMEOUT_MS: integer(1, 600_000, 20_000),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.CRITEO_CLIENT_ID) !== Boolean(env.CRITEO_CLIENT_SECRET)) {
      const missing = env.CRITEO_CLIENT_ID ? 'CRITEO_CLIENT_SECRET' : 'CRITEO_CLIENT_ID';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'must be set together with its pair (client id and secret)',
      });
    }
  });

export interface CriteoCredentials {
  clientId: string;
  clientSecret: string;
}

export interface Config {
  /** Absent: `npm start` runs the embedded emulator with its demo credentials. */
  credentials: CriteoCredentials | null;
  apiUrl: string;
  apiVersion: string;
  port: number;
  upstream: {
    /** Client-side budget of calls per minute shared by the process; 0 turns it off. */
    rateLimitPerMinute: number;
    maxRetries: number;
    maxConnections: number;
    connectTimeoutMs: number;
    /** Time to the response headers, and longest pause inside a body. */
    requestTimeoutMs: number;
  };
  /** Deadline of one GraphQL operation: outstanding upstream calls are cancelled when it passes. */
  operationTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment -> typed config. The only reader of `process.env`; a bad value names the variable and the rule. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankToUndefined = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  const parsed = EnvSchema.safeParse({
    CRITEO_CLIENT_ID: blankToUndefined(env.CRITEO_CLIENT_ID),
    CRITEO_CLIENT_SECRET: blankToUndefined(env.CRITEO_CLIENT_SECRET),
    CRITEO_API_URL: blankToUndefined(env.CRITEO_API_URL),
    CRITEO_API_VERSION: blankToUndefined(env.CRITEO_API_VERSION),
    PORT: blankToUndefined(env.PORT),
    CRITEO_RATE_LIMIT_PER_MINUTE: blankToUndefined(env.CRITEO_RATE_LIMIT_PER_MINUTE),
    CRITEO_MAX_RETRIES: blankToUndefined(env.CRITEO_MAX_RETRIES),
    CRITEO_MAX_CONNECTIONS: blankToUndefined(env.CRITEO_MAX_CONNECTIONS),
    CRITEO_CONNECT_TIMEOUT_MS: blankToUndefined(env.CRITEO_CONNECT_TIMEOUT_MS),
    CRITEO_REQUEST_TIMEOUT_MS: blankToUndefined(env.CRITEO_REQUEST_TIMEOUT_MS),
    OPERATION_TIMEOUT_MS: blankToUndefined(env.OPERATION_TIMEOUT_MS),
  });
  if (!parsed.success) {
    // Values are not echoed: a secret must never reach a log.
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    credentials:
      e.CRITEO_CLIENT_ID && e.CRITEO_CLIENT_SECRET
        ? { clientId: e.CRITEO_CLIENT_ID, clientSecret: e.CRITEO_CLIENT_SECRET }
        : null,
    apiUrl: e.CRITEO_API_URL.replace(/\/+$/, ''),
    apiVersion: e.CRITEO_API_VERSION,
    port: e.PORT,
    upstream: {
      rateLimitPerMinute: e.CRITEO_RATE_LIMIT_PER_MINUTE,
      maxRetries: e.CRITEO_MAX_RETRIES,
      maxConnections: e.CRITEO_MAX_CONNECTIONS,
      connectTimeoutMs: e.CRITEO_CONNECT_TIMEOUT_MS,
      requestTimeoutMs: e.CRITEO_REQUEST_TIMEOUT_MS,
    },
    operationTimeoutMs: e.OPERATION_TIMEOUT_MS,
  };
}
