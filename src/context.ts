import type { CriteoClient, CriteoOperations } from './criteo/client.js';
import { createLoaders, type Loaders } from './loaders/index.js';

/** Per-request context: the Criteo client scoped to this operation, and a fresh set of DataLoaders. */
export interface GatewayContext {
  criteo: CriteoOperations;
  loaders: Loaders;
}

export interface ContextOptions {
  batch?: boolean;
  /** Aborts the operation's outstanding upstream calls (its deadline, or the client going away). */
  signal?: AbortSignal;
}

export function createContext(client: CriteoClient, options: ContextOptions = {}): GatewayContext {
  const criteo = client.forRequest({ signal: options.signal });
  return { criteo, loaders: createLoaders(criteo, options) };
}
