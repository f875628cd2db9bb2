import { afterEach, beforeEach } from 'vitest';
import type { CriteoClient } from '../../src/criteo/client.js';
import { createCriteoClient } from '../../src/criteo/client.js';
import { CriteoError } from '../../src/criteo/errors.js';
import {
  DEFAULT_VERSION,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from '../../src/emulator/server.js';

// The harness of the `criteo-client-*` tests: a client per test against a fresh emulator, and the
// messages of every failure it saw (the error tests check none carries a secret or a token).

export const API_VERSION = DEFAULT_VERSION;
export const CLIENT_ID = 'demo-client-id';
export const CLIENT_SECRET = 'demo-client-secret';
/** Base64url of `{"alg":"HS256","typ":"JWT"}`: the start of every token the emulator issues. */
export const JWT_PREFIX = 'eyJ';

export function clientFor(url: string, clientSecret = CLIENT_SECRET, clientId = CLIENT_ID): CriteoClient {
  return createCriteoClient({
    apiUrl: url,
    apiVersion: API_VERSION,
    auth: { credentials: { clientId, clientSecret } },
    // Quick backoff keeps retry tests short; the counts, not the delays, are asserted.
    retry: { maxRetries: 3, minDelayMs: 1, maxDelayMs: 20 },
  });
}

/** Every error message seen by the error tests of a file (with their causes). */
export const errorMessages: string[] = [];
/** Every bearer token the clients of a file's tests held. */
export const seenTokens = new Set<string>();

export function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    messages.push(current.message, String(current));
    current = current.cause;
  }
  return messages;
}

/** Runs `call`, expects it to reject with a `CriteoError`, records its messages and returns it. */
export async function criteoFailure(call: () => Promise<unknown>): Promise<CriteoError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof CriteoError)) throw new Error(`expected a CriteoError, got ${String(caught)}`);
  errorMessages.push(...messagesOf(caught));
  return caught;
}

/** Sets up a fresh emulator and client per test, closes both after it. */
export function useEmulator(options: EmulatorOptions = {}) {
  let current: { emulator: Emulator; client: CriteoClient } | null = null;
  beforeEach(async () => {
    const emulator = await startEmulator({ rateLimit: false, ...options });
    current = { emulator, client: clientFor(emulator.url) };
  });
  afterEach(async () => {
    if (!current) return;
    const { emulator, client } = current;
    current = null;
    // Remember the token the client held, to check no error message carries it.
    const token = await client.tokens.get().catch(() => null);
    if (token) seenTokens.add(token);
    await client.close();
    await emulator.close();
  });
  const started = () => {
    if (!current) throw new Error('the emulator is only available inside a test');
    return current;
  };
  return {
    get emulator(): Emulator {
      return started().emulator;
    },
    get client(): CriteoClient {
      return started().client;
    },
  };
}

export function ids(
  list: readonly { id?: string | null | undefined }[] | null | undefined,
): (string | null)[] {
  return (list ?? []).map((item) => item.id ?? null);
}
