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

builder.queryFields((t) => ({
  inMarketInterests: t.field({
    type: [InMarketInterestRef],
    nullable: true,
    description:
      'Interests an advertiser can target in a country (Criteo `in-market-interests`); `parentId` builds the tree.',
    args: {
      advertiserId: t.arg.id({ required: true, description: 'The advertiser.' }),
      country: t.arg.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. `FR`.' }),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'InMarketInterestsResult',
        description: 'The interests, or the problem Criteo reported (e.g. `country-not-authorized`).',
      },
      result: { name: 'InMarketInterests', description: 'Interests available in the country.' },
      dataField: { description: 'The interests; `parentId` builds the tree.' },
    },
    resolve: async (_root, { advertiserId, country }, ctx) => {
      assertReachableProblem(ctx.caller, String(advertiserId), 'advertiserId');
      try {
        return await ctx.criteo.getAudienceSegmentsInMarketInterests(String(advertiserId), country);
      } catch (error) {
        throw toTypedProblem(error);
      }
    },
  }),
  inMarketBrands: t.field({
    type: [InMarketBrandRef],
    nullable: true,
    description: 'Brands an advertiser can target in a country (Criteo `in-market-brands`).',
    args: {
      advertiserId: t.arg.id({ required: true, description: 'The advertiser.' }),
      country: t.arg.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. `FR`.' }),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'InMarketBrandsResult',
        description: 'The brands, or the problem Criteo reported (e.g. `country-not-authorized`).',
      },
      result: { name: 'InMarketBrands', description: 'Brands available in the country.' },
      dataField: { description: 'The brands.' },
    },
    resolve: async (_root, { advertiserId, country }, ctx) => {
      assertReachableProblem(ctx.caller, String(advertiserId), 'advertiserId');
      try {
        return await ctx.criteo.getAudienceSegmentsInMarketBrands(String(advertiserId), country);
      } catch (error) {
        throw toTypedProblem(error);
      }
    },
  }),
}));
