import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyOf, readResponse, startTestGateway, type TestGateway } from '../support/gateway.js';

let gateway: TestGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const LIMIT = 64 * 1024;

/** POSTs `chunks` as the body, with `Content-Length` or chunked, and reads the whole answer. */
function post(url: string, chunks: string[], chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(chunked ? {} : { 'content-length': String(length) }),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is written.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

/** A query with a large variable it never uses, and large extensions: both count. */
function bloated(size: number): string[] {
  const head = '{"query":"{ me { name } }","extensions":{"padding":"';
  const middle = 'x'.repeat(size);
  return [head, ...(middle.match(/.{1,16384}/g) ?? []), '"},"variables":{"unused":[1,2,3]}}'];
}

describe('JSON request bodies', () => {
  it('are refused with HTTP 413 naming MAX_REQUEST_BYTES when Content-Length says they are too large', async () => {
    gateway = await startTestGateway({ env: { MAX_REQUEST_BYTES: String(LIMIT) } });
    const answer = await post(gateway.url, bloated(LIMIT), false);
    expect(answer.status).toBe(413);
    const body = await readResponse(answer.body);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `larger than the limit of ${LIMIT} bytes (MAX_REQUEST_BYTES)`,
        ) as unknown,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown,
      }),
    ]);
    expect(gateway.calls()).toEqual({});
  });

  it('are cut while they arrive when chunked, with the same 413', async () => {
    gateway = await startTestGateway({ env: { MAX_REQUEST_BYTES: String(LIMIT) } });
    const answer = await post(gateway.url, bloated(4 * LIMIT), true);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('MAX_REQUEST_BYTES');
    expect(gateway.calls()).toEqual({});
  });

  it('within the limit are served, chunked or not', async () => {
    gateway = await startTestGateway({ env: { MAX_REQUEST_BYTES: String(LIMIT) } });
    for (const chunked of [false, true]) {
      const answer = await post(gateway.url, bloated(LIMIT / 2), chunked);
      expect(answer.status).toBe(200);
      expect(bodyOf(await readResponse(answer.body))).toEqual({
        data: { me: { name: expect.any(String) } },
      });
    }
    expect(gateway.calls()).toEqual({ GetCurrentApplication: 2 });
  });
});

describe('a request body that trickles in', () => {
  it('is answered 408 and its connection closed once REQUEST_BODY_TIMEOUT_MS passed', async () => {
    gateway = await startTestGateway({ env: { REQUEST_BODY_TIMEOUT_MS: '1000' } });
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const closed = new Promise<'closed' | 'client timeout'>((resolve) => {
      socket.on('close', () => resolve('closed'));
      // The client's own patience, far beyond the bound: reaching it means the server never cut.
      setTimeout(() => resolve('client timeout'), 30_000).unref();
    });
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    // One byte every 200 ms: the 1,000 bytes would take more than three minutes.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 200);
    try {
      expect(await closed).toBe('closed');
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(gateway.calls()).toEqual({});
  }, 40_000);
});
