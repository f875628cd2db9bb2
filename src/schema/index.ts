import { builder } from './builder.js';
import './shared/problems.js';
import './shared/size.js';
import './audience-segment/enums.js';
import './audience-segment/segment.js';
import './audience-segment/members.js';
import './contact-list/segment.js';
import './audience-segment/queries.js';
import './audience/audience.js';
import './audience/segment-audiences.js';
import './audience/queries.js';
import './in-market.js';
import './application.js';
import './advertiser.js';
import './audience/entity.js';
import './audience-segment/entity.js';
import './audience-segment/mutations.js';
import './audience/mutations.js';
import './audience-segment/estimate.js';
import './audience/estimate.js';
import './ad-set.js';
import './upload.js';
import './contact-list/mutations.js';

/**
 * The schema the gateway serves: the public API plus the Federation 2 subgraph fields
 * (`_service`, `_entities`), so one server is both the API and a subgraph.
 */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  sortSchema: false,
});
