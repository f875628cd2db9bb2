export {
  loadAudienceSizesById,
  loadAudiencesById,
  loadAudiencesBySegmentId,
  MAX_AUDIENCE_PAGES_PER_BATCH,
} from './audiences.js';
export { type Batching, runBatch } from './batching.js';
export { loadContactListStatisticsById } from './contact-lists.js';
export { audienceSizeLoader, contactListStatisticsLoader, segmentSizeLoader } from './request-loaders.js';
export { loadSegmentSizesById, loadSegmentsById } from './segments.js';
export { SettledLoader } from './settled.js';
