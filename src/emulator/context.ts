import type { EmulatorApplication, TokenIssuer } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { EnvelopeWriter } from './http.js';
import type { RateLimiter } from './rate-limit.js';
import type { RequestLog } from './request-log.js';
import type { EmulatorStore } from './store.js';

/** Everything a plugin or a route needs. The emulator is Criteo: it imports the contract, never the gateway. */
export interface EmulatorContext {
  store: EmulatorStore;
  tokens: TokenIssuer;
  faults: FaultInjector;
  requests: RequestLog;
  rateLimiter: RateLimiter | null;
  envelope: EnvelopeWriter;
  /** The version of `apiUrl`. */
  version: string;
  /** Every version served, `version` included. */
  versions: readonly string[];
  applications: EmulatorApplication[];
}

/** What `createEmulator` hands every plugin and route module it registers. */
export interface EmulatorPluginOptions {
  context: EmulatorContext;
}
