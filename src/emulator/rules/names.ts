import { type ItemProblemInit, itemProblem } from '../problems.js';

/** Longest name the emulator accepts (Criteo documents a limit without its value). */
export const MAX_NAME_LENGTH = 255;

/** The codes a name clash gets: Criteo words them differently for segments and audiences. */
export interface NameCodes {
  unique: 'name-must-be-unique' | 'audience-name-must-be-unique';
  duplicate: 'duplicate-name' | 'audience-name-must-be-unique';
}

/**
 * Name rules shared by segments and audiences: not empty, not too long, unique per advertiser among
 * stored entities (`uniqueCode`) and among the items of the same request (`duplicateCode`).
 */
export function checkName(
  name: string | undefined,
  path: string,
  taken: (name: string) => boolean,
  batchNames: Set<string>,
  codes: NameCodes,
): ItemProblemInit[] {
  if (name === undefined || name.trim() === '') {
    return [itemProblem('name-must-not-be-empty', 'The name must not be empty', 'name', path)];
  }
  if (name.length > MAX_NAME_LENGTH) {
    return [
      itemProblem(
        'name-must-not-be-too-long',
        `The name is longer than ${MAX_NAME_LENGTH} characters`,
        'name',
        path,
      ),
    ];
  }
  const key = name.trim().toLowerCase();
  if (batchNames.has(key)) {
    return [
      itemProblem(
        codes.duplicate,
        `The name "${name}" is used by another item of this request`,
        'name',
        path,
      ),
    ];
  }
  if (taken(key)) {
    return [itemProblem(codes.unique, `Another entity of this advertiser is named "${name}"`, 'name', path)];
  }
  return [];
}

/** Non-numeric ids are `non-parsable-id`; an id already seen in the request is `duplicate-id`. */
export function checkId(id: string | undefined, path: string, seen: Set<string>): ItemProblemInit[] {
  if (!id || !/^\d{1,18}$/.test(id)) {
    return [itemProblem('non-parsable-id', `The id "${id ?? ''}" is not a numeric id`, 'id', path)];
  }
  if (seen.has(id))
    return [itemProblem('duplicate-id', `The id ${id} appears more than once in this request`, 'id', path)];
  seen.add(id);
  return [];
}
