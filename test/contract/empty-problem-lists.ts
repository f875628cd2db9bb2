/**
 * The contract holds however the emulator writes empty `errors`/`warnings` lists: omitted (docs) or
 * `null` (allowed by the spec's `nullable`). Shared by one test file per mode (one emulator per file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmptyProblemLists } from '../../src/emulator/http.js';
import { DEMO_ADVERTISER, startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { dataList, expectContract, idsOf, type OperationCall, problemList } from './contract-client.js';

type JsonObject = Record<string, unknown>;

export function describeEmptyProblemLists(mode: Exclude<EmptyProblemLists, 'array'>): void {
  describe(`with emptyProblemLists: '${mode}'`, () => {
    let api: TestEmulator;

    beforeAll(async () => {
      api = await startTestEmulator({ emptyProblemLists: mode });
    });

    afterAll(async () => {
      await api.close();
    });

    const ok = (operationId: string, call: OperationCall = {}) => expectContract(api, operationId, call);

    /** An empty list is absent (`omit`) or present and null (`null`). */
    function expectEmptyList(body: JsonObject, key: 'errors' | 'warnings') {
      if (mode === 'omit') expect(Object.hasOwn(body, key), `${key} is omitted`).toBe(false);
      else {
        expect(Object.hasOwn(body, key), `${key} is present`).toBe(true);
        expect(body[key]).toBeNull();
      }
    }

    function populatedContactListId(): string {
      const found = [...api.emulator.store.segments.values()].find(
        (s) =>
          s.attributes.advertiserId === DEMO_ADVERTISER &&
          s.contactList !== undefined &&
          !s.attributes.contactList?.isReadOnly &&
          s.contactList.syntheticCount > 5_000,
      );
      if (!found) throw new Error('no populated demo contact list');
      return found.id;
    }

    async function createContactList(name: string): Promise<string> {
      const body = await ok('CreateAudienceSegments', {
        body: {
          data: [
            { type: 'AudienceSegment', attributes: { advertiserId: DEMO_ADVERTISER, name, contactList: {} } },
          ],
        },
      });
      const [id] = idsOf(body);
      if (!id) throw new Error('no segment created');
      return id;
    }

    describe('GetCurrentApplication', () => {
      it(`answers with ${mode} problem lists and a body that matches the spec`, async () => {
        const body = await ok('GetCurrentApplication');
        expectEmptyList(body, 'errors');
        expectEmptyList(body, 'warnings');
      });
    });

    describe('SearchAudienceSegments', () => {
      it(`answers a page with ${mode} problem lists and a body that matches the spec`, async () => {
        const body = await ok('SearchAudienceSegments', {
          query: { limit: 100, offset: 0 },
          body: { data: { type: 'AudienceSegment', attributes: { advertiserIds: [DEMO_ADVERTISER] } } },
        });
        expect(dataList(body)).toHaveLength(100);
        expectEmptyList(body, 'errors');
        expectEmptyList(body, 'warnings');
      });
    });

    describe('CreateAudienceSegments', () => {
      it(`answers a full success with ${mode} problem lists and a body that matches the spec`, async () => {
        const body = await ok('CreateAudienceSegments', {
          body: {
            data: [
              {
                type: 'AudienceSegment',
                attributes: { advertiserId: DEMO_ADVERTISER, name: `Empty lists ${mode} A`, contactList: {} },
              },
              {
                type: 'AudienceSegment',
                attributes: {
                  advertiserId: DEMO_ADVERTISER,
                  name: `Empty lists ${mode} B`,
                  prospecting: { usersType: 'Prospects' },
                },
              },
            ],
          },
        });
        expect(dataList(body)).toHaveLength(2);
        expectEmptyList(body, 'errors');
        expectEmptyList(body, 'warnings');
      });
    });

    describe('ComputeAudienceSegmentsSizes', () => {
      it(`answers a partial success with its errors, ${mode} warnings and a body that matches the spec`, async () => {
        const populated = populatedContactListId();
        const empty = await createContactList(`Empty lists ${mode} empty`);
        const body = await ok('ComputeAudienceSegmentsSizes', {
          body: {
            data: [
              { id: populated, type: 'AudienceSegment' },
              { id: empty, type: 'AudienceSegment' },
            ],
          },
        });
        expect(idsOf(body)).toEqual([populated]);
        expect(problemList(body).map((e) => e.instance)).toEqual(['@data/1']);
        expectEmptyList(body, 'warnings');
      });
    });

    describe('UpdateContactListByAudienceSegment', () => {
      it('keeps the required errors and warnings as empty arrays, matching the spec', async () => {
        const id = await createContactList(`Empty lists ${mode} amended`);
        const body = await ok('UpdateContactListByAudienceSegment', {
          params: { 'audience-segment-id': id },
          body: {
            data: {
              type: 'ContactlistAmendment',
              attributes: { operation: 'add', identifierType: 'email', identifiers: ['a@example.com'] },
            },
          },
        });
        expect(body.errors).toEqual([]);
        expect(body.warnings).toEqual([]);
      });
    });

    describe('DeleteContactListByAudienceSegment', () => {
      it('keeps the required errors and warnings as empty arrays, matching the spec', async () => {
        const id = await createContactList(`Empty lists ${mode} wiped`);
        const body = await ok('DeleteContactListByAudienceSegment', {
          params: { 'audience-segment-id': id },
        });
        expect(body.errors).toEqual([]);
        expect(body.warnings).toEqual([]);
      });
    });
  });
}
