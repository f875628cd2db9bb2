import {
  CRITEO_DEFAULT_PAGE_SIZE as DEFAULT_PAGE_SIZE,
  CRITEO_MAX_IDENTIFIERS_PER_CALL as IDENTIFIERS_CHUNK,
  CRITEO_MAX_PAGE_SIZE as MAX_PAGE_SIZE,
  CRITEO_MAX_BULK_ITEMS as WRITE_CHUNK,
} from '../contract/limits.js';
import { MAX_CSV_CHUNKS } from '../schema/contact-list/upload.js';

/** How a field's arguments bound its calls: page sizes, write chunks, identifier chunks. */

/** A CSV row holds at least one character and a line break. */
const MIN_BYTES_PER_ROW = 2;

export const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** `first`/`last` as the resolver reads them (default 50, at most 100; `ids` bound the page too). */
export function pageSize(args: Record<string, unknown>): number {
  const asked =
    typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : null;
  const page = Math.max(0, Math.min(asked ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
  return Array.isArray(args.ids) ? Math.min(page, args.ids.length) : page;
}

/** Create calls: Σ over advertisers of ⌈items/50⌉ (each advertiser's items go in calls of their own). */
export function createCalls(input: unknown): number {
  const groups = new Map<string, number>();
  for (const item of Array.isArray(input) ? input : []) {
    const advertiser =
      item && typeof item === 'object' && 'advertiserId' in item ? String(item.advertiserId) : '';
    groups.set(advertiser, (groups.get(advertiser) ?? 0) + 1);
  }
  return [...groups.values()].reduce((sum, n) => sum + Math.ceil(n / WRITE_CHUNK), 0);
}

export function identifierCalls(input: unknown, uploadBytes: number): number {
  if (!input || typeof input !== 'object') return 0;
  if ('identifiers' in input && Array.isArray(input.identifiers))
    return Math.ceil(input.identifiers.length / IDENTIFIERS_CHUNK);
  if (!('csv' in input) || !input.csv) return 0;
  // A streamed file is not read yet: its rows are bounded by its bytes, its calls by the upload.
  const rows = Math.ceil(uploadBytes / MIN_BYTES_PER_ROW);
  return Math.min(Math.ceil(rows / IDENTIFIERS_CHUNK), MAX_CSV_CHUNKS);
}
