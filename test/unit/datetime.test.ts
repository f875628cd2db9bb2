import { isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

describe('DateTime', () => {
  const scalar = schema.getType('DateTime');
  // graphql-scalars may hand back a Date (JSON prints it as ISO) or the string itself.
  const serialize = (value: string) => {
    const out: unknown = isScalarType(scalar) ? scalar.serialize(value) : undefined;
    return out instanceof Date ? out.toISOString() : out;
  };

  it("reads Criteo's offset-less UTC timestamps, with or without seconds and fractions", () => {
    expect(serialize('2023-05-09T16:30:50.4633333')).toBe('2023-05-09T16:30:50.463Z');
    expect(serialize('2023-05-09T16:30:50')).toBe('2023-05-09T16:30:50.000Z');
    expect(serialize('2023-05-09T16:30')).toBe('2023-05-09T16:30:00.000Z');
    expect(serialize('2018-07-04T00:00:00Z')).toBe('2018-07-04T00:00:00.000Z');
  });

  it('passes a timestamp already printed as the answer prints it, and still refuses an impossible one', () => {
    const canonical = '2025-07-20T00:00:00.000Z';
    expect(isScalarType(scalar) ? scalar.serialize(canonical) : undefined).toBe(canonical);
    expect(() => serialize('2025-02-30T00:00:00.000Z')).toThrow(/invalid date-time-string/);
  });
});
