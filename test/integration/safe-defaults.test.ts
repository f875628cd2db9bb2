import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm start`'s entry point until it exits (or is stopped after its first log line). */
function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Started: that is all this test needs to know.
      if (stdout.includes('GraphQL gateway listening')) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start: safe defaults (HOST, ALLOW_UNAUTHENTICATED)', () => {
  it('refuses to start with real credentials on a reachable interface and no caller authentication', async () => {
    const { code, stdout, stderr } = await runMain({
      CRITEO_CLIENT_ID: 'a-real-client',
      CRITEO_CLIENT_SECRET: 'a-real-secret',
      HOST: '0.0.0.0',
    });
    expect(code).toBe(1);
    expect(stdout).not.toContain('listening');
    expect(stderr).toMatch(/HOST: 0\.0\.0\.0 is reachable from other machines/);
    expect(stderr).toMatch(/set AUTH_JWKS_URL .* or set ALLOW_UNAUTHENTICATED=true/);
    expect(stderr).not.toContain('a-real-secret');
  });

  it('starts the embedded emulator on loopback without authentication', async () => {
    const { stdout } = await runMain({});
    const listening = stdout.split('\n').find((line) => line.includes('GraphQL gateway listening'));
    expect(listening).toMatch(/"url":"http:\/\/127\.0\.0\.1:\d+\/graphql"/);
  });
});
