import { type ItemProblemInit, itemProblem, type ProblemCode } from '../problems.js';
import { checkId, checkName, type NameCodes } from './names.js';

/** A stored segment or audience, as far as the batch rules need it. */
interface NamedRecord {
  id: string;
  attributes: { advertiserId: string; name: string };
}

export interface ItemBatchRules extends NameCodes {
  /** `segment-not-found` or `audience-not-found`. */
  notFound: ProblemCode;
  /** `Segment` or `Audience`, for details. */
  noun: string;
}

/**
 * What the items of one bulk call share: the names earlier items took (per advertiser) and the ids
 * they named, so that item 3 clashing with item 1 is `duplicate-name` or `duplicate-id` at `@data/3`.
 */
export class ItemBatch<R extends NamedRecord> {
  private readonly names = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();

  constructor(
    private readonly records: ReadonlyMap<string, R>,
    /** The advertisers the application sees: anything else is not found. */
    readonly advertiserIds: readonly string[],
    private readonly rules: ItemBatchRules,
  ) {}

  /** Empty, too long, taken by a stored record (other than `selfId`) or by an earlier item. */
  checkName(
    advertiserId: string,
    name: string | undefined,
    index: number,
    selfId?: string,
  ): ItemProblemInit[] {
    const taken = (key: string) =>
      [...this.records.values()].some(
        (r) =>
          r.id !== selfId &&
          r.attributes.advertiserId === advertiserId &&
          r.attributes.name.trim().toLowerCase() === key,
      );
    return checkName(name, `data/${index}/attributes/name`, taken, this.namesOf(advertiserId), this.rules);
  }

  /** The advertiser of a stored record, whoever may see it (for the 403 of a foreign id). */
  advertiserOf(id: string): string | undefined {
    return this.records.get(id)?.attributes.advertiserId;
  }

  /** Records a name written by this item, for the items after it. */
  useName(advertiserId: string, name: string): void {
    this.namesOf(advertiserId).add(name.trim().toLowerCase());
  }

  /** The record an id-based item names: `non-parsable-id`, `duplicate-id`, or not found. */
  find(id: string | undefined, index: number): R | ItemProblemInit[] {
    const problems = checkId(id, `data/${index}/id`, this.ids);
    if (problems.length > 0) return problems;
    const record = this.records.get(id ?? '');
    if (!record || !this.advertiserIds.includes(record.attributes.advertiserId)) {
      const detail = `${this.rules.noun} ${id} does not exist`;
      return [itemProblem(this.rules.notFound, detail, 'id', `data/${index}/id`)];
    }
    return record;
  }

  private namesOf(advertiserId: string): Set<string> {
    const names = this.names.get(advertiserId) ?? new Set<string>();
    this.names.set(advertiserId, names);
    return names;
  }
}
