import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface InputLimits {
  /** Deepest nesting of objects and lists inside one variable (the algebra needs at most ~20). */
  maxDepth: number;
  /** Most values (objects, lists and scalars) across all variables of a request. */
  maxValues: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxDepth: 64, maxValues: 2_500_000 };

/** JSON gives only plain objects and arrays; anything else (a multipart `File`) is one value. */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Refuses variables nested deeper than `maxDepth` or larger than `maxValues` before graphql-js
 * coerces them: its coercion is recursive and a deep enough input overflows the stack. Walked
 * with an explicit stack for the same reason. An uploaded file counts as one value: its bytes are
 * bounded by `MAX_UPLOAD_BYTES` while it arrives, and are not walked.
 */
export function measureVariables(variables: Record<string, unknown>, limits: InputLimits): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = Object.entries(variables).map(
    ([name, value]) => ({
      value,
      depth: 0,
      path: name,
    }),
  );
  let values = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    values += 1;
    if (values > limits.maxValues) return `variables: more than ${limits.maxValues} values in one request`;
    if (item.depth > limits.maxDepth)
      return `variables.${item.path}: nested deeper than ${limits.maxDepth} levels`;
    if (!isPlainContainer(item.value)) continue;
    const children = Array.isArray(item.value) ? item.value.entries() : Object.entries(item.value);
    for (const [key, value] of children) {
      // Keep the reported path short: the first levels name the place, then the depth says the rest.
      const path =
        item.depth < 4 ? `${item.path}${typeof key === 'number' ? `[${key}]` : `.${key}`}` : item.path;
      stack.push({ value, depth: item.depth + 1, path });
    }
  }
  return null;
}

export function useInputLimits(limits: InputLimits = DEFAULT_INPUT_LIMITS): Plugin {
  return {
    onParams({ params, setResult }) {
      if (!params.variables || typeof params.variables !== 'object') return;
      const problem = measureVariables(params.variables, limits);
      if (problem)
        setResult({ errors: [new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } })] });
    },
  };
}
