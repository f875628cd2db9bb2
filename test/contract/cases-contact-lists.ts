/** One realistic successful call (at least) per contact-list operation. */
import { expect } from 'vitest';
import { record } from '../support/emulator.js';
import { attributesOf } from './contract-client.js';
import { createContactList, ok, populatedContactList } from './fixtures.js';

export const CONTACT_LIST_CASES: Record<string, () => Promise<void>> = {
  UpdateContactListByAudienceSegment: async () => {
    const id = await createContactList();
    const params = { 'audience-segment-id': id };
    const sha256 = 'a'.repeat(64);
    const added = await ok('UpdateContactListByAudienceSegment', {
      params,
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: {
            operation: 'add',
            identifierType: 'email',
            identifiers: ['jane.doe@example.com', 'john@example.org', sha256, 'not-an-email'],
          },
        },
      },
    });
    const addedAttributes = attributesOf(added.data);
    expect(Number.isInteger(addedAttributes.contactListId)).toBe(true);
    expect(addedAttributes.contactListId).toBe(Number(id));
    expect(addedAttributes).toMatchObject({
      operation: 'add',
      nbValidIdentifiers: 3,
      nbInvalidIdentifiers: 1,
      sampleInvalidIdentifiers: ['not-an-email'],
    });
    const removed = await ok('UpdateContactListByAudienceSegment', {
      params,
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: { operation: 'remove', identifierType: 'email', identifiers: ['john@example.org'] },
        },
      },
    });
    expect(attributesOf(removed.data)).toMatchObject({ operation: 'remove', nbValidIdentifiers: 1 });
    expect(Number.isInteger(attributesOf(removed.data).contactListId)).toBe(true);
  },

  DeleteContactListByAudienceSegment: async () => {
    const id = await createContactList();
    await ok('UpdateContactListByAudienceSegment', {
      params: { 'audience-segment-id': id },
      body: {
        data: {
          type: 'ContactlistAmendment',
          attributes: { operation: 'add', identifierType: 'email', identifiers: ['someone@example.com'] },
        },
      },
    });
    const body = await ok('DeleteContactListByAudienceSegment', { params: { 'audience-segment-id': id } });
    expect(record(body.data).id).toBe(id);
    const statistics = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': id },
    });
    expect(attributesOf(statistics.data).numberOfIdentifiers).toBe(0);
  },

  GetAudienceSegmentContactListStatistics: async () => {
    const populated = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': populatedContactList().id },
    });
    const stats = attributesOf(populated.data);
    expect(stats.numberOfIdentifiers).toBeGreaterThan(0);
    expect(stats.matchRate).toBeGreaterThan(0);
    expect(stats.matchRate).toBeLessThanOrEqual(1);
    const empty = await ok('GetAudienceSegmentContactListStatistics', {
      params: { 'audience-segment-id': await createContactList() },
    });
    expect(attributesOf(empty.data)).toMatchObject({ numberOfIdentifiers: 0, numberOfMatches: 0 });
  },
};
