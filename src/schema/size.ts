import type { Size } from '../loaders/index.js';
import { builder } from './builder.js';

/** The number of people in a segment or an audience, as Criteo computes it. */
export const AudienceSizeRef = builder.objectRef<Size>('AudienceSize').implement({
  description: 'How many people a segment or an audience reaches, as Criteo computes it.',
  fields: (t) => ({
    value: t.field({ type: 'SafeInt', description: 'The number of people.', resolve: (size) => size.value }),
  }),
});
