import { algebraSegmentIds } from '../../contract/audience.js';
import { CriteoProblemError } from '../../criteo/errors.js';
import { assertReachableProblem } from '../../scope.js';
import { builder } from '../builder.js';
import { idSchema } from '../shared/inputs.js';
import { assertInScope, segmentRefs } from '../shared/scope-checks.js';
import { AudienceSizeRef, sizeOrProblem } from '../shared/size.js';
import { AudienceAlgebraInput, AudienceAlgebraSchema } from './algebra-input.js';

builder.queryField('estimateAudienceSize', (t) =>
  t.field({
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
      return sizeOrProblem(ctx.criteo.estimateAudienceSize({ advertiserId: String(advertiserId), algebra }));
    },
  }),
);
