import { errorTypeMap } from '@pothos/plugin-errors';
import type { AudienceSize } from '../../contract/audience-segment.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import type { SettledLoader } from '../../loaders/settled.js';
import { builder } from '../builder.js';
import { toTypedProblem } from './criteo-problems.js';
import { asData } from './problems.js';

/** The number of people in a segment or an audience, as Criteo computes it. */
export const AudienceSizeRef = builder.objectRef<AudienceSize>('AudienceSize').implement({
  description: 'How many people a segment or an audience reaches, as Criteo computes it.',
  fields: (t) => ({
    value: t.field({ type: 'SafeInt', description: 'The number of people.', resolve: (size) => size.value }),
  }),
});

/**
 * A size the client answered as a size or a problem, for a field whose error union types
 * `CriteoProblem`: the problem is thrown (the errors plugin shows it as data), and so is Criteo
 * refusing the call; any other failure stays a GraphQL error.
 */
export async function sizeOrProblem(size: Promise<AudienceSize | CriteoProblemError>): Promise<AudienceSize> {
  let answer: AudienceSize | CriteoProblemError;
  try {
    answer = await size;
  } catch (error) {
    throw toTypedProblem(error);
  }
  if (answer instanceof CriteoProblemError) throw answer;
  return answer;
}

/**
 * `size` of a segment or an audience: its size, or the problem Criteo reported for that item. A plain
 * union the field fills itself (`sizeResult`): an error union (`errors`, `errorUnion`) wraps its
 * resolver in an async one, and a size a page loaded ahead would no longer complete without a promise.
 */
export const sizeResultUnion = (name: string, description: string) =>
  builder.unionType(name, {
    description,
    types: [CriteoProblemError, AudienceSizeRef],
    // A problem is the errors plugin's wrapper of it (`asData`), which it keeps in `errorTypeMap`.
    resolveType: (value) => (errorTypeMap.has(value) ? 'CriteoProblem' : 'AudienceSize'),
  });

/**
 * A size loader's answer for a `sizeResultUnion` field: at once when settled; an item's problem is
 * data (`CriteoProblem`), any other failure (the whole call's) stays a GraphQL error.
 */
export function sizeResult(
  sizes: SettledLoader<string, AudienceSize>,
  id: string,
): AudienceSize | CriteoProblemError | Promise<AudienceSize | CriteoProblemError> {
  const answer = sizes.settled(id);
  if (answer === undefined) return Promise.resolve(sizes.load(id)).catch(problemAsData);
  return answer instanceof Error ? problemAsData(answer) : answer;
}

function problemAsData(error: unknown): CriteoProblemError {
  if (error instanceof CriteoProblemError) return asData(error);
  throw error;
}
