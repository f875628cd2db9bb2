import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { CriteoCredentials } from '../config.js';
import { TokenResponseSchema } from '../contract/oauth.js';
import type { StoredToken, TokenStore } from '../shared-state/token-store.js';
import { CriteoError, codeForStatus } from './errors.js';
import type { Exchange, Send } from './http.js';
import { toCriteoError } from './to-criteo-error.js';

/** Where an API call gets its bearer token, and how a 401 tells it the token is stale. */
export interface TokenSource {
  get(): Promise<string>;
  /** Forget `token` if it is still the cached one, so the next `get` fetches a new one. */
  invalidate(token: string): void;
  /** False when a 401 cannot be cured by asking again (a caller's own token). */
  readonly refreshable?: boolean;
  /** Who spends the rate budget (a caller's own token: a hash of it); absent, the service. */
  readonly caller?: string;
}

export interface ClientCredentialsOptions {
  credentials: CriteoCredentials;
  /** Origin (and optional base path) of the API, e.g. `https://api.criteo.com`. */
  apiUrl: string;
  dispatcher: Dispatcher;
  /** Refresh this long before expiry. @default 10% of the token's lifetime, at most 60 s */
  refreshMarginMs?: number;
  /**
   * The token shared by every replica (Redis): one token request for the cluster, one refresh at a
   * time. Without it, or while it fails, the token is this process's own.
   */
  store?: TokenStore;
  /** How long to wait for another replica's refresh before fetching a token itself. @default 5000 */
  storeWaitMs?: number;
  /** The shared store failed; the token is fetched by this process meanwhile. */
  onStoreError?: (error: unknown) => void;
  now?: () => number;
}

/** How often a replica looks for the token another replica is fetching. */
const STORE_POLL_MS = 25;

/**
 * OAuth2 client credentials with a cached token, refreshed before it expires. Single flight:
 * concurrent callers during a refresh share one token request.
 */
export class ClientCredentialsTokenSource implements TokenSource {
  private token: StoredToken | null = null;
  /** The token Criteo refused last: a replica that still shares it must not hand it back. */
  private refused: string | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;
  /** Token requests made so far (observability and tests). */
  requests = 0;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  get(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null;
    this.refused = token;
    this.options.store?.drop(token).catch(this.storeFailed);
  }

  private readonly storeFailed = (error: unknown) => this.options.onStoreError?.(error);

  /** The shared token if a replica has a fresh one; else this replica fetches it, one at a time. */
  private async refresh(): Promise<string> {
    const { store } = this.options;
    if (!store) return this.fetchToken();
    const waitUntil = this.now() + (this.options.storeWaitMs ?? 5_000);
    try {
      for (;;) {
        const stored = await store.read();
        if (stored && stored.value !== this.refused && this.now() < stored.refreshAt) {
          this.token = stored;
          return stored.value;
        }
        if ((await store.claimRefresh()) || this.now() >= waitUntil) break;
        await sleep(STORE_POLL_MS);
      }
    } catch (error) {
      this.storeFailed(error);
      return this.fetchToken();
    }
    try {
      const value = await this.fetchToken();
      if (this.token) await store.write(this.token).catch(this.storeFailed);
      return value;
    } catch (error) {
      await store.release().catch(this.storeFailed);
      throw error;
    }
  }

  private async fetchToken(): Promise<string> {
    this.requests += 1;
    const { clientId, clientSecret } = this.options.credentials;
    const url = new URL(`${this.options.apiUrl}/oauth2/token`);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.options.dispatcher.request({
        origin: url.origin,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
      });
    } catch (cause) {
      throw new CriteoError('CRITEO_NETWORK_ERROR', 'OAuthToken: the token endpoint could not be reached', {
        operation: 'OAuthToken',
        cause,
      });
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (cause) {
      throw new CriteoError(
        'CRITEO_NETWORK_ERROR',
        'OAuthToken: the connection closed while reading the token response',
        {
          operation: 'OAuthToken',
          status: response.statusCode,
          cause,
        },
      );
    }
    if (response.statusCode !== 200) {
      // Refused credentials are an auth failure; an outage or throttling keeps its own code.
      // The body may echo request details; only the status goes into the message.
      const refused = [400, 401, 403].includes(response.statusCode);
      throw new CriteoError(
        refused ? 'CRITEO_AUTH_FAILED' : codeForStatus(response.statusCode),
        `OAuthToken: the token request failed (HTTP ${response.statusCode})`,
        { operation: 'OAuthToken', status: response.statusCode },
      );
    }
    const parsed = TokenResponseSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new CriteoError(
        'CRITEO_CONTRACT_MISMATCH',
        'OAuthToken: the token response does not match the contract',
        {
          operation: 'OAuthToken',
          status: response.statusCode,
        },
      );
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    const margin = this.options.refreshMarginMs ?? Math.min(60_000, lifetimeMs / 10);
    this.token = { value: parsed.data.access_token, refreshAt: this.now() + lifetimeMs - margin };
    return parsed.data.access_token;
  }
}

/** A caller-supplied bearer token (passthrough): never refreshed, never replaced by service credentials. */
export class StaticTokenSource implements TokenSource {
  readonly refreshable = false;
  readonly caller: string;
  constructor(private readonly token: string) {
    // A key for the caller's rate-budget queue that does not keep the token itself.
    this.caller = createHash('sha256').update(token).digest('hex').slice(0, 32);
  }
  get(): Promise<string> {
    return Promise.resolve(this.token);
  }
  invalidate(): void {}
}

/** Passthrough mode without a token on the request: every call fails before leaving the gateway. */
export class MissingTokenSource implements TokenSource {
  readonly refreshable = false;
  constructor(private readonly header: string) {}
  get(): Promise<string> {
    return Promise.reject(
      new CriteoError(
        'CRITEO_UNAUTHENTICATED',
        `Passthrough mode: send your Criteo access token as "${this.header}: Bearer <token>" (service credentials are not used)`,
        { operation: 'Passthrough' },
      ),
    );
  }
  invalidate(): void {}
}

/**
 * The step that adds the bearer token of `tokens`. Without a token nothing leaves (the failure is
 * marked `notSent`). A 401 of a refreshable source drops the token and sends once more with a new one.
 */
export function withToken(send: Send, tokens: TokenSource): Exchange {
  return async (call) => {
    let token = await tokens.get().catch((error: unknown) => {
      throw error instanceof CriteoError
        ? toCriteoError(error, { operation: call.operation, stage: 'before-send' })
        : error;
    });
    let response = await send(call, token);
    if (response.statusCode === 401 && tokens.refreshable !== false) {
      await response.body.dump();
      tokens.invalidate(token);
      token = await tokens.get();
      response = await send(call, token);
    }
    return response;
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
