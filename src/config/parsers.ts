import { z } from 'zod';

// Parsers of one variable's text. A message states the rule and never echoes the value: it may be a secret.

/** A whole number in [min, max] written as plain digits (no sign, exponent or fraction). */
export const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`)
    .default(fallback);

/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`); unset keeps the per-environment default. */
export const flag = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(true|false|1|0|yes|no|on|off)$/, 'must be true or false')
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .optional();

/** One of `values`, in any case. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, error: string) =>
  z.string().trim().toLowerCase().pipe(z.enum(values, { error }));

export const httpUrl = (error: string) => z.url({ protocol: /^https?$/, error });

export const nonEmpty = (error = 'must not be empty') => z.string().trim().min(1, error);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `key1=value1,key2=value2` (W3C baggage format, values percent-encoded), as OpenTelemetry reads it. */
export const otlpHeaders = () =>
  z
    .string()
    .transform((text, ctx) => {
      const headers: Record<string, string> = {};
      for (const pair of text.split(',')) {
        if (pair.trim() === '') continue;
        const at = pair.indexOf('=');
        const key = at > 0 ? pair.slice(0, at).trim() : '';
        if (!/^[\w.-]+$/.test(key)) {
          // The value is not echoed: these headers usually carry an API key.
          ctx.addIssue({ code: 'custom', message: 'must be a list of key=value pairs separated by commas' });
          return z.NEVER;
        }
        try {
          headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a list of key=value pairs separated by commas' });
          return z.NEVER;
        }
      }
      return headers;
    })
    .optional();

/** `https://app.example.com,http://localhost:5173`: exact origins (scheme, host, port), never `*`. */
export const originList = () =>
  z
    .string()
    .transform((text, ctx) => {
      const origins: string[] = [];
      for (const entry of text.split(',').map((part) => part.trim())) {
        if (entry === '') continue;
        let origin: string | null = null;
        try {
          origin = new URL(entry).origin;
        } catch {
          origin = null;
        }
        if (entry === '*' || origin === null || origin === 'null' || origin !== entry.replace(/\/+$/, '')) {
          ctx.addIssue({
            code: 'custom',
            message: `${JSON.stringify(entry)} is not an exact origin such as https://app.example.com (no path, no wildcard: browsers send credentials)`,
          });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    })
    .optional();
