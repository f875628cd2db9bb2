import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GatewayContext } from '../context.js';
import type { AudienceSize } from '../contract/audience-segment.js';
import type { ContactListStatistics } from '../contract/contact-list.js';
import { CRITEO_MAX_BULK_ITEMS } from '../contract/limits.js';
import { loadAudienceSizesById } from './audiences.js';
import { runBatch } from './batching.js';
import { loadContactListStatisticsById } from './contact-lists.js';
import { loadSegmentSizesById } from './segments.js';
import { SettledLoader } from './settled.js';

// Sizes and statistics keep a DataLoader of their own (one per request, in the same Pothos context
// cache as the plugin's) instead of `t.loadable`: the plugin keeps a loadable field's DataLoader
// private to the field, and a write must clear the keys it made stale (test: "computes a size again
// after an update made it stale"). Sizes are `SettledLoader`s: a page loads them ahead, its fields read them at once.

export const segmentSizeLoader = createContextCache(
  (ctx: GatewayContext) =>
    new SettledLoader(
      new DataLoader<string, AudienceSize>(
        (ids) =>
          runBatch(ctx.batching, 'segmentSizes', ids, (keys) => loadSegmentSizesById(ctx.criteo, keys)),
        { maxBatchSize: CRITEO_MAX_BULK_ITEMS },
      ),
    ),
);

export const audienceSizeLoader = createContextCache(
  (ctx: GatewayContext) =>
    new SettledLoader(
      new DataLoader<string, AudienceSize>(
        (ids) =>
          runBatch(ctx.batching, 'audienceSizes', ids, (keys) => loadAudienceSizesById(ctx.criteo, keys)),
        { maxBatchSize: CRITEO_MAX_BULK_ITEMS },
      ),
    ),
);

export const contactListStatisticsLoader = createContextCache(
  (ctx: GatewayContext) =>
    new DataLoader<string, ContactListStatistics | null>(
      (ids) =>
        runBatch(ctx.batching, 'contactListStatistics', ids, (keys) =>
          loadContactListStatisticsById(ctx.criteo, keys),
        ),
      // No batch endpoint: one GET per list, sent as soon as it is asked for.
      { batch: false },
    ),
);
