import { CriteoProblemError } from '../criteo/errors.js';
import { forbiddenProblem, mayReach } from '../scope.js';
import { AudienceRef } from './audience/audience.js';
import { builder } from './builder.js';
import { toTypedProblem } from './shared/criteo-problems.js';
import { idSchema } from './shared/inputs.js';
import { assertInScope } from './shared/scope-checks.js';

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
      resolve: (link) => link.audienceId,
    }),
  }),
});

builder.mutationField('setAdSetAudience', (t) =>
  t.field({
    type: AdSetAudienceRef,
    nullable: true,
    description:
      'Makes an ad set target an audience of the same advertiser (Criteo `PUT ad-sets/{id}/audience`). With caller authentication, the ad set is read first (`GET ad-sets/{id}`) and both it and the audience must belong to the token’s advertisers (`FORBIDDEN` otherwise, nothing sent).',
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
      const audienceId = String(args.audienceId);
      // A scoped caller gets Criteo's code and trace id, not its text: a refusal about an ad set of
      // another advertiser may name that advertiser.
      const refused = (error: unknown) => {
        const problem = toTypedProblem(error);
        if (!ctx.caller) return problem;
        return new CriteoProblemError({
          code: problem.criteoCode,
          title: problem.title,
          type: problem.type,
          traceId: problem.traceId,
          detail: `Criteo refused to link ad set ${adSetId} to audience ${audienceId} (${problem.criteoCode})`,
        });
      };
      if (ctx.caller) {
        // Only Criteo knows an ad set's advertiser: one read, before anything is sent (none without auth).
        const adSet = await ctx.criteo.getAdSet(adSetId).catch((error: unknown) => {
          throw refused(error);
        });
        // An ad set whose advertiser cannot be read is not sent unchecked either.
        if (!mayReach(ctx.caller, adSet?.advertiserId)) {
          throw new CriteoProblemError(
            forbiddenProblem(`adSetId: ad set ${adSetId} belongs to an advertiser your token does not cover`),
          );
        }
      }
      // Criteo links only an audience of the ad set's own advertiser; the audience's owner is checked too.
      await assertInScope(ctx, [{ kind: 'audience', id: audienceId, path: ['audienceId'] }]);
      try {
        const link = await ctx.criteo.updateAdSetAudience(adSetId, audienceId);
        // Both audiences' `adSetIds` changed, and the old one is unknown: every cached audience is stale.
        AudienceRef.getDataloader(ctx).clearAll();
        return { adSetId, audienceId: link.audienceId ?? audienceId };
      } catch (error) {
        throw refused(error);
      }
    },
  }),
);
