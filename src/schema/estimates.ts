import { algebraSegmentIds } from '../contract/audience.js';
import type { Problem } from '../contract/envelope.js';
import { CriteoProblemError } from '../criteo/errors.js';
import type { Size } from '../loaders/index.js';
import { assertReachableProblem } from '../scope.js';
import { builder } from './builder.js';
import { toTypedProblem } from './bulk.js';
import { AudienceAlgebraInput, AudienceAlgebraSchema } from './inputs/algebra.js';
import { idSchema } from './inputs/common.js';
import { AudienceSegmentDefinitionInput, EstimableDefinitionSchema } from './inputs/segment-definition.js';
import { assertInScope, segmentRefs } from './scope-checks.js';
import { AudienceSizeRef } from './size.js';

interface Estimate {
  data?: { attributes?: { size?: number | null | undefined } | null | undefined } | null | undefined;
  errors?: readonly Problem[] | null | undefined;
}

/** Criteo's estimate as a size, or the problem it reported (a 200 with `errors`, or no size at all). */
function sizeOf(estimate: Estimate): Size {
  const problem = estimate.errors?.[0];
  if (problem) throw new CriteoProblemError(problem);
  const size = estimate.data?.attributes?.size;
  if (size == null)
    throw new CriteoProblemError({
      code: 'size-missing',
      title: 'Size missing',
      detail: 'Criteo returned no size',
    });
  return { value: size };
}

async function estimate(call: () => Promise<Estimate>): Promise<Size> {
  try {
    return sizeOf(await call());
  } catch (error) {
    if (error instanceof CriteoProblemError) throw error;
    throw toTypedProblem(error);
  }
}

builder.queryFields((t) => ({
  estimateAudienceSegmentSize: t.field({
    type: AudienceSizeRef,
    nullable: true,
    description:
      'How many people an unsaved in-market or location definition would reach (Criteo `audience-segments/estimate-size`). Changes nothing.',
    args: {
      advertiserId: t.arg.id({
        required: true,
        description: 'The advertiser the segment would belong to.',
        validate: idSchema('an advertiser id'),
      }),
      definition: t
        .arg({
          type: AudienceSegmentDefinitionInput,
          required: true,
          description: 'The definition to estimate: `inMarket` or `location`.',
        })
        .validate(EstimableDefinitionSchema),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'EstimateAudienceSegmentSizeResult',
        description: 'The estimated size, or the problem Criteo reported (e.g. `segment-size-too-small`).',
      },
    },
    resolve: (_root, { advertiserId, definition }, ctx) => {
      assertReachableProblem(ctx.caller, String(advertiserId), 'advertiserId');
      return estimate(() =>
        ctx.criteo.estimateAudienceSegmentSize({ advertiserId: String(advertiserId), ...definition }),
      );
    },
  }),

  estimateAudienceSize: t.field({
    type: AudienceSizeRef,
    nullable: true,
    description:
      'How many people an unsaved algebra would reach (Criteo `audiences/estimate-size`). The algebra is checked before the call. Changes nothing.',
    args: {
      advertiserId: t.arg.id({
        required: true,
        description: 'The advertiser whose segments the algebra combines.',
        validate: idSchema('an advertiser id'),
      }),
      algebra: t
        .arg({ type: AudienceAlgebraInput, required: true, description: 'The definition to estimate.' })
        .validate(AudienceAlgebraSchema),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'EstimateAudienceSizeResult',
        description: 'The estimated size, or the problem Criteo reported (e.g. `audience-size-too-small`).',
      },
    },
    resolve: async (_root, { advertiserId, algebra }, ctx) => {
      assertReachableProblem(ctx.caller, String(advertiserId), 'advertiserId');
      await assertInScope(ctx, segmentRefs(algebraSegmentIds(algebra), ['algebra']));
      return estimate(() => ctx.criteo.estimateAudienceSize({ advertiserId: String(advertiserId), algebra }));
    },
  }),
}));
