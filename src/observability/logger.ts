import { GraphQLError } from 'graphql';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../config.js';
import { CriteoError } from '../criteo/errors.js';
import { currentRequestId } from './logged-request.js';

/**
 * Fields never written as they are (pino's redaction, by path). GraphQL variables are never logged
 * at all; these paths are for everything else that could carry a credential or a contact identifier.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["proxy-authorization"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["proxy-authorization"]',
  '*.authorization',
  '*.cookie',
  'client_secret',
  '*.client_secret',
  'clientSecret',
  '*.clientSecret',
  'credentials',
  '*.credentials',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'accessToken',
  '*.accessToken',
  'identifiers',
  '*.identifiers',
  '*.*.identifiers',
  'variables',
  '*.variables',
];

const CENSOR = '[REDACTED]';

/**
 * The last line of defence, applied to each serialized line: bearer tokens, JWTs, e-mail addresses
 * and the configured secrets, wherever they ended up (an error message, a nested object).
 */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  const literals = secrets.filter((secret) => secret.length >= 4);
  return (line) => {
    let text = line
      .replace(/\bBearer\s+[\w.~+/=-]+/gi, `Bearer ${CENSOR}`)
      .replace(/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, CENSOR)
      .replace(/[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,}/gi, CENSOR);
    for (const secret of literals) text = text.split(secret).join(CENSOR);
    return text;
  };
}

/** Redaction paths of these headers, as `REDACTED_PATHS` has them for `authorization`. */
function headerPaths(names: readonly string[]): string[] {
  return names
    .map((name) => name.toLowerCase())
    .filter((name) => /^[a-z0-9-]+$/.test(name))
    .flatMap((name) => [`headers["${name}"]`, `*.headers["${name}"]`]);
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default: stdout, synchronously so nothing is lost on exit). */
  destination?: DestinationStream;
  /** Values written nowhere, whatever field they end up in (the Criteo client secret). */
  secrets?: readonly string[];
  /**
   * More request headers redacted wherever they are logged, whatever their value looks like: the
   * passthrough token header (`CRITEO_TOKEN_HEADER`) when it is not `authorization`.
   */
  secretHeaders?: readonly string[];
  /** More fields for every line (e.g. the active trace and span ids). */
  mixin?: () => Record<string, unknown>;
}

/**
 * Structured JSON logs (pino): ISO time, level names, the request id on every line written while a
 * request is served, redaction of credentials and contact identifiers.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrub = scrubber(options.secrets ?? []);
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS, ...headerPaths(options.secretHeaders ?? [])], censor: CENSOR },
      mixin() {
        const requestId = currentRequestId();
        return { ...(requestId ? { requestId } : {}), ...options.mixin?.() };
      },
    },
    { write: (line: string) => destination.write(scrub(line)) },
  );
}

/** The logger Yoga writes to: upstream failures as structured warnings, anything else as an error. */
export interface YogaLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function toYogaLogger(logger: Logger): YogaLogger {
  const text = (args: unknown[]) =>
    args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' ');
  return {
    debug: (...args) => logger.debug(text(args)),
    info: (...args) => logger.info(text(args)),
    warn: (...args) => logger.warn(text(args)),
    error: (...args) => {
      const [first] = args;
      if (!(first instanceof Error)) {
        logger.error(text(args));
        return;
      }
      const original = first instanceof GraphQLError && first.originalError ? first.originalError : first;
      const path = first instanceof GraphQLError && first.path ? first.path.join('.') : undefined;
      // A client that went away is told once, by the access log, not once per cancelled field.
      if (original instanceof CriteoError && original.code === 'CRITEO_CANCELLED') return;
      if (original instanceof CriteoError) {
        logger.warn(
          {
            code: original.code,
            operation: original.operation,
            status: original.status,
            criteoCode: original.criteoCode,
            traceId: original.traceId,
            path,
          },
          original.message,
        );
        return;
      }
      logger.error({ err: original, path }, 'unexpected error (masked for the client)');
    },
  };
}
