import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Problem } from '../../src/contract/envelope.js';
import { CriteoError } from '../../src/criteo/errors.js';
import { type BulkAnswer, bulkAnswer } from '../../src/criteo/models.js';
import { RejectedItem, runBulk } from '../../src/schema/shared/bulk.js';
import { checkItems } from '../../src/schema/shared/bulk-checks.js';
import { BulkItemProblem } from '../../src/schema/shared/criteo-problems.js';
import { idSchema } from '../../src/schema/shared/inputs.js';

interface Item {
  name: string;
}
interface Resource {
  id: string;
  name: string;
}

/** What Criteo answers a bulk call, already as models (the client's `toBulkAnswer` unwraps the envelope). */
interface BulkResponse<R> {
  data?: R[];
  errors?: Problem[];
  warnings?: Problem[];
}

/** A fake bulk endpoint: names starting with "x" fail; successes come back in reverse order. */
function fakeCreate(answer?: (chunk: readonly Item[], call: number) => BulkResponse<Resource>) {
  const calls: Item[][] = [];
  let id = 0;
  const respond = (chunk: readonly Item[]): BulkResponse<Resource> => {
    calls.push([...chunk]);
    if (answer) return answer(chunk, calls.length - 1);
    const errors: Problem[] = [];
    const data: Resource[] = [];
    for (const [i, item] of chunk.entries()) {
      if (item.name.startsWith('x'))
        errors.push({
          code: 'bad-name',
          instance: `@data/${i}`,
          source: { name: `data/${i}/attributes/name` },
        });
      else data.push({ id: String(++id), name: item.name });
    }
    return { data: data.reverse(), errors };
  };
  const send = async (chunk: readonly Item[]): Promise<BulkAnswer<Resource>> => {
    const response = respond(chunk);
    return bulkAnswer(response.data ?? [], response, chunk.length);
  };
  return { calls, send };
}

const options = (send: (chunk: readonly Item[]) => Promise<BulkAnswer<Resource>>) => ({
  send,
  itemKey: (item: Item) => item.name,
  resultKey: (resource: Resource) => resource.name,
  chunkSize: 3,
});

const names = (count: number, bad: number[] = []) =>
  Array.from({ length: count }, (_, i) => ({ name: bad.includes(i) ? `x${i}` : `n${i}` }));

describe('runBulk', () => {
  it('chunks in order and pairs successes by key, whatever order Criteo answers in', async () => {
    const criteo = fakeCreate();
    const outcome = await runBulk(names(7, [4]), options(criteo.send));
    expect(criteo.calls.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(
      outcome.results.map((r) => (r instanceof BulkItemProblem ? `problem ${r.index}` : r.name)),
    ).toEqual(['n0', 'n1', 'n2', 'n3', 'problem 4', 'n5', 'n6']);
    const [problem] = outcome.problems;
    expect(problem?.instance).toBe('@data/4');
    expect(problem?.source).toEqual({ name: 'data/4/attributes/name' });
  });

  it('pairs by order when keys do not match, and gives an unanswered item a problem of its own', async () => {
    const criteo = fakeCreate(() => ({ data: [{ id: '9', name: 'RENAMED' }] }));
    const outcome = await runBulk(names(2), options(criteo.send));
    expect(outcome.results[0]).toEqual({ id: '9', name: 'RENAMED' });
    expect(outcome.results[1]).toMatchObject({ index: 1, criteoCode: 'result-missing' });
  });

  it("marks every item of a failed call with its own @data problem, else the call's", async () => {
    const refused = new CriteoError('CRITEO_BAD_REQUEST', 'refused', {
      operation: 'Create',
      status: 400,
      traceId: 't-1',
      problems: [{ code: 'name-must-be-unique', instance: '@data/1' }],
    });
    const outage = new CriteoError('CRITEO_UNAVAILABLE', 'down', { operation: 'Create', status: 503 });
    const criteo = fakeCreate((_chunk, call) => {
      throw call === 0 ? refused : outage;
    });
    const outcome = await runBulk(names(4), options(criteo.send));
    expect(outcome.results.map((r) => (r instanceof BulkItemProblem ? [r.index, r.criteoCode] : r))).toEqual([
      [0, 'CRITEO_BAD_REQUEST'],
      [1, 'name-must-be-unique'],
      [2, 'CRITEO_BAD_REQUEST'],
      [3, 'CRITEO_UNAVAILABLE'],
    ]);
    expect(outcome.results[0]).toMatchObject({ traceId: 't-1', type: null });
    expect(outcome.results[3]).toMatchObject({ type: 'availability' });
  });

  it('rebases item warnings and keeps one copy of a warning repeated by every chunk', async () => {
    const criteo = fakeCreate((chunk) => ({
      data: chunk.map((item, i) => ({ id: String(i), name: item.name })),
      warnings: [
        { code: 'deprecated-field', detail: 'x is deprecated' },
        { code: 'name-trimmed', instance: '@data/0' },
      ],
    }));
    const outcome = await runBulk(names(4), options(criteo.send));
    expect(
      outcome.warnings.map((w) => [w instanceof BulkItemProblem ? w.index : null, w.criteoCode]),
    ).toEqual([
      [null, 'deprecated-field'],
      [0, 'name-trimmed'],
      [3, 'name-trimmed'],
    ]);
  });

  it('never sends a rejected item and reports it at its own index; the others keep theirs', async () => {
    const criteo = fakeCreate();
    const items = [...names(5)];
    const rejected = new RejectedItem([
      { code: 'invalid-input', source: { name: 'data/0/attributes/name' } },
    ]);
    const outcome = await runBulk([items[0], rejected, items[2], items[3], rejected], options(criteo.send));
    expect(criteo.calls).toEqual([[items[0], items[2], items[3]]]);
    expect(
      outcome.results.map((r) => (r instanceof BulkItemProblem ? `problem ${r.index}` : r.name)),
    ).toEqual(['n0', 'problem 1', 'n2', 'n3', 'problem 4']);
    expect(outcome.problems.map((p) => [p.index, p.instance, p.source])).toEqual([
      [1, '@data/1', { name: 'data/1/attributes/name' }],
      [4, '@data/4', { name: 'data/4/attributes/name' }],
    ]);
  });

  it('sends each group in calls of its own, in input order within a group, and maps answers back', async () => {
    const criteo = fakeCreate((chunk, call) => {
      if (chunk.some((item) => item.name.startsWith('b')))
        throw new CriteoError('CRITEO_FORBIDDEN', 'no', {
          operation: 'Create',
          status: 403,
          problems: [{ code: 'advertiser-not-authorized' }],
        });
      return { data: chunk.map((item) => ({ id: `${call}`, name: item.name })) };
    });
    const items = ['a0', 'b1', 'a2', 'b3', 'a3', 'a4', 'c6'].map((name) => ({ name }));
    const outcome = await runBulk(items, { ...options(criteo.send), groupOf: (item) => item.name[0] ?? '' });
    expect(criteo.calls.map((chunk) => chunk.map((item) => item.name))).toEqual([
      ['a0', 'a2', 'a3'],
      ['a4'],
      ['b1', 'b3'],
      ['c6'],
    ]);
    expect(
      outcome.results.map((r) => (r instanceof BulkItemProblem ? `${r.index} ${r.criteoCode}` : r.name)),
    ).toEqual(['a0', '1 advertiser-not-authorized', 'a2', '3 advertiser-not-authorized', 'a3', 'a4', 'c6']);
  });

  it('lets a bug through', async () => {
    const criteo = fakeCreate(() => {
      throw new TypeError('bug');
    });
    await expect(runBulk(names(1), options(criteo.send))).rejects.toThrow('bug');
  });
});

describe('checkItems', () => {
  const Item = z.object({ id: idSchema('a segment id'), days: z.number().min(0) });

  it('turns the issues of item N into problems at N and keeps the valid items parsed', () => {
    const checked = checkItems(
      [
        { id: '1', days: 2 },
        { id: 'x', days: -1 },
        { id: '1', days: 3 },
      ],
      Item,
      { argument: 'input', idOf: (item) => item.id },
    );
    expect(checked[0]).toEqual({ id: '1', days: 2 });
    const problems = (i: number) => (checked[i] instanceof RejectedItem ? checked[i].problems : []);
    expect(problems(1)).toEqual([
      {
        code: 'non-parsable-id',
        title: 'One or more IDs cannot be parsed',
        type: 'validation',
        detail: 'input[1].id: a segment id is numeric, e.g. "100014" (got "x")',
        instance: '@data/1',
        source: { id: 'data/1/id' },
      },
      expect.objectContaining({
        code: 'invalid-input',
        detail: expect.stringMatching(/^input\[1\]\.days: /),
        source: { days: 'data/1/attributes/days' },
      }),
    ]);
    expect(problems(2)).toEqual([
      expect.objectContaining({
        code: 'duplicate-id',
        detail: 'input[2].id: 1 appears more than once (first at [0])',
        source: { id: 'data/2/id' },
      }),
    ]);
  });
});
