import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ContactListAmendmentRequestSchema } from '../../contract/contact-list.js';
import { CRITEO_MAX_IDENTIFIERS_PER_CALL } from '../../contract/limits.js';
import { assertAdvertiserAccess } from '../access.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, parseBody } from '../http.js';
import { fail } from '../problems.js';
import { INVALID_SAMPLE_SIZE, normalizeIdentifier } from '../rules/identifiers.js';
import { isReadOnly } from '../rules/segment-batch.js';
import { contactListStatistics } from '../sizing.js';
import type { SegmentRecord } from '../store.js';

const ParamsSchema = z.object({ segmentId: z.string() });
// These endpoints answer with `AudienceError` problems and always carry `errors` and `warnings`.
const config = (operationId: string) => ({ config: { operationId, problemFlavor: 'audience' as const } });

export async function registerContactListRoutes(
  app: FastifyInstance,
  { context }: { context: EmulatorContext },
) {
  /** The contact-list segment a path names: 400 unparsable, 404 unknown, 403 foreign, 400 not a contact list. */
  function contactListSegment(
    request: FastifyRequest,
    statistics = false,
  ): SegmentRecord & { contactList: NonNullable<SegmentRecord['contactList']> } {
    const { segmentId } = ParamsSchema.parse(request.params);
    const instance = `/audience-segments/${segmentId}`;
    if (!/^\d{1,10}$/.test(segmentId))
      fail(400, 'non-parsable-id', `"${segmentId}" is not a segment id`, { instance });
    const record = context.store.segments.get(segmentId);
    if (!record) fail(404, 'segment-not-found', `Segment ${segmentId} does not exist`, { instance });
    assertAdvertiserAccess(applicationOf(request), record.attributes.advertiserId);
    if (!record.contactList) {
      if (statistics) {
        fail(
          400,
          'contact-list-statistics-not-supported',
          `Segment ${segmentId} is ${record.attributes.type}, not a contact list`,
          { instance },
        );
      }
      fail(
        400,
        'segment-is-not-a-contact-list',
        `Segment ${segmentId} is ${record.attributes.type}, not a contact list`,
        { instance },
      );
    }
    return { ...record, contactList: record.contactList };
  }

  app.patch(
    '/audience-segments/:segmentId/contact-list',
    config('UpdateContactListByAudienceSegment'),
    async (request) => {
      const segment = contactListSegment(request);
      const { attributes } = parseBody(ContactListAmendmentRequestSchema, request.body).data;
      const instance = `/audience-segments/${segment.id}/contact-list`;
      if (isReadOnly(segment))
        fail(400, 'segment-is-read-only', `Contact list ${segment.id} is managed outside the API`, {
          instance,
        });
      if (attributes.identifiers.length > CRITEO_MAX_IDENTIFIERS_PER_CALL) {
        fail(
          400,
          'payload-too-big',
          `Cannot send more than ${CRITEO_MAX_IDENTIFIERS_PER_CALL} identifiers at a time (got ${attributes.identifiers.length})`,
          {
            instance,
            source: { identifiers: 'data/attributes/identifiers' },
          },
        );
      }
      // The spec does not require identifierType and documents no default; the emulator reads emails.
      const identifierType = attributes.identifierType ?? 'email';
      if (identifierType === 'gum' && attributes.gumCallerId === undefined) {
        fail(400, 'gum-caller-id-is-required', 'Identifiers of type gum need a gumCallerId', {
          instance,
          source: { gumCallerId: 'data/attributes/gumCallerId' },
        });
      }
      let valid = 0;
      const invalid: string[] = [];
      for (const raw of attributes.identifiers) {
        const normalized = normalizeIdentifier(raw, identifierType);
        if (normalized === null) {
          invalid.push(raw);
          continue;
        }
        valid += 1;
        if (attributes.operation === 'add') segment.contactList.identifiers.add(normalized);
        else segment.contactList.identifiers.delete(normalized);
      }
      segment.contactList.identifierType = identifierType;
      return {
        data: {
          type: 'ContactlistAmendment',
          attributes: {
            contactListId: Number(segment.id),
            operation: attributes.operation,
            requestDate: new Date().toISOString(),
            identifierType,
            nbValidIdentifiers: valid,
            nbInvalidIdentifiers: invalid.length,
            sampleInvalidIdentifiers: invalid.slice(0, INVALID_SAMPLE_SIZE),
          },
        },
        errors: [],
        warnings: [],
      };
    },
  );

  app.delete(
    '/audience-segments/:segmentId/contact-list',
    config('DeleteContactListByAudienceSegment'),
    async (request) => {
      const segment = contactListSegment(request);
      if (isReadOnly(segment)) {
        fail(400, 'segment-is-read-only', `Contact list ${segment.id} is managed outside the API`, {
          instance: `/audience-segments/${segment.id}/contact-list`,
        });
      }
      segment.contactList.identifiers.clear();
      segment.contactList.syntheticCount = 0;
      return {
        data: {
          id: segment.id,
          type: 'AudienceContactlist',
          attributes: { name: segment.attributes.name, description: segment.attributes.description ?? null },
        },
        errors: [],
        warnings: [],
      };
    },
  );

  app.get(
    '/audience-segments/:segmentId/contact-list/statistics',
    { config: { operationId: 'GetAudienceSegmentContactListStatistics' } },
    async (request) => {
      const segment = contactListSegment(request, true);
      return context.envelope.write(request, {
        data: {
          id: segment.id,
          type: 'ContactListStatistics',
          attributes: contactListStatistics(segment.contactList, segment.id),
        },
      });
    },
  );
}
