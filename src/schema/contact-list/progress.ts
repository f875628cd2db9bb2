import type { ChunkResult, ContactListChange } from './upload.js';

/**
 * The chunk results of one upload as they come, for `chunkResults` (with `@stream`, each reaches the
 * client as Criteo answers it). Every reader gets every result from the first, so a field selected
 * twice (aliases) or read after the upload ended sees the whole list.
 */
export class ChunkProgress implements AsyncIterable<ChunkResult> {
  private readonly results: ChunkResult[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void)[] = [];

  push(result: ChunkResult): void {
    this.results.push(result);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** The upload broke off: a reader gets the results so far, then this error, not a short list. */
  fail(error: unknown): void {
    this.failure = { error };
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ChunkResult> {
    for (let next = 0; ; ) {
      const result = this.results[next];
      if (result) {
        next += 1;
        yield result;
      } else if (this.ended) {
        if (this.failure) throw this.failure.error;
        return;
      } else {
        await new Promise<void>((resolve) => this.wake.push(resolve));
      }
    }
  }

  private notify(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * An upload whose first chunk was answered: the payload goes out now, its totals once `done`
 * settles, its chunks one by one through `progress`.
 */
export interface LiveChange extends Pick<ContactListChange, 'segmentId' | 'operation' | 'identifierType'> {
  done: Promise<ContactListChange>;
  progress: ChunkProgress;
}
