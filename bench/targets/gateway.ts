/**
 * This gateway as a benchmark target, in its own process: `createCriteoClient` + `createGateway`,
 * configured from the environment by `src/config.ts` (`CRITEO_API_URL`, credentials, `PORT`,
 * `CRITEO_MAX_CONNECTIONS`, …) through `src/client-options.ts`, as `src/app.ts` does, with GraphiQL
 * and the client-side rate budget and the read cache off. The core gateway: no `observability` (access log, metrics,
 * tracing) and no `hardening` plugins, which `src/app.ts` adds in production (so it does not start
 * through `startGateway`). `--no-batch` switches DataLoader batching off: the N+1 control.
 * `npm run bench` runs it compiled (`bench/.build`, see `bench/tsconfig.build.json`), or with
 * `--from-source` through tsx:
 *
 *   node --import tsx bench/targets/gateway.ts [--no-batch]
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { toCriteoClientOptions } from '../../src/client-options.js';
import { loadConfig } from '../../src/config.js';
import { createCriteoClient } from '../../src/criteo/client.js';
import { createGateway } from '../../src/server.js';

const { values } = parseArgs({ options: { 'no-batch': { type: 'boolean' } } });
const config = loadConfig();
if (!config.credentials) throw new Error('bench gateway: set CRITEO_CLIENT_ID and CRITEO_CLIENT_SECRET');
const criteo = createCriteoClient({
  // The client exactly as `src/app.ts` configures it, without its observability hooks.
  ...toCriteoClientOptions(config),
  // The emulator's rate limit is off too: the benchmark measures the gateway, not the budget's queue.
  rateBudget: false,
  // Q1-Q3 measure the read path, every query going upstream as the passthrough's and Mesh's do; what
  // the read cache is worth on a real quota is Q4's question (two replicas of src/main.ts).
  cacheTtlMs: 0,
});
const gateway = createGateway({
  criteo,
  batch: !values['no-batch'],
  graphiql: false,
  operationTimeoutMs: config.operationTimeoutMs,
});
const server = createServer(gateway);
await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
process.stdout.write(`bench gateway (batch ${values['no-batch'] ? 'off' : 'on'}) on port ${config.port}\n`);

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  // A normal exit, so that `--cpu-prof` writes its profile.
  void criteo.close().then(() => process.exit(0));
});
