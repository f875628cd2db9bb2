import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

async function output(child: ChildProcess, until: RegExp): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout ?? []) {
    text += String(chunk);
    if (until.test(text)) return text;
  }
  return text;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

describe('npm run emulator', () => {
  it('starts on loopback, prints its URL and the demo credentials, and serves tokens', async () => {
    const child = run(['--port', '0']);
    const text = await output(child, /Demo credentials.*\n/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(text).toContain('client_id=demo-client-id client_secret=demo-client-secret');
    const response = await fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client-id&client_secret=demo-client-secret',
    });
    expect(response.status).toBe(200);
  });

  it('documents its flags with --help', async () => {
    const child = run(['--help']);
    const text = await output(child, /Control API/);
    expect(text).toContain('--port <n>');
    expect(text).toContain('--latency <ms>');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('rejects an out-of-range flag with the flag name and exit code 2', async () => {
    const child = run(['--error-rate', '2']);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--error-rate must be a number between 0 and 1 (got "2")');
  });
});
