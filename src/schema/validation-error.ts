import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import type { GraphQLError } from 'graphql';
import { gatewayError } from './shared/gateway-error.js';

/** One rule an input broke: `path` as a client writes it (`input[1].algebra.and[0]`). */
export interface InputIssue {
  path: string;
  message: string;
}

type PathSegment = NonNullable<StandardSchemaV1.Issue['path']>[number];

const keyOf = (segment: PathSegment): PropertyKey => (typeof segment === 'object' ? segment.key : segment);

/** `['input', 1, 'algebra', 'and', 0]` -> `input[1].algebra.and[0]`. */
export function formatPath(path: StandardSchemaV1.Issue['path']): string {
  return (path ?? []).reduce<string>((text, segment) => {
    const key = keyOf(segment);
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** A request-level error for bad input: every issue as `path: rule`, code `BAD_USER_INPUT`. */
export function badUserInput(issues: readonly InputIssue[]): GraphQLError {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return gatewayError(message, { code: 'BAD_USER_INPUT', issues });
}

/** The validation plugin's failure (zod issues) as a `BAD_USER_INPUT` error. */
export function toBadUserInput(issues: readonly StandardSchemaV1.Issue[]): GraphQLError {
  return badUserInput(issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
}
