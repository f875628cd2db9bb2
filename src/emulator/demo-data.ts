import type { AlgebraNode } from '../contract/audience.js';
import type { AudienceSegmentType } from '../contract/audience-segment.js';
import type { EmulatorApplication } from './auth.js';
import { type DemoAdvertiser, demoSegment } from './demo-segments.js';
import { createRandom, type Random } from './random.js';
import type { EmulatorStore, SegmentRecord } from './store.js';

/** `demo-client-id` sees advertisers 4949 and 5050; `other-client-id` sees 7070 (for 403 cases). */
export const DEMO_APPLICATIONS: EmulatorApplication[] = [
  {
    clientId: 'demo-client-id',
    clientSecret: 'demo-client-secret',
    applicationId: 1001,
    organizationId: 42,
    name: 'Demo application',
    description: 'The embedded emulator demo application',
    advertiserIds: ['4949', '5050'],
  },
  {
    clientId: 'other-client-id',
    clientSecret: 'other-client-secret',
    applicationId: 1002,
    organizationId: 43,
    name: 'Other application',
    description: 'Another application, to show that advertisers are isolated',
    advertiserIds: ['7070'],
  },
];

const ADVERTISERS: DemoAdvertiser[] = [
  { id: '4949', brand: 'Acme Shoes', countries: ['FR', 'DE', 'ES'], scale: 1 },
  { id: '5050', brand: 'Globex Travel', countries: ['US', 'GB', 'JP'], scale: 1 },
  { id: '7070', brand: 'Initech Home', countries: ['IT'], scale: 0.2 },
];

/** How many segments of each type an advertiser gets (scaled): 108 per full advertiser. */
const SEGMENT_MIX: [AudienceSegmentType, number][] = [
  ['InMarket', 20],
  ['Prospecting', 10],
  ['ContactList', 20],
  ['Location', 15],
  ['Behavioral', 15],
  ['Retargeting', 15],
  ['Lookalike', 12],
  ['Unknown', 1],
];

const day = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString();

/** Seeds the deterministic demo data set: ~236 segments of every type, 65 audiences, 50 ad sets. */
export function seedDemoData(store: EmulatorStore, seed = 2025): void {
  const random = createRandom(seed);
  for (const advertiser of ADVERTISERS) {
    const segments: SegmentRecord[] = [];
    let n = 0;
    for (const [type, count] of SEGMENT_MIX) {
      for (let i = 0; i < Math.max(1, Math.round(count * advertiser.scale)); i++) {
        const attributes = demoSegment(type, i, advertiser, random, segments, day(n++));
        const contactList =
          type === 'ContactList'
            ? {
                identifiers: new Set<string>(),
                syntheticCount: contactListCount(i, random),
                identifierType: 'email',
              }
            : undefined;
        segments.push(store.addSegment(attributes, contactList));
      }
    }
    const audiences = Math.round(30 * advertiser.scale);
    for (let i = 0; i < audiences; i++) {
      const algebra = demoAlgebra(i, segments, random);
      store.addAudience({
        advertiserId: advertiser.id,
        name: `${advertiser.brand} audience ${i + 1}`,
        description: i % 3 === 0 ? null : `Demo audience ${i + 1} of ${advertiser.brand}`,
        algebra,
        createdAt: day(200 + i),
        updatedAt: i % 4 === 0 ? null : day(260 + i),
      });
    }
    const adSetBase = Number(advertiser.id) * 100;
    const audienceIds = [...store.audiences.values()]
      .filter((a) => a.attributes.advertiserId === advertiser.id)
      .map((a) => a.id);
    for (let i = 0; i < Math.round(20 * advertiser.scale); i++) {
      // Half of the ad sets target an audience; the others are free to link in tests and demos.
      store.addAdSet({
        id: String(adSetBase + i),
        advertiserId: advertiser.id,
        name: `${advertiser.brand} ad set ${i + 1}`,
        audienceId: i % 2 === 0 ? (audienceIds[i] ?? null) : null,
      });
    }
  }
}

/** Most lists are populated; the first is empty (no size yet) and the second tiny (size too small). */
function contactListCount(i: number, random: Random): number {
  if (i === 0) return 0;
  if (i === 1) return 900;
  return random.int(5_000, 400_000);
}

/**
 * Nested algebras over the advertiser's segments. Retargeting segments stand alone (Criteo rule);
 * the others mix and/or/not, excluding only contact lists or segments beside an included one.
 */
function demoAlgebra(i: number, segments: SegmentRecord[], random: Random): AlgebraNode {
  const of = (type: AudienceSegmentType) => segments.filter((s) => s.attributes.type === type);
  const leaf = (s: SegmentRecord | undefined): AlgebraNode => ({
    audienceSegmentId: s?.id ?? segments[0]?.id ?? '0',
  });
  // Random picks skip the empty contact list, so only case 4 shows a size that is not available.
  const pick = (type: AudienceSegmentType) =>
    leaf(random.pick(of(type).filter((s) => s.contactList?.syntheticCount !== 0)));
  switch (i % 6) {
    case 0:
      return leaf(of('Retargeting')[i % of('Retargeting').length]);
    case 1:
      return { and: [{ or: [pick('InMarket'), pick('Behavioral')] }, { not: pick('ContactList') }] };
    case 2:
      return { or: [pick('Prospecting'), { and: [pick('Location'), pick('InMarket')] }] };
    case 3:
      return {
        and: [
          pick('Lookalike'),
          { not: { or: [pick('ContactList'), pick('ContactList')] } },
          pick('Behavioral'),
        ],
      };
    case 4:
      // Includes the empty contact list: its size is not available, which the demo shows as a per-item error.
      return { or: [leaf(of('ContactList')[0]), pick('InMarket')] };
    default:
      return { and: [pick('Location'), { or: [pick('InMarket'), pick('Prospecting'), pick('Behavioral')] }] };
  }
}
