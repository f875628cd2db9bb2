import { parseArgs } from 'node:util';
import { DEMO_APPLICATIONS } from './demo-data.js';
import type { FaultRule } from './faults.js';
import { DEFAULT_VERSION, SERVED_VERSIONS, startEmulator } from './server.js';

const HELP = `Criteo Audience API emulator

Usage: npm run emulator -- [options]

Options:
  --port <n>               Port to listen on (default 8787; 0 picks a free port)
  --host <addr>            Interface to listen on (default 127.0.0.1)
  --api-version <v>        API version of the printed API URL (default ${DEFAULT_VERSION});
                           ${SERVED_VERSIONS.join(', ')} are served at once
  --token-ttl <s>          Access-token lifetime in seconds (default 900)
  --rate-limit <n>         Calls per minute per application (default 250; 0 turns it off)
  --no-demo-data           Start with an empty store
  --latency <ms>           Fixed latency added to every API call (default 0)
  --jitter <ms>            Extra random latency in [0, ms) (default 0)
  --error-rate <0..1>      Share of API calls answered with --error-status
  --error-status <code>    Status of injected errors (default 503)
  --rate-limit-rate <0..1> Share of API calls answered 429
  --reset-rate <0..1>      Share of API calls whose connection is reset before handling
  --malformed-rate <0..1>  Share of API calls answered with truncated JSON
  --drift-rate <0..1>      Share of API calls answered with a body that breaks the contract
  --lost-response-rate <0..1>  Share of API calls applied, then cut off mid-body
  --fault-operation <id>   Apply the fault flags to one operationId only (default: every API operation)
  --seed <n>               Seed of the fault PRNG (default 42)
  --log                    Log every request (JSON lines)
  -h, --help               Show this help

Control API (loopback, no auth): GET /__emulator/requests, GET /__emulator/stats,
POST /__emulator/requests/clear, GET|PUT /__emulator/faults, POST /__emulator/tokens/expire`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

function number(
  name: string,
  value: string | undefined,
  { min = 0, max = Number.POSITIVE_INFINITY } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number between ${min} and ${max} (got "${value}")`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-version': { type: 'string' },
        'token-ttl': { type: 'string' },
        'rate-limit': { type: 'string' },
        'no-demo-data': { type: 'boolean' },
        latency: { type: 'string' },
        jitter: { type: 'string' },
        'error-rate': { type: 'string' },
        'error-status': { type: 'string' },
        'rate-limit-rate': { type: 'string' },
        'reset-rate': { type: 'string' },
        'malformed-rate': { type: 'string' },
        'drift-rate': { type: 'string' },
        'lost-response-rate': { type: 'string' },
        'fault-operation': { type: 'string' },
        seed: { type: 'string' },
        log: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();

if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

const rate = (name: string, value: string | undefined) => number(name, value, { max: 1 });
const rule: FaultRule = {
  latencyMs: number('latency', values.latency),
  jitterMs: number('jitter', values.jitter),
  errorRate: rate('error-rate', values['error-rate']),
  errorStatus: number('error-status', values['error-status'], { min: 400, max: 599 }),
  rateLimitRate: rate('rate-limit-rate', values['rate-limit-rate']),
  connectionResetRate: rate('reset-rate', values['reset-rate']),
  malformedRate: rate('malformed-rate', values['malformed-rate']),
  driftRate: rate('drift-rate', values['drift-rate']),
  lostResponseRate: rate('lost-response-rate', values['lost-response-rate']),
};
const rateLimit = number('rate-limit', values['rate-limit']) ?? 250;

const emulator = await startEmulator({
  port: number('port', values.port, { max: 65_535 }) ?? 8787,
  host: values.host ?? '127.0.0.1',
  version: values['api-version'] ?? DEFAULT_VERSION,
  tokenTtlSeconds: number('token-ttl', values['token-ttl'], { min: 1 }) ?? 900,
  rateLimit: rateLimit === 0 ? false : { limit: rateLimit, windowMs: 60_000 },
  demoData: !values['no-demo-data'],
  faults: { [values['fault-operation'] ?? '*']: rule },
  seed: number('seed', values.seed) ?? 42,
  logger: values.log ?? false,
});

const demo = DEMO_APPLICATIONS[0];
process.stdout.write(
  [
    `Criteo Audience API emulator listening on ${emulator.url}`,
    `  API:    ${emulator.apiUrl} (versions served: ${emulator.versions.join(', ')})`,
    `  Token:  POST ${emulator.url}/oauth2/token (form: grant_type=client_credentials, client_id, client_secret)`,
    `  Demo credentials: client_id=${demo?.clientId} client_secret=${demo?.clientSecret} (advertisers ${demo?.advertiserIds.join(', ')})`,
    `  Control: ${emulator.url}/__emulator/stats`,
    '',
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
