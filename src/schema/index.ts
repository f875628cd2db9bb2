import { builder } from './builder.js';
import './errors.js';
import './size.js';
import './enums.js';
import './audience-segment/types.js';
import './audience-segment/queries.js';
import './audience/types.js';
import './audience/queries.js';
import './in-market.js';
import './application.js';
import './advertiser.js';
import './federation.js';
import './write-results.js';
import './audience-segment/mutations.js';
import './audience/mutations.js';
import './estimates.js';
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
