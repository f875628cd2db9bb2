import type { ProblemType } from '../contract/envelope.js';

/** Titles as the Criteo docs' validation-code lists word them; the emulator's own additions are marked. */
export const PROBLEM_TITLES = {
  // envelope and payload
  'empty-data-object': 'Cannot have an empty data object',
  'payload-too-big': 'Payload is too big',
  'non-parsable-id': 'One or more IDs cannot be parsed',
  'duplicate-id': 'ID cannot be duplicated',
  'pagination-limit-too-big': 'Pagination limit is too big',
  'undefined-advertiser-id': 'Cannot have an undefined advertiser ID',
  'invalid-request-body': 'The request body could not be deserialized', // emulator: undocumented code
  'invalid-query-parameter': 'A query parameter is invalid', // emulator: undocumented code
  // auth
  'authorization-token-missing': 'Authorization token is missing',
  'authorization-token-invalid': 'Authorization token is invalid',
  'authorization-token-expired': 'Authorization token has expired',
  'advertiser-not-authorized': 'The application has no access to this advertiser', // emulator: undocumented code
  'rate-limit-exceeded': 'Too many requests', // emulator: undocumented code
  'internal-error': 'Internal error',
  'service-unavailable': 'Service unavailable',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'unsupported-media-type': 'Unsupported media type',
  // segments
  'undefined-segment-type': 'Cannot have a segment object without any type defined',
  'multiple-segment-types': 'Cannot have a segment object with multiple types defined',
  'type-must-be-the-same': 'Type must be the same',
  'duplicate-name': 'Cannot have duplicated segment names',
  'name-must-be-unique': 'Name must be unique',
  'name-must-not-be-empty': 'Name must not be empty',
  'name-must-not-be-too-long': 'Segment name property must not be too long',
  'segment-not-found': 'Segment not found',
  'segment-has-not-been-found': 'Segment does not exist',
  'segment-must-not-be-used-in-audience': 'Segment must not be used in an audience',
  'segment-must-have-valid-segment-id': 'Segment must have a valid segment ID',
  'segment-is-read-only': 'Segment is read-only', // emulator: behavioral and read-only contact lists
  'segment-size-not-available': 'Segment size not available',
  'segment-size-not-supported': 'Segment size not supported',
  'segment-size-too-small': 'Segment size is too small',
  'country-code-is-required': 'Country code is required',
  'country-code-must-be-valid': 'Country code must be valid',
  'country-code-must-be-authorized': 'Country code must be authorized',
  'buying-power-must-be-valid': 'Buying power must be valid',
  'price-range-must-be-valid': 'Price range must be valid',
  'brand-list-must-be-valid': 'Brand list must be valid',
  'interests-list-must-be-valid': 'Interest list must be valid',
  'poi-list-must-be-not-empty': 'Points of interest list must be nor null nor empty',
  'poi-coordinates-must-be-valid': 'Points of interest coordinates must be valid',
  'poi-coordinates-must-be-unique': 'Points of interest coordinates must be unique',
  'poi-radius-must-be-not-null': "Location segment of type 'PointOfInterest' must have a radius",
  'radius-must-be-in-range': 'RadiusInKm must be in range',
  'users-type-must-be-defined': 'Prospecting segment must define its users type', // emulator: spec requires usersType
  'days-must-be-in-range': 'Days must be in range',
  'retargeting-segment-days-since-last-visit-are-not-compatible':
    'Retargeting segment MinDaysSinceLastVisit and MaxDaysSinceLastVisit are not compatible',
  'retargeting-segment-days-since-last-visit-are-not-in-acceptable-range':
    'Retargeting segment MinDaysSinceLastVisit and MaxDaysSinceLastVisit are not in the range of acceptable values',
  'visitors-type-must-be-defined': 'Retargeting segment must define its visitors type', // emulator: spec requires visitorsType
  'seed-segment-must-be-defined': 'Lookalike segment must define its seed segment', // emulator: spec requires seedSegmentId
  'seed-segment-must-belong-to-the-same-advertiser': 'Seed segment does not belong to the same advertiser',
  'target-size-must-be-in-range': 'Target size must be within the supported range',
  'segment-is-not-a-contact-list': 'Segment is not a contact list', // emulator: undocumented code
  'contact-list-statistics-not-supported': 'Contact list statistics are not supported on this segment',
  'gum-caller-id-is-required': 'A gumCallerId is required for identifiers of type gum', // emulator: docs prose
  // audiences
  'audience-not-found': 'Audience not found',
  'audience-name-must-be-unique': 'Audience name must be unique',
  'algebra-must-be-defined': 'Audience algebra must be defined', // emulator: spec requires algebra
  'audience-algebra-node-must-have-exactly-one-operator':
    'An algebra node must have exactly one of and, or, not, audienceSegmentId', // emulator
  'audience-must-contain-only-existing-segments': 'Audience must contain only existing segments',
  'audience-algebra-and-or-nodes-must-include-more-than-one-node':
    'Audience algebra "and" and "or" nodes must include more than one node',
  'audience-must-contain-included-segment-or-only-excluded-contact-list':
    'Audience must contain included segment or only excluded contact list',
  'audience-with-retargeting-segment-must-be-correctly-specified':
    'Audience with retargeting segment must be correctly specified',
  'audience-must-not-be-used-in-non-archived-ad-set': 'Audience must not be used in an active ad set',
  'audience-size-not-available': 'Audience size not available',
  'audience-size-not-supported': 'Audience size not supported',
  'audience-size-too-small': 'Audience size is too small',
  'ad-set-not-found': 'Ad set not found', // emulator: undocumented code
  // warnings (`type: deprecation`): the spec's contact-list examples carry `deprecated-field`
  'deprecated-field': 'Field is deprecated',
} as const;
export type ProblemCode = keyof typeof PROBLEM_TITLES;

export interface ProblemInit {
  type?: ProblemType;
  code: ProblemCode;
  detail: string;
  /** `@data/<i>` for a bulk item, otherwise the resource or endpoint path. */
  instance?: string;
  /** Field name -> JSON path of the offending value, e.g. `{ name: 'data/1/attributes/name' }`. */
  source?: Record<string, string>;
}

/**
 * A problem that concerns one item of a bulk request, before it is placed at `@data/<index>`. Not the
 * gateway's `ItemProblem` (src/schema/bulk.ts), which is what a client reads back.
 */
export interface ItemProblemInit {
  code: ProblemCode;
  detail: string;
  source?: Record<string, string>;
}

/** Thrown by handlers to answer the whole request with an error status. */
export class ProblemResponse extends Error {
  constructor(
    readonly status: number,
    readonly problems: ProblemInit[],
    readonly headers: Record<string, string> = {},
  ) {
    super(problems.map((p) => `${p.code}: ${p.detail}`).join('; '));
    this.name = 'ProblemResponse';
  }
}

export function fail(
  status: number,
  code: ProblemCode,
  detail: string,
  extra: Partial<ProblemInit> = {},
): never {
  throw new ProblemResponse(status, [{ code, detail, ...extra }]);
}

/**
 * Serialises a problem. `common` is `CommonProblem` (with the deprecated `traceIdentifier`);
 * `audience` is `AudienceError`/`AudienceWarning`, used by the contact-list endpoints.
 */
export function toProblemBody(
  init: ProblemInit,
  traceId: string,
  flavor: 'common' | 'audience',
  fallbackInstance: string,
) {
  const base = {
    traceId,
    type: init.type ?? 'validation',
    code: init.code,
    instance: init.instance ?? fallbackInstance,
    title: PROBLEM_TITLES[init.code],
    detail: init.detail,
    ...(init.source ? { source: init.source } : {}),
  };
  return flavor === 'common' ? { ...base, traceIdentifier: traceId } : base;
}

export function itemProblem(
  code: ProblemCode,
  detail: string,
  field?: string,
  path?: string,
): ItemProblemInit {
  return field && path ? { code, detail, source: { [field]: path } } : { code, detail };
}
