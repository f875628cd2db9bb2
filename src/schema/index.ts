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

/** The public GraphQL schema, built once from the Pothos definitions. */
export const schema = builder.toSchema({ sortSchema: false });
