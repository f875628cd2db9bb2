import type { CriteoClient } from './criteo/client.js';
import { createLoaders, type Loaders } from './loaders/index.js';

/** Per-request context: the Criteo client handle and a fresh set of DataLoaders. */
export interface GatewayContext {
  criteo: CriteoClient;
  loaders: Loaders;
}

export function createContext(criteo: CriteoClient, options: { batch?: boolean } = {}): GatewayContext {
  return { criteo, loaders: createLoaders(criteo, options) };
}
