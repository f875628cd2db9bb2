import type { z } from 'zod';
import type { Problem } from '../../contract/envelope.js';
import { formatPath } from '../validation-error.js';
import { RejectedItem } from './bulk.js';
import { RULE_TITLES, type RuleCode } from './inputs.js';

export interface ItemChecks<Raw> {
  /** The list argument as the client names it (`input`, `ids`), for the paths in `detail`. */
  argument: string;
  /** The item is an id itself (deletes): its problems point at `data/N/id`. */
  itemIsId?: boolean;
  /** Updates and deletes name each id once: a repeat fails (`duplicate-id`), its first use goes on. */
  idOf?: (item: Raw) => string;
}

/** Where an item's problems point: what `itemProblems` needs of `ItemChecks`. */
type Where = Pick<ItemChecks<unknown>, 'argument' | 'itemIsId'>;

const isRuleCode = (code: unknown): code is RuleCode => typeof code === 'string' && code in RULE_TITLES;

/** A GraphQL input path inside one item -> the same field in Criteo's request (`attributes/…`). */
function criteoPath(path: readonly PropertyKey[], itemIsId: boolean): (string | number)[] {
  if (itemIsId || path[0] === 'id') return ['id'];
  const inside = path
    .filter((key, i) => !(i === 0 && key === 'definition')) // Criteo has the settings at the top level
    .map((key) => (key === 'segmentId' ? 'audienceSegmentId' : key))
    .filter((key): key is string | number => typeof key !== 'symbol');
  return ['attributes', ...inside];
}

function problemAt(
  index: number,
  code: RuleCode,
  message: string,
  path: readonly PropertyKey[],
  checks: Where,
): Problem {
  const target = criteoPath(path, checks.itemIsId ?? false);
  const field = target.filter((key) => typeof key === 'string').at(-1) ?? 'id';
  return {
    code,
    title: RULE_TITLES[code],
    type: 'validation',
    detail: `${formatPath([checks.argument, index, ...path])}: ${message}`,
    instance: `@data/${index}`,
    source: { [field]: ['data', index, ...target].join('/') },
  };
}

/**
 * The zod issues of item `index` as Criteo-shaped problems of that item: Criteo's code when the rule
 * is one Criteo enforces too (the schema's `params.code`), else `invalid-input`; `detail` names the
 * input path and the rule, `source` the field in Criteo's request.
 */
export function itemProblems(issues: readonly z.core.$ZodIssue[], index: number, checks: Where): Problem[] {
  return issues.map((issue) => {
    const code =
      issue.code === 'custom' && isRuleCode(issue.params?.code) ? issue.params.code : 'invalid-input';
    return problemAt(index, code, issue.message, issue.path, checks);
  });
}

/**
 * Checks each item of a bulk mutation on its own: the valid ones come back parsed (Criteo's shape),
 * a bad one as a `RejectedItem` with its problems, so it fails alone and its siblings are still sent.
 */
export function checkItems<Raw, S extends z.ZodType>(
  items: readonly Raw[],
  schema: S,
  checks: ItemChecks<Raw>,
): (z.output<S> | RejectedItem)[] {
  const firstUse = new Map<string, number>();
  return items.map((item, index) => {
    const parsed = schema.safeParse(item);
    const problems = parsed.success ? [] : itemProblems(parsed.error.issues, index, checks);
    const id = checks.idOf?.(item);
    if (id !== undefined) {
      const first = firstUse.get(id);
      if (first === undefined) firstUse.set(id, index);
      else
        problems.push(
          problemAt(
            index,
            'duplicate-id',
            `${id} appears more than once (first at [${first}])`,
            checks.itemIsId ? [] : ['id'],
            checks,
          ),
        );
    }
    if (parsed.success && problems.length === 0) return parsed.data;
    return new RejectedItem(problems);
  });
}
