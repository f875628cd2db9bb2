import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AdSetAudienceLinkInputSchema } from '../../contract/ad-set.js';
import { assertAdvertiserAccess } from '../access.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf, parseBody } from '../http.js';
import { fail } from '../problems.js';

const ParamsSchema = z.object({ adSetId: z.string() });

/**
 * `GET /ad-sets/{ad-set-id}`: the ad set with what the emulator knows of it (its advertiser and name);
 * `PUT /ad-sets/{ad-set-id}/audience`: an ad set targets one audience; this is what fills `adSetIds`.
 */
export async function registerAdSetRoutes(app: FastifyInstance, { context }: { context: EmulatorContext }) {
  const find = (adSetId: string) => {
    const adSet = context.store.adSets.get(adSetId);
    if (!adSet)
      fail(404, 'ad-set-not-found', `Ad set ${adSetId} does not exist`, { instance: `/ad-sets/${adSetId}` });
    return adSet;
  };

  app.get('/ad-sets/:adSetId', { config: { operationId: 'GetAdSet' } }, async (request) => {
    const application = applicationOf(request);
    const adSet = find(ParamsSchema.parse(request.params).adSetId);
    assertAdvertiserAccess(application, adSet.advertiserId);
    return context.envelope.write(request, {
      data: {
        id: adSet.id,
        type: 'AdSet',
        attributes: { advertiserId: adSet.advertiserId, name: adSet.name },
      },
    });
  });

  app.put(
    '/ad-sets/:adSetId/audience',
    { config: { operationId: 'UpdateAdSetAudience' } },
    async (request) => {
      const application = applicationOf(request);
      const { adSetId } = ParamsSchema.parse(request.params);
      const body = parseBody(AdSetAudienceLinkInputSchema, request.body);
      const adSet = find(adSetId);
      assertAdvertiserAccess(application, adSet.advertiserId);
      const audienceId = body.data?.attributes?.audienceId;
      if (!audienceId) fail(400, 'empty-data-object', 'data.attributes.audienceId is required');
      const audience = context.store.audiences.get(audienceId);
      if (!audience) fail(400, 'audience-not-found', `Audience ${audienceId} does not exist`);
      assertAdvertiserAccess(application, audience.attributes.advertiserId);
      if (audience.attributes.advertiserId !== adSet.advertiserId) {
        fail(
          400,
          'audience-not-found',
          `Audience ${audienceId} does not belong to the ad set's advertiser ${adSet.advertiserId}`,
        );
      }
      adSet.audienceId = audienceId;
      return context.envelope.write(request, {
        data: { id: adSetId, type: 'AdSetAudienceLink', attributes: { audienceId } },
      });
    },
  );
}
