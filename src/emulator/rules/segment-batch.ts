import type { EmulatorApplication } from '../auth.js';
import type { EmulatorStore, SegmentRecord } from '../store.js';
import { ItemBatch } from './item-batch.js';

/** The items of one segment bulk call: names and ids used by earlier items, and what the caller may see. */
export class SegmentBatch extends ItemBatch<SegmentRecord> {
  constructor(
    readonly store: EmulatorStore,
    readonly application: EmulatorApplication,
  ) {
    super(store.segments, application.advertiserIds, {
      unique: 'name-must-be-unique',
      duplicate: 'duplicate-name',
      notFound: 'segment-not-found',
      noun: 'Segment',
    });
  }
}

/** Behavioral segments and Criteo-managed contact lists cannot be written through the API. */
export function isReadOnly(record: SegmentRecord): boolean {
  return record.attributes.type === 'Behavioral' || record.attributes.contactList?.isReadOnly === true;
}
