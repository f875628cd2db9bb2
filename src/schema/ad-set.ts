import { CriteoProblemError } from '../criteo/errors.js';
import { AudienceRef } from './audience/types.js';
import { builder } from './builder.js';
import { toTypedProblem } from './bulk.js';
import { idSchema } from './inputs/common.js';
import { assertInScope } from './scope-checks.js';
import { adSetAudienceChanged } from './stale.js';

interface AdSetAudienceModel {
  adSetId: string;
  audienceId: string;
}

const AdSetAudienceRef = builder.objectRef<AdSetAudienceModel>('AdSetAudience').implement({
  description: 'The audience an ad set targets.',
  fields: (t) => ({
    adSetId: t.exposeID('adSetId', { description: 'Criteo id of the ad set.' }),
    audienceId: t.exposeID('audienceId', { description: 'Criteo id of the audience it targets.' }),
    audience: t.field({
      type: AudienceRef,
      nullable: true,
      description: 'The audience (batched with every other audience lookup).',
      resolve: (link, _args, ctx) => ctx.loaders.audiences.load(link.audienceId),
    }),
  }),
});

builder.mutationField('setAdSetAudience', (t) =>
  t.field({
    type: AdSetAudienceRef,
    nullable: true,
    description:
      'Makes an ad set target an audience of the same advertiser (Criteo `PUT ad-sets/{id}/audience`).',
    args: {
      adSetId: t.arg.id({
        required: true,
        description: 'Criteo id of the ad set.',
        validate: idSchema('an ad set id'),
      }),
      audienceId: t.arg.id({
        required: true,
        description: 'Criteo id of the audience.',
        validate: idSchema('an audience id'),
      }),
    },
    errors: {
      types: [CriteoProblemError],
      union: {
        name: 'SetAdSetAudienceResult',
        description: 'The new link, or the problem Criteo reported (e.g. `audience-not-found`).',
      },
    },
    resolve: async (_root, args, ctx) => {
      const adSetId = String(args.adSetId);
      // Criteo links only an audience of the ad set's own advertiser, so the audience's owner decides.
      await assertInScope(ctx, [{ kind: 'audience', id: String(args.audienceId), path: ['audienceId'] }]);
      try {
        const response = await ctx.criteo.updateAdSetAudience(adSetId, String(args.audienceId));
        adSetAudienceChanged(ctx.loaders);
        return { adSetId, audienceId: response.data?.attributes?.audienceId ?? String(args.audienceId) };
      } catch (error) {
        const problem = toTypedProblem(error);
        // No ad-set lookup exists here, so an ad set of another advertiser reaches Criteo, whose refusal
        // names that advertiser: a scoped caller gets the code and trace id, not the text.
        if (!ctx.caller) throw problem;
        throw new CriteoProblemError({
          code: problem.criteoCode,
          title: problem.title,
          type: problem.type,
          traceId: problem.traceId,
          detail: `Criteo refused to link ad set ${adSetId} to audience ${String(args.audienceId)} (${problem.criteoCode})`,
        });
      }
    },
  }),
);
