import { describe, expect, it } from 'vitest';
import { measureVariables } from '../../src/plugins/use-input-limits.js';

function nested(depth: number): unknown {
  let node: unknown = { segmentId: '1' };
  for (let i = 0; i < depth; i++) node = { not: node };
  return node;
}

describe('measureVariables', () => {
  const limits = { maxDepth: 64, maxValues: 1_000 };

  it('accepts ordinary variables', () => {
    expect(measureVariables({ algebra: nested(10), ids: ['1', '2'] }, limits)).toBeNull();
  });

  it('names the variable nested too deep, without recursing (100,000 levels)', () => {
    expect(measureVariables({ algebra: nested(65) }, limits)).toBe(
      'variables.algebra.not.not.not.not: nested deeper than 64 levels',
    );
    expect(measureVariables({ algebra: nested(100_000) }, { maxDepth: 64, maxValues: 1_000_000 })).toMatch(
      /nested deeper than 64/,
    );
  });

  it('refuses more values than allowed across variables', () => {
    expect(
      measureVariables(
        { a: Array.from({ length: 600 }, String), b: Array.from({ length: 600 }, String) },
        limits,
      ),
    ).toBe('variables: more than 1000 values in one request');
  });

  it('counts an uploaded file as one value, whatever its size', () => {
    // Yoga's File ponyfill keeps its bytes in an own property: walking it counted every byte.
    class PonyfillLikeFile {
      readonly name = 'list.csv';
      readonly blobParts = [new Uint8Array(3_000)];
    }
    const variables = {
      input: { csv: { file: new PonyfillLikeFile() } },
      blob: new Blob(['x'.repeat(5_000)]),
    };
    expect(measureVariables(variables, limits)).toBeNull();
  });
});
