import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectValidResponse, listOperations, toJsonSchema, validateResponse } from '../support/openapi.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: unknown): JsonObject {
  if (!isObject(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value;
}

const specText = readFileSync(
  new URL('../../contract/marketingsolutions_2025-10.audience.json', import.meta.url),
  'utf8',
);
const spec = obj(JSON.parse(specText));

const EXPECTED_OPERATION_IDS = [
  'ComputeAudienceSegmentsSizes',
  'ComputeAudiencesSizes',
  'CreateAudienceSegments',
  'CreateAudiences',
  'DeleteAudienceSegments',
  'DeleteAudiences',
  'DeleteContactListByAudienceSegment',
  'EstimateAudienceSegmentsSizes',
  'EstimateAudiencesSizes',
  'GetAdSet',
  'GetAudienceSegmentContactListStatistics',
  'GetAudienceSegmentsInMarketBrands',
  'GetAudienceSegmentsInMarketInterests',
  'GetCurrentApplication',
  'SearchAudienceSegments',
  'SearchAudiences',
  'UpdateAdSetAudience',
  'UpdateAudienceSegments',
  'UpdateAudiences',
  'UpdateContactListByAudienceSegment',
];

/** Spec examples of every declared response, read straight from the JSON (independent of the checker). */
function specExamples(): { operationId: string; status: number; name: string; value: unknown }[] {
  const found: { operationId: string; status: number; name: string; value: unknown }[] = [];
  for (const item of Object.values(obj(spec.paths))) {
    for (const op of Object.values(obj(item))) {
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      for (const [status, response] of Object.entries(obj(op.responses))) {
        const content = obj(response).content;
        if (!isObject(content)) continue;
        for (const [mediaType, media] of Object.entries(content)) {
          const m = obj(media);
          if ('example' in m) {
            found.push({
              operationId: op.operationId,
              status: Number(status),
              name: mediaType,
              value: m.example,
            });
          }
          if (isObject(m.examples)) {
            for (const [name, ex] of Object.entries(m.examples)) {
              found.push({ operationId: op.operationId, status: Number(status), name, value: obj(ex).value });
            }
          }
        }
      }
    }
  }
  return found;
}

function segmentResponse(attributes: JsonObject, resource: JsonObject = {}): JsonObject {
  return {
    data: [
      {
        id: '1001',
        type: 'AudienceSegment',
        attributes: {
          name: 'Visitors',
          description: 'All site visitors',
          advertiserId: '42',
          type: 'Retargeting',
          createdAt: '2025-10-01T12:00:00.000Z',
          updatedAt: '2025-10-02T08:30:00Z',
          retargeting: { visitorsType: 'All', daysSinceLastVisitMin: 0, daysSinceLastVisitMax: 30 },
          ...attributes,
        },
        ...resource,
      },
    ],
    errors: [],
    warnings: [],
  };
}

function contactListAmendment(attributes: JsonObject): JsonObject {
  return {
    data: {
      type: 'ContactlistAmendment',
      attributes: {
        contactListId: 12,
        operation: 'add',
        requestDate: '2025-10-01T12:00:00Z',
        identifierType: 'email',
        nbValidIdentifiers: 2,
        nbInvalidIdentifiers: 0,
        sampleInvalidIdentifiers: [],
        ...attributes,
      },
    },
    errors: [],
    warnings: [],
  };
}

describe('openapi contract checker: spec inventory', () => {
  it('lists exactly the 20 operations of the spec', () => {
    const ops = listOperations();
    expect(ops.map((o) => o.operationId).sort()).toEqual(EXPECTED_OPERATION_IDS);
    expect(new Set(ops.map((o) => `${o.method} ${o.path}`)).size).toBe(20);
  });

  it('reports method, path and success statuses of an operation', () => {
    const ops = listOperations();
    expect(ops.find((o) => o.operationId === 'DeleteAudiences')).toEqual({
      operationId: 'DeleteAudiences',
      method: 'POST',
      path: '/2025-10/marketing-solutions/audiences/delete',
      successStatuses: [200, 204],
    });
    expect(ops.find((o) => o.operationId === 'GetCurrentApplication')).toMatchObject({
      method: 'GET',
      path: '/2025-10/marketing-solutions/me',
      successStatuses: [200],
    });
    expect(ops.find((o) => o.operationId === 'UpdateContactListByAudienceSegment')).toMatchObject({
      method: 'PATCH',
      path: '/2025-10/marketing-solutions/audience-segments/{audience-segment-id}/contact-list',
    });
  });

  it('relies on no schema composition or $ref siblings, which the strict transform assumes', () => {
    // additionalProperties:false would break allOf composition; OpenAPI 3.0 ignores $ref siblings.
    expect(specText).not.toMatch(/"(anyOf|oneOf|discriminator)"\s*:/);
    const refSiblings: string[] = [];
    const compositions: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (isObject(node)) {
        if (typeof node.$ref === 'string' && Object.keys(node).length > 1)
          refSiblings.push(JSON.stringify(node));
        // The only allOf allowed is the nullable-$ref wrapper (one $ref, no properties of its own, as in
        // NillableAdSetTargetingRuleV24Q3): the wrapper stays open, so strict mode closes only the target.
        const allOf = node.allOf;
        if (
          allOf !== undefined &&
          (!Array.isArray(allOf) ||
            allOf.length !== 1 ||
            !isObject(allOf[0]) ||
            typeof allOf[0].$ref !== 'string' ||
            'properties' in node)
        )
          compositions.push(JSON.stringify(node));
        Object.values(node).forEach(walk);
      }
    };
    walk(spec);
    expect(refSiblings).toEqual([]);
    expect(compositions).toEqual([]);
  });
});

describe('openapi contract checker: valid responses', () => {
  it('accepts the spec example of every operation', () => {
    const examples = specExamples();
    // Only the two contact-list operations carry response examples in this spec version.
    expect(examples.map((e) => `${e.operationId} ${e.status}`).sort()).toEqual([
      'DeleteContactListByAudienceSegment 200',
      'UpdateContactListByAudienceSegment 200',
    ]);
    for (const { operationId, status, value } of examples) {
      expect(validateResponse(operationId, status, value), `${operationId} ${status}`).toEqual([]);
    }
  });

  it('accepts a plausible body for every success response', () => {
    const list = { data: [], errors: [], warnings: [] };
    const bodies: Record<string, unknown> = {
      UpdateAdSetAudience: { data: { id: '77', type: 'AdSetAudienceLink', attributes: { audienceId: '5' } } },
      GetAdSet: { data: { id: '77', type: 'AdSet', attributes: { advertiserId: '4949', name: 'ad set' } } },
      GetAudienceSegmentContactListStatistics: {
        data: {
          id: '12',
          type: 'ContactListStatistics',
          attributes: { numberOfIdentifiers: 10, numberOfMatches: 7, matchRate: 0.7 },
        },
      },
      EstimateAudienceSegmentsSizes: {
        data: { type: 'AudienceSegmentSizeEstimation', attributes: { size: 1000 } },
      },
      EstimateAudiencesSizes: { data: { type: 'AudienceSizeEstimation', attributes: { size: 1000 } } },
      GetCurrentApplication: {
        data: {
          type: 'Application',
          attributes: {
            applicationId: 1,
            criteoService: 'MarketingSolutions',
            name: 'app',
            organizationId: 2,
          },
        },
        errors: [],
        warnings: [],
      },
      DeleteContactListByAudienceSegment: {
        data: { id: '1', type: 'AudienceContactlist' },
        errors: [],
        warnings: [],
      },
      UpdateContactListByAudienceSegment: contactListAmendment({}),
      SearchAudiences: { ...list, meta: { totalItems: 0, limit: 50, offset: 0 } },
      SearchAudienceSegments: { ...list, meta: { totalItems: 0, limit: 50, offset: 0 } },
    };
    let checked = 0;
    for (const op of listOperations()) {
      for (const status of op.successStatuses) {
        const body = status === 204 ? undefined : (bodies[op.operationId] ?? list);
        expect(validateResponse(op.operationId, status, body), `${op.operationId} ${status}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBe(21);
  });

  it('accepts a realistic segment response', () => {
    expect(validateResponse('CreateAudienceSegments', 200, segmentResponse({}))).toEqual([]);
    expect(
      validateResponse('SearchAudienceSegments', 200, {
        ...segmentResponse({}),
        meta: { totalItems: 1, limit: 50, offset: 0 },
      }),
    ).toEqual([]);
  });

  it('accepts null where the spec says nullable', () => {
    expect(
      validateResponse(
        'CreateAudienceSegments',
        200,
        segmentResponse({ updatedAt: null, description: null }),
      ),
    ).toEqual([]);
    // `data` items are a non-nullable resource, but its `id` and `type` are nullable strings.
    expect(
      validateResponse('CreateAudienceSegments', 200, segmentResponse({}, { id: null, type: null })),
    ).toEqual([]);
    expect(
      validateResponse('CreateAudienceSegments', 200, { data: null, errors: null, warnings: null }),
    ).toEqual([]);
  });

  it('accepts null for a $ref whose target schema is itself nullable', () => {
    // `attributes` is `{$ref: AudienceSegmentEntityV1}` and AudienceSegmentEntityV1 declares nullable: true.
    expect(
      validateResponse('CreateAudienceSegments', 200, segmentResponse({}, { attributes: null })),
    ).toEqual([]);
    // `retargeting` → RetargetingV1 (nullable: true).
    expect(validateResponse('CreateAudienceSegments', 200, segmentResponse({ retargeting: null }))).toEqual(
      [],
    );
  });

  it('accepts null for a nullable enum (OpenAPI 3.0 nullable adds null to the allowed values)', () => {
    expect(validateResponse('CreateAudienceSegments', 200, segmentResponse({ type: null }))).toEqual([]);
  });

  it('keeps an explicit additionalProperties map open (CommonProblem.source)', () => {
    const body = {
      data: [],
      errors: [
        {
          type: 'validation',
          code: 'invalid-field',
          title: 'Invalid field',
          source: { 'data/0/attributes/name': 'name', anyKey: 'anyValue' },
        },
      ],
      warnings: [],
    };
    expect(validateResponse('SearchAudienceSegments', 200, body)).toEqual([]);
  });

  it('accepts an empty body for DeleteAudiences 204 (declared without schema)', () => {
    expect(validateResponse('DeleteAudiences', 204, undefined)).toEqual([]);
    expect(validateResponse('DeleteAudiences', 204, '')).toEqual([]);
  });

  it('does not throw from expectValidResponse on a valid body', () => {
    expect(() => expectValidResponse('CreateAudienceSegments', 200, segmentResponse({}))).not.toThrow();
  });
});

describe('openapi contract checker: invalid responses', () => {
  it('rejects an unknown property in segment attributes in strict mode', () => {
    const body = segmentResponse({ colour: 'blue' });
    const errors = validateResponse('CreateAudienceSegments', 200, body);
    expect(errors).toEqual([
      'CreateAudienceSegments 200: /data/0/attributes must NOT have additional properties: "colour"',
    ]);
    // Loose mode (no additionalProperties:false injection) lets it through, proving strict mode did it.
    expect(validateResponse('CreateAudienceSegments', 200, body, { strict: false })).toEqual([]);
  });

  it('rejects unknown properties at the resource and envelope level', () => {
    expect(validateResponse('CreateAudienceSegments', 200, segmentResponse({}, { links: {} }))).toEqual([
      'CreateAudienceSegments 200: /data/0 must NOT have additional properties: "links"',
    ]);
    expect(validateResponse('CreateAudienceSegments', 200, { ...segmentResponse({}), meta: {} })).toEqual([
      'CreateAudienceSegments 200: (root) must NOT have additional properties: "meta"',
    ]);
  });

  it('rejects a numeric id where the spec says string', () => {
    expect(validateResponse('CreateAudienceSegments', 200, segmentResponse({}, { id: 1001 }))).toEqual([
      'CreateAudienceSegments 200: /data/0/id must be string or null',
    ]);
  });

  it('rejects an enum value outside the declared list', () => {
    const errors = validateResponse('CreateAudienceSegments', 200, segmentResponse({ type: 'Event' }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^CreateAudienceSegments 200: \/data\/0\/attributes\/type must be equal to one of/,
    );
    expect(errors[0]).toContain('"Retargeting"');
  });

  it('rejects null where the spec does not say nullable', () => {
    // DeleteAudienceContactListResponse.data → BasicAudienceDefinition (not nullable), errors is a plain array.
    const errors = validateResponse('DeleteContactListByAudienceSegment', 200, {
      data: null,
      errors: null,
      warnings: [],
    });
    expect(errors).toEqual([
      'DeleteContactListByAudienceSegment 200: /data must be object',
      'DeleteContactListByAudienceSegment 200: /errors must be array',
    ]);
  });

  it('rejects contactListId as a string for UpdateContactListByAudienceSegment', () => {
    expect(
      validateResponse(
        'UpdateContactListByAudienceSegment',
        200,
        contactListAmendment({ contactListId: '12' }),
      ),
    ).toEqual([
      'UpdateContactListByAudienceSegment 200: /data/attributes/contactListId must be integer or null',
    ]);
  });

  it('rejects a missing required property', () => {
    const body = contactListAmendment({});
    const data = obj(body.data);
    const { operation: _operation, ...attributes } = obj(data.attributes);
    expect(
      validateResponse('UpdateContactListByAudienceSegment', 200, { ...body, data: { ...data, attributes } }),
    ).toEqual([
      "UpdateContactListByAudienceSegment 200: /data/attributes must have required property 'operation'",
    ]);
  });

  it('enforces date-time, int32, int64 and uniqueItems', () => {
    expect(
      validateResponse('CreateAudienceSegments', 200, segmentResponse({ createdAt: 'yesterday' })),
    ).toEqual(['CreateAudienceSegments 200: /data/0/attributes/createdAt must match format "date-time"']);
    const brands = (size: unknown) => ({
      data: [{ id: '1', type: 'InMarketBrand', attributes: { name: 'B', size } }],
    });
    expect(validateResponse('GetAudienceSegmentsInMarketBrands', 200, brands(2 ** 31 - 1))).toEqual([]);
    expect(validateResponse('GetAudienceSegmentsInMarketBrands', 200, brands(2 ** 31))).toEqual([
      'GetAudienceSegmentsInMarketBrands 200: /data/0/attributes/size must match format "int32"',
    ]);
    const sizes = (size: unknown) => ({
      data: [{ id: '1', type: 'AudienceSegmentSize', attributes: { size } }],
    });
    expect(validateResponse('ComputeAudienceSegmentsSizes', 200, sizes(2 ** 40))).toEqual([]);
    expect(validateResponse('ComputeAudienceSegmentsSizes', 200, sizes(1.5))).toEqual([
      'ComputeAudienceSegmentsSizes 200: /data/0/attributes/size must be integer or null',
      'ComputeAudienceSegmentsSizes 200: /data/0/attributes/size must match format "int64"',
    ]);
    const stats = (matchRate: unknown) => ({
      data: { id: '1', type: 'ContactListStatistics', attributes: { matchRate } },
    });
    expect(validateResponse('GetAudienceSegmentContactListStatistics', 200, stats(0.5))).toEqual([]);
    expect(validateResponse('GetAudienceSegmentContactListStatistics', 200, stats('0.5'))).toEqual([
      'GetAudienceSegmentContactListStatistics 200: /data/attributes/matchRate must be number or null',
    ]);
    const audiences = (adSetIds: unknown) => ({
      data: [{ id: '1', type: 'Audience', attributes: { adSetIds } }],
    });
    expect(validateResponse('SearchAudiences', 200, audiences(['1', '2']))).toEqual([]);
    expect(validateResponse('SearchAudiences', 200, audiences(['1', '1']))).toEqual([
      'SearchAudiences 200: /data/0/attributes/adSetIds must NOT have duplicate items (items ## 1 and 0 are identical)',
    ]);
  });

  it('validates the recursive audience algebra (a property literally named "not")', () => {
    const audience = (algebra: unknown) => ({
      data: [{ id: '1', type: 'Audience', attributes: { algebra } }],
    });
    const algebra = {
      and: [{ audienceSegmentId: '1' }, { or: [{ audienceSegmentId: '2' }, { audienceSegmentId: '3' }] }],
      not: { audienceSegmentId: '4' },
    };
    expect(validateResponse('CreateAudiences', 200, audience(algebra))).toEqual([]);
    expect(
      validateResponse('CreateAudiences', 200, audience({ not: { audienceSegmentId: 4, xor: [] } })),
    ).toEqual([
      'CreateAudiences 200: /data/0/attributes/algebra/not must NOT have additional properties: "xor"',
      'CreateAudiences 200: /data/0/attributes/algebra/not/audienceSegmentId must be string or null',
    ]);
  });

  it('rejects a non-string value in an explicit additionalProperties map', () => {
    const body = { data: [], errors: [{ type: 'validation', source: { field: 3 } }] };
    expect(validateResponse('SearchAudienceSegments', 200, body)).toEqual([
      'SearchAudienceSegments 200: /errors/0/source/field must be string',
    ]);
  });

  it('reports an undeclared status', () => {
    expect(validateResponse('CreateAudiences', 400, { errors: [] })).toEqual([
      'CreateAudiences: status 400 is not declared (declared: 200)',
    ]);
  });

  it('reports an unknown operationId', () => {
    expect(validateResponse('NoSuchOperation', 200, {})).toEqual(['unknown operationId "NoSuchOperation"']);
  });

  it('rejects a non-empty body on DeleteAudiences 204', () => {
    expect(validateResponse('DeleteAudiences', 204, { data: [] })).toEqual([
      'DeleteAudiences 204: the spec declares no body for this response, got {"data":[]}',
    ]);
  });

  it('rejects an empty body where the spec declares a JSON schema', () => {
    expect(validateResponse('DeleteAudiences', 200, undefined)).toEqual([
      'DeleteAudiences 200: the spec declares a JSON body, got an empty body',
    ]);
  });

  it('reports an unparsed string body instead of validating it', () => {
    expect(validateResponse('CreateAudiences', 200, '{"data":[]}')).toEqual([
      'CreateAudiences 200: got a string body ("{\\"data\\":[]}"); pass the parsed JSON, e.g. res.json()',
    ]);
  });

  it('throws from expectValidResponse with every error listed', () => {
    const body = segmentResponse({ colour: 'blue', type: 'Event' }, { id: 1001 });
    expect(() => expectValidResponse('CreateAudienceSegments', 200, body)).toThrowError(
      /3 errors[\s\S]*"colour"[\s\S]*\/data\/0\/attributes\/type[\s\S]*\/data\/0\/id must be string or null/,
    );
  });
});

describe('openapi contract checker: schema transform', () => {
  it('closes objects with properties, keeps explicit maps, widens nullable enums and strips $ref siblings', () => {
    expect(
      toJsonSchema(
        {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['A'], nullable: true },
            map: { type: 'object', additionalProperties: { type: 'string' } },
            ref: { $ref: '#/components/schemas/Thing', description: 'ignored in OpenAPI 3.0' },
            free: { type: 'object' },
          },
          example: { properties: {} },
          'x-criteo-canonical': { name: 'Thing' },
        },
        true,
      ),
    ).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['A', null], nullable: true },
        map: { type: 'object', additionalProperties: { type: 'string' } },
        ref: { $ref: 'criteo-audience-spec#/definitions/Thing' },
        free: { type: 'object' },
      },
      additionalProperties: false,
      example: { properties: {} },
      'x-criteo-canonical': { name: 'Thing' },
    });
  });

  it('turns nullable without type into an anyOf with null', () => {
    expect(toJsonSchema({ nullable: true, enum: ['A'] }, true)).toEqual({
      anyOf: [{ type: 'null' }, { enum: ['A', null] }],
    });
  });
});
