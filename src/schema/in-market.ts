import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../context.js';
import type { InMarketBrandModel, InMarketInterestModel } from '../contract/in-market.js';
import { CriteoProblemError } from '../criteo/errors.js';
import { assertReachableProblem } from '../scope.js';
import { builder } from './builder.js';
import { toTypedProblem } from './shared/criteo-problems.js';

const InMarketInterestRef = builder.objectRef<InMarketInterestModel>('InMarketInterest').implement({
  description: 'A Google product-taxonomy category available for in-market targeting in a country.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Google product-taxonomy id.' }),
    parentId: t.id({
      nullable: true,
      resolve: (interest) => interest.parentId ?? null,
      description: 'The parent category; null at the top of the tree.',
    }),
  }),
});

const InMarketBrandRef = builder.objectRef<InMarketBrandModel>('InMarketBrand').implement({
  description: 'A brand available for in-market targeting in a country.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Criteo brand id.' }),
    name: t.string({ nullable: true, resolve: (brand) => brand.name ?? null, description: 'Brand name.' }),
    size: t.int({
      nullable: true,
      resolve: (brand) => brand.size ?? null,
      description: 'People interested in the brand in the country.',
    }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** One catalog of a country (`InMarket<Noun>s`), or the problem Criteo reported for it. */
function catalogField<T>(
  ref: ObjectRef<Types, T>,
  noun: 'Interests' | 'Brands',
  description: string,
  dataDescription: string,
  read: (criteo: GatewayContext['criteo'], advertiserId: string, country: string) => Promise<T[]>,
) {
  const lower = noun.toLowerCase();
  builder.queryField(`inMarket${noun}`, (t) =>
    t.field({
      type: [ref],
      nullable: true,
      description,
      args: {
        advertiserId: t.arg.id({ required: true, description: 'The advertiser.' }),
        country: t.arg.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. `FR`.' }),
      },
      errors: {
        types: [CriteoProblemError],
        union: {
          name: `InMarket${noun}Result`,
          description: `The ${lower}, or the problem Criteo reported (e.g. \`country-not-authorized\`).`,
        },
        result: { name: `InMarket${noun}`, description: `${noun} available in the country.` },
        dataField: { description: dataDescription },
      },
      resolve: async (_root, { advertiserId, country }, ctx) => {
        assertReachableProblem(ctx.caller, String(advertiserId), 'advertiserId');
        try {
          return await read(ctx.criteo, String(advertiserId), country);
        } catch (error) {
          throw toTypedProblem(error);
        }
      },
    }),
  );
}

catalogField(
  InMarketInterestRef,
  'Interests',
  'Interests an advertiser can target in a country (Criteo `in-market-interests`); `parentId` builds the tree.',
  'The interests; `parentId` builds the tree.',
  (criteo, advertiserId, country) => criteo.getAudienceSegmentsInMarketInterests(advertiserId, country),
);
catalogField(
  InMarketBrandRef,
  'Brands',
  'Brands an advertiser can target in a country (Criteo `in-market-brands`).',
  'The brands.',
  (criteo, advertiserId, country) => criteo.getAudienceSegmentsInMarketBrands(advertiserId, country),
);
