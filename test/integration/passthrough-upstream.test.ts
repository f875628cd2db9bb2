import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import {
  bodyOf,
  type GraphQLResponse,
  readResponse,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm start`'s entry point with `env` only. Once it listens, `whileUp` runs with its URL, then it
 * is stopped with SIGTERM; without `whileUp` it is left to exit by itself.
 */
function runMain(env: Record<string, string>, whileUp?: (url: string) => Promise<void>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  let started = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    run.stdout += chunk;
    const url = /"url":"([^"]+)"[^\n]*GraphQL gateway listening/.exec(run.stdout)?.[1];
    if (!whileUp || started || !url) return;
    started = true;
    void whileUp(url).finally(() => child.kill('SIGTERM'));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    run.stderr += chunk;
  });
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ ...run, code }));
  });
}

let emulator: Emulator | undefined;
let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  await emulator?.close();
  gateway = undefined;
  emulator = undefined;
});

describe('passthrough mode without service credentials', () => {
  it('refuses to start without CRITEO_API_URL instead of starting the embedded emulator', async () => {
    const run = await runMain({ CRITEO_AUTH_MODE: 'passthrough' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'CRITEO_API_URL: must be set in passthrough mode without service credentials',
    );
    expect(run.stdout).not.toContain('embedded emulator');
  });

  it('calls the CRITEO_API_URL it is given', async () => {
    const upstream = await startEmulator({ rateLimit: false });
    emulator = upstream;
    const application = upstream.applications[0];
    if (!application) throw new Error('the emulator has no application');
    const { token } = upstream.tokens.issue(application);
    let answer: GraphQLResponse = {};
    const run = await runMain(
      { CRITEO_AUTH_MODE: 'passthrough', CRITEO_API_URL: upstream.url, CRITEO_API_VERSION: upstream.version },
      async (url) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { name } }' }),
        });
        answer = await readResponse(response);
      },
    );
    expect(bodyOf(answer)).toEqual({ data: { me: { name: expect.any(String) } } });
    expect(upstream.requests.countsByOperation()).toEqual({ GetCurrentApplication: 1 });
    expect(run.stdout).toContain(`"upstream":"${upstream.url}/${upstream.version}/marketing-solutions"`);
    expect(run.stdout).not.toContain('embedded emulator');
    expect(run.code).toBe(0);
  });

  it('serves callers with their own token and is ready while Criteo answers', async () => {
    gateway = await startTestGateway({
      env: { CRITEO_AUTH_MODE: 'passthrough', CRITEO_CLIENT_ID: '', CRITEO_CLIENT_SECRET: '' },
    });
    const application = gateway.emulator.applications[0];
    if (!application) throw new Error('the emulator has no application');
    const { token } = gateway.emulator.tokens.issue(application);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { name } }' }),
    });
    expect(bodyOf(await readResponse(response))).toEqual({
      data: { me: { name: expect.any(String) } },
    });

    // Readiness has no token of its own: Criteo answering (401 to a call without one) is enough.
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { ready: true, status: 'ready' },
    });
    expect(gateway.emulator.requests.list().map((entry) => [entry.operationId, entry.status])).toEqual([
      ['GetCurrentApplication', 200],
      ['GetCurrentApplication', 401],
    ]);
  });
});
