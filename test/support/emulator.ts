import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when it is not JSON, or undefined for an empty body. */
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Defaults to a token of `demo-client-id`; `null` sends no Authorization header. */
  token?: string | null;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
}

export interface TestEmulator {
  emulator: Emulator;
  /** A fresh access token for an application (default: the demo application). */
  token(clientId?: string, clientSecret?: string): Promise<string>;
  /** Calls `<apiUrl><path>` over HTTP with JSON. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export const DEMO_ADVERTISER = '4949';
export const SECOND_DEMO_ADVERTISER = '5050';
export const OTHER_APP_ADVERTISER = '7070';

/** Starts an emulator on port 0 with rate limiting off unless asked for. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ rateLimit: false, ...options });
  let cached: string | undefined;

  async function token(
    clientId = 'demo-client-id',
    clientSecret = clientId.replace('-id', '-secret'),
  ): Promise<string> {
    const response = await fetch(`${emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    const body: unknown = await response.json();
    if (
      !response.ok ||
      typeof body !== 'object' ||
      body === null ||
      !('access_token' in body) ||
      typeof body.access_token !== 'string'
    ) {
      throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
    }
    return body.access_token;
  }

  async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const url = new URL(`${emulator.apiUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token !== null) {
      cached ??= await token();
      headers.authorization = `Bearer ${options.token ?? cached}`;
    }
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text === '' ? undefined : text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  }

  return { emulator, token, call, close: () => emulator.close() };
}

/** Narrows a response body to a record, failing the test with the body when it is not one. */
export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** `errors[].code` of a response body. */
export function errorCodes(body: unknown): string[] {
  const errors = record(body).errors;
  return Array.isArray(errors) ? errors.map((e) => String(record(e).code)) : [];
}
