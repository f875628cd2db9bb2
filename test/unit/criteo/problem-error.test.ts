import { describe, expect, it } from 'vitest';
import { CriteoError, CriteoProblemError } from '../../../src/criteo/errors.js';

describe('CriteoProblemError', () => {
  it('is plain data: no stack frames captured, and the stack trace limit left as it was', () => {
    const limit = Error.stackTraceLimit;
    const error = new CriteoProblemError({ code: 'segment-size-too-small', detail: 'Too small to be sized' });
    expect(error.stack).toBe('CriteoProblemError: Too small to be sized');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ criteoCode: 'segment-size-too-small', detail: 'Too small to be sized' });
    expect(Error.stackTraceLimit).toBe(limit);
    // A request-level failure keeps its stack: it is logged.
    expect(new CriteoError('CRITEO_UNAVAILABLE', 'down', { operation: 'SearchAudiences' }).stack).toMatch(
      /\n\s+at /,
    );
  });
});
