import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { type Batching, runBatch } from '../../../src/loaders/batching.js';
import { loadContactListStatisticsById } from '../../../src/loaders/contact-lists.js';
import { fakeCriteo } from './fake-criteo.js';

/** A loader over `runBatch` the way the schema builds them, counting the batches it sends. */
function loader(batching: Batching, maxBatchSize = 2) {
  const sent: string[][] = [];
  const load = async (keys: readonly string[]) => {
    sent.push([...keys]);
    return keys.map((key) => (key === 'bad' ? new Error('bad key') : key.toUpperCase()));
  };
  return {
    sent,
    loader: new DataLoader<string, string>((keys) => runBatch(batching, 'test', keys, load), {
      maxBatchSize,
    }),
  };
}

describe('runBatch', () => {
  it('sends the keys of a tick in batches of maxBatchSize and reports each batch to onBatch', async () => {
    const observed: [string, number][] = [];
    const { loader: l, sent } = loader({ batch: true, onBatch: (name, size) => observed.push([name, size]) });
    const values = await Promise.all(['a', 'b', 'c', 'a'].map((key) => l.load(key)));
    expect(values).toEqual(['A', 'B', 'C', 'A']);
    expect(sent).toEqual([['a', 'b'], ['c']]);
    expect(observed).toEqual([
      ['test', 2],
      ['test', 1],
    ]);
  });

  it('with batch: false sends one call per key, and a failed key fails alone', async () => {
    const observed: number[] = [];
    const { loader: l, sent } = loader({ batch: false, onBatch: (_name, size) => observed.push(size) }, 100);
    const results = await l.loadMany(['a', 'bad', 'c']);
    expect(results[0]).toBe('A');
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[2]).toBe('C');
    expect(sent).toEqual([['a'], ['bad'], ['c']]);
    expect(observed).toEqual([1, 1, 1]);
  });
});

describe('loadContactListStatisticsById', () => {
  it('makes one GET per list and fails only the key whose GET failed', async () => {
    const { criteo, calls } = fakeCriteo([]);
    const [ok, failed] = await loadContactListStatisticsById(criteo, ['100033', '900033']);
    expect(ok).toEqual({ numberOfIdentifiers: 10, numberOfMatches: 5, matchRate: 0.5 });
    expect(failed).toBeInstanceOf(Error);
    expect(calls.map((c) => c.ids)).toEqual([['100033'], ['900033']]);
  });
});
