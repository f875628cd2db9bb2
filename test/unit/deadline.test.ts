import { describe, expect, it } from 'vitest';
import { ClientDisconnectedError, createDeadline, DeadlineExceededError } from '../../src/deadline.js';

describe('createDeadline', () => {
  it('aborts `disconnected` when the client goes away, with the deadline signal', () => {
    const client = new AbortController();
    const deadline = createDeadline(10_000, client.signal);
    client.abort();
    expect(deadline.disconnected.aborted).toBe(true);
    expect(deadline.disconnected.reason).toMatchObject({ name: 'AbortError' });
    expect(deadline.signal.reason).toBeInstanceOf(ClientDisconnectedError);
    deadline.clear();
  });

  it('leaves `disconnected` alone when time runs out', async () => {
    const deadline = createDeadline(5, new AbortController().signal);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceededError);
    expect(deadline.disconnected.aborted).toBe(false);
  });
});
