import type { AudienceSize } from '../../contract/audience-segment.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { builder } from '../builder.js';
import { toTypedProblem } from './criteo-problems.js';

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
