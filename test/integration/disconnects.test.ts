import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

class LogCapture {
  readonly lines: string[] = [];
  write(line: string) {
    this.lines.push(line);
  }
  entries(): Record<string, unknown>[] {
    return this.lines
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => z.record(z.string(), z.unknown()).parse(JSON.parse(line)));
  }
}

let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('a client that goes away mid-query', () => {
  it('is logged once, as a disconnect', async () => {
    const capture = new LogCapture();
    gateway = await startTestGateway({ env: { LOG_LEVEL: 'info' }, logDestination: capture });
    await gateway.query('{ me { name } }');
    gateway.emulator.faults.set('*', { latencyMs: 1_500 });
    gateway.resetCalls();
    capture.lines.length = 0;
    const controller = new AbortController();
    const pending = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ThreeFields {
          a: audienceSegments(advertiserIds: ["4949"], first: 5) { totalCount }
          b: audiences(advertiserIds: ["4949"], first: 5) { totalCount }
          c: me { name }
        }`,
      }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    // Gone once its three upstream calls are under way.
    while (gateway.emulator.requests.list().length < 3)
      await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await pending;
    // The access line is the last one of a request: per-field errors are logged before it.
    const accessLine = (entry: Record<string, unknown>) =>
      entry.msg === 'client disconnected' || entry.msg === 'request served';
    while (!capture.entries().some(accessLine)) await new Promise((resolve) => setTimeout(resolve, 20));

    const lines = capture.entries().map(({ msg, code, disconnected, operationName }) => ({
      msg,
      code,
      disconnected,
      operationName,
    }));
    expect(lines).toEqual([
      { msg: 'client disconnected', code: undefined, disconnected: true, operationName: 'ThreeFields' },
    ]);
    // Its three upstream calls were cancelled, none sent again.
    expect(gateway.calls()).toEqual({
      SearchAudienceSegments: 1,
      SearchAudiences: 1,
      GetCurrentApplication: 1,
    });
  });
});

describe('a client that stays', () => {
  it('is logged as served, and a deadline still as CRITEO_TIMEOUT', async () => {
    const capture = new LogCapture();
    gateway = await startTestGateway({
      env: { LOG_LEVEL: 'info', OPERATION_TIMEOUT_MS: '300' },
      logDestination: capture,
    });
    await gateway.query('{ me { name } }');
    gateway.emulator.faults.set('GetCurrentApplication', { latencyMs: 3_000 });
    capture.lines.length = 0;
    const result = await gateway.query('query Slow { me { name } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CRITEO_TIMEOUT' });
    const lines = capture.entries().map(({ msg, code, disconnected }) => ({ msg, code, disconnected }));
    expect(lines).toEqual([
      {
        msg: 'GetCurrentApplication: cancelled, the GraphQL operation ran out of time',
        code: 'CRITEO_TIMEOUT',
        disconnected: undefined,
      },
      { msg: 'request served', code: undefined, disconnected: undefined },
    ]);
  });
});
