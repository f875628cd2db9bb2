import { CriteoProblemError } from '../../criteo/errors.js';
import { assertReachableProblem } from '../../scope.js';
import { builder } from '../builder.js';
import { idSchema } from '../shared/inputs.js';
import { AudienceSizeRef, sizeOrProblem } from '../shared/size.js';
import { AudienceSegmentDefinitionInput, EstimableDefinitionSchema } from './definition-input.js';

builder.queryField('estimateAudienceSegmentSize', (t) =>
  t.field({
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
      return sizeOrProblem(
        ctx.criteo.estimateAudienceSegmentSize({ advertiserId: String(advertiserId), ...definition }),
      );
    },
  }),
);
