import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { SettledLoader } from '../../../src/loaders/settled.js';

/** A loader whose batches wait for `release`, counting the keys it sends; `bad` fails its key. */
function settledLoader() {
  const sent: string[][] = [];
  let release = () => {};
  const held = () =>
    new Promise<void>((resolve) => {
      release = resolve;
    });
  let hold: Promise<void> | null = null;
  const loader = new DataLoader<string, string>(async (keys) => {
    sent.push([...keys]);
    if (hold) await hold;
    return keys.map((key) => (key === 'bad' ? new Error('bad key') : `${key.toUpperCase()}${sent.length}`));
  });
  return {
    sent,
    settled: new SettledLoader(loader),
    holdNext: () => {
      hold = held();
    },
    release: () => release(),
  };
}

describe('SettledLoader', () => {
  it('answers a settled key at once, and a failed one as its error, after one batch', async () => {
    const { settled, sent } = settledLoader();
    await settled.settle(['a', 'b', 'bad']);
    expect(sent).toEqual([['a', 'b', 'bad']]);
    expect(settled.load('a')).toBe('A1');
    expect(settled.loadMany(['b', 'a'])).toEqual(['B1', 'A1']);
    expect(settled.settled('bad')).toBeInstanceOf(Error);
    await expect(settled.load('bad')).rejects.toThrow('bad key');
    expect(sent).toHaveLength(1);
  });

  it('leaves a key it has not settled to the DataLoader (a promise, batched as before)', async () => {
    const { settled, sent } = settledLoader();
    await settled.settle(['a']);
    const b = settled.load('b');
    expect(b).toBeInstanceOf(Promise);
    expect(settled.settled('b')).toBeUndefined();
    const many = settled.loadMany(['a', 'c']);
    expect(many).toBeInstanceOf(Promise);
    expect(await b).toBe('B2');
    expect(await many).toEqual(['A1', 'C2']);
    expect(sent).toEqual([['a'], ['b', 'c']]);
  });

  it('forgets a cleared key: the next load asks again, as the DataLoader does', async () => {
    const { settled, sent } = settledLoader();
    await settled.settle(['a', 'b']);
    settled.clear('a');
    expect(settled.settled('a')).toBeUndefined();
    expect(await settled.load('a')).toBe('A2');
    expect(settled.load('b')).toBe('B1');
    settled.clearAll();
    expect(await settled.load('b')).toBe('B3');
    expect(sent).toEqual([['a', 'b'], ['a'], ['b']]);
  });

  it('keeps nothing from a settle a clear happened during (a write made its answers stale)', async () => {
    const { settled, holdNext, release, sent } = settledLoader();
    holdNext();
    const settling = settled.settle(['a', 'b']);
    // The write lands while the batch is out: its key is cleared and primed with the written value.
    await Promise.resolve();
    settled.clear('a').prime('a', 'A-written');
    release();
    await settling;
    expect(settled.settled('a')).toBeUndefined();
    expect(settled.settled('b')).toBeUndefined();
    expect(await settled.load('a')).toBe('A-written');
    expect(sent).toEqual([['a', 'b']]);
  });

  it('primes like the DataLoader: a key already settled keeps its answer', async () => {
    const { settled } = settledLoader();
    await settled.settle(['a']);
    settled.prime('a', 'other');
    expect(settled.load('a')).toBe('A1');
    expect(await settled.loader.load('a')).toBe('A1');
  });
});
