import type { Plugin } from 'graphql-yoga';

export type Readiness =
  | { ready: true; status: 'ready' }
  | {
      ready: false;
      /** `draining`: shutting down; `unavailable`: a token or the upstream could not be had. */
      status: 'draining' | 'unavailable';
      /** What failed: `token` (Criteo's token endpoint) or `upstream` (`GET /me`). */
      check?: 'token' | 'upstream';
      code?: string;
      reason: string;
    };

export interface ReadinessOptions {
  /** Default `/ready`. */
  endpoint?: string;
  check: () => Promise<Readiness>;
}

/**
 * Readiness (as opposed to Yoga's `/health` liveness): 200 `{ ready: true }` when `check` passes,
 * 503 with a JSON reason otherwise. Load balancers stop sending traffic while it fails.
 */
export function useReadiness(options: ReadinessOptions): Plugin {
  const endpoint = options.endpoint ?? '/ready';
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const readiness = await options.check();
      endResponse(
        fetchAPI.Response.json(readiness, {
          status: readiness.ready ? 200 : 503,
          headers: { 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
