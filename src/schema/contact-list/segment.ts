import type { ContactListStatistics } from '../../contract/contact-list.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { contactListStatisticsLoader } from '../../loaders/request-loaders.js';
import { SEGMENT_MEMBERS, SegmentInterface } from '../audience-segment/segment.js';
import { builder } from '../builder.js';
import { toTypedProblem } from '../shared/criteo-problems.js';

export const ContactListStatisticsRef = builder
  .objectRef<ContactListStatistics>('ContactListStatistics')
  .implement({
    description: 'What Criteo matched of a contact list (not a size estimate).',
    fields: (t) => ({
      numberOfIdentifiers: t.int({
        nullable: true,
        resolve: (s) => s.numberOfIdentifiers ?? null,
        description: 'Identifiers in the list.',
      }),
      numberOfMatches: t.int({
        nullable: true,
        resolve: (s) => s.numberOfMatches ?? null,
        description: 'Identifiers Criteo matched to users.',
      }),
      matchRate: t.float({
        nullable: true,
        resolve: (s) => s.matchRate ?? null,
        description: 'Share of matched identifiers, 0 to 1.',
      }),
    }),
  });

SEGMENT_MEMBERS.ContactList.implement({
  interfaces: [SegmentInterface],
  description: 'People from a contact list the advertiser uploads (emails, mobile ids, …).',
  fields: (t) => ({
    isReadOnly: t.boolean({
      resolve: (s) => s.contactList?.isReadOnly ?? false,
      description: 'True when the list is managed in Commerce Growth, not through the API.',
    }),
    statistics: t.field({
      type: ContactListStatisticsRef,
      // Nullable: an unavailable Criteo nulls this field only, with an error at its path.
      nullable: true,
      description:
        'Identifiers and matches of the list (one Criteo call per list, cached per request), or the problem Criteo reported for it.',
      errors: {
        types: [CriteoProblemError],
        union: {
          name: 'ContactListStatisticsResult',
          description: 'The statistics of a contact list, or the problem Criteo reported for it.',
        },
      },
      resolve: (s, _args, ctx) =>
        contactListStatisticsLoader(ctx)
          .load(s.id)
          .catch((error: unknown) => {
            throw toTypedProblem(error);
          }),
    }),
  }),
});
