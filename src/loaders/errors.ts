import { GraphQLError } from 'graphql';

/** A lookup that would need more upstream pages than a batch may read (`TOO_MANY_RESULTS`). */
export function tooManyResults(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_RESULTS' } });
}
