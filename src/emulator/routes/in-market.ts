import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertAdvertiserAccess } from '../access.js';
import { brandsFor, interestsFor, isAuthorizedCountry, isValidCountryCode } from '../catalog.js';
import type { EmulatorContext } from '../context.js';
import { applicationOf } from '../http.js';
import { fail } from '../problems.js';

const QuerySchema = z.object({ 'advertiser-id': z.string().optional(), country: z.string().optional() });

/** Validates `advertiser-id` and `country` of the in-market catalog endpoints; returns the country. */
function catalogCountry(request: FastifyRequest): string {
  const parsed = QuerySchema.safeParse(request.query);
  // A repeated parameter arrives as an array: a client error, not a 500.
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'query');
    fail(400, 'invalid-query-parameter', `${field} must be given once, as a string`, {
      source: { [field]: field },
    });
  }
  const query = parsed.data;
  const advertiserId = query['advertiser-id'];
  if (!advertiserId) fail(400, 'undefined-advertiser-id', 'The advertiser-id query parameter is required');
  assertAdvertiserAccess(applicationOf(request), advertiserId);
  const country = query.country;
  if (!country) fail(400, 'country-code-is-required', 'The country query parameter is required');
  if (!isValidCountryCode(country))
    fail(400, 'country-code-must-be-valid', `${country} is not an ISO 3166-1 alpha-2 code`);
  if (!isAuthorizedCountry(country)) {
    fail(400, 'country-code-must-be-authorized', `In-market targeting is not available in ${country}`);
  }
  return country;
}

export async function registerInMarketRoutes(
  app: FastifyInstance,
  { context }: { context: EmulatorContext },
) {
  app.get(
    '/audience-segments/in-market-interests',
    { config: { operationId: 'GetAudienceSegmentsInMarketInterests' } },
    async (request) => {
      const country = catalogCountry(request);
      const data = interestsFor(country).map((i) => ({
        id: i.id,
        type: 'InMarketAudienceSegmentInterest',
        attributes: { parentId: i.parentId },
      }));
      return context.envelope.write(request, { data });
    },
  );

  app.get(
    '/audience-segments/in-market-brands',
    { config: { operationId: 'GetAudienceSegmentsInMarketBrands' } },
    async (request) => {
      const country = catalogCountry(request);
      const data = brandsFor(country).map((b) => ({
        id: b.id,
        type: 'InMarketAudienceSegmentBrand',
        attributes: { name: b.name, size: b.size },
      }));
      return context.envelope.write(request, { data });
    },
  );
}
