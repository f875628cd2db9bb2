/**
 * OpenAPI response checker used by contract tests.
 *
 * Loads the official Criteo spec (`contract/marketingsolutions_2025-10.audience.json`) at runtime and
 * validates response bodies with Ajv (draft-07 + OpenAPI 3.0 `nullable`), with ajv-formats for
 * `date-time`, `int32`, `int64`, `float`, `double`, ...
 *
 * STRICT mode (default): every object schema that declares `properties` but no `additionalProperties`
 * is closed (`additionalProperties: false`), so the emulator can never emit a field the spec lacks.
 *
 * OpenAPI 3.0 → JSON Schema adaptations (applied to a deep copy of the spec's schemas):
 * - siblings of `$ref` are dropped (OpenAPI 3.0 says they are ignored); a referenced schema that is
 *   itself `nullable: true` accepts null because Ajv applies `nullable` where it is declared;
 * - `nullable: true` + `enum` gets `null` appended to the enum (Ajv's `nullable` only widens `type`,
 *   the `enum` keyword would still reject null);
 * - `nullable: true` without `type` (not present in this spec) becomes `anyOf: [{type: 'null'}, schema]`
 *   because Ajv refuses `nullable` without `type`.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  successStatuses: number[];
}

export interface ValidateOptions {
  /** Close object schemas that do not declare `additionalProperties` (default: true). */
  strict?: boolean;
}

type JsonObject = Record<string, unknown>;

interface ResponseDefinition {
  operationId: string;
  status: string;
  /** The response's JSON schema, or undefined when the spec declares no body for it. */
  schema: JsonObject | undefined;
}

interface OperationEntry extends ContractOperation {
  responses: JsonObject;
}

const SPEC_URL = new URL('../../contract/marketingsolutions_2025-10.audience.json', import.meta.url);
const SPEC_ID = 'criteo-audience-spec';
const COMPONENT_SCHEMA_REF = '#/components/schemas/';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Media types accepted for a response body, in order of preference. */
const JSON_MEDIA_TYPES = ['application/json', 'text/json', 'text/plain'] as const;
/** OpenAPI-only keywords that are pure annotations for response validation. */
const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

let specCache: JsonObject | undefined;

function loadSpec(): JsonObject {
  if (specCache === undefined) {
    const parsed: unknown = JSON.parse(readFileSync(SPEC_URL, 'utf8'));
    if (!isObject(parsed) || !isObject(parsed.paths)) {
      throw new Error(`${SPEC_URL.pathname} is not an OpenAPI document with "paths"`);
    }
    specCache = parsed;
  }
  return specCache;
}

let operationsCache: Map<string, OperationEntry> | undefined;

function operations(): Map<string, OperationEntry> {
  if (operationsCache !== undefined) return operationsCache;
  const byId = new Map<string, OperationEntry>();
  const paths = get(loadSpec(), 'paths');
  if (!isObject(paths)) return byId;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const operationId = op.operationId;
      if (typeof operationId !== 'string')
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      if (byId.has(operationId)) throw new Error(`duplicate operationId ${operationId}`);
      const responses = isObject(op.responses) ? op.responses : {};
      const successStatuses = Object.keys(responses)
        .filter((s) => /^2\d\d$/.test(s))
        .map(Number)
        .sort((a, b) => a - b);
      byId.set(operationId, { operationId, method: method.toUpperCase(), path, successStatuses, responses });
    }
  }
  operationsCache = byId;
  return byId;
}

/** All operations declared in the spec's `paths`, in document order. Methods are upper-case. */
export function listOperations(): ContractOperation[] {
  return [...operations().values()].map(({ operationId, method, path, successStatuses }) => ({
    operationId,
    method,
    path,
    successStatuses: [...successStatuses],
  }));
}

/** Resolves a `$ref` to `#/components/responses/...` (response objects themselves may be refs). */
function resolveLocalRef(node: unknown): unknown {
  let current = node;
  for (let depth = 0; depth < 10; depth++) {
    const ref = get(current, '$ref');
    if (typeof ref !== 'string') return current;
    if (!ref.startsWith('#/')) throw new Error(`unsupported non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((acc, key) => get(acc, key), loadSpec());
  }
  throw new Error('too many nested $ref');
}

function findResponse(operationId: string, status: number): ResponseDefinition | string {
  const op = operations().get(operationId);
  if (op === undefined) return `unknown operationId "${operationId}"`;
  const exact = String(status);
  const range = `${exact.charAt(0)}XX`;
  const key = [exact, range, range.toLowerCase(), 'default'].find((k) => k in op.responses);
  if (key === undefined) {
    return `${operationId}: status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`;
  }
  const response = resolveLocalRef(op.responses[key]);
  const content = get(response, 'content');
  let schema: JsonObject | undefined;
  if (isObject(content)) {
    const mediaType =
      JSON_MEDIA_TYPES.find((t) => t in content) ?? Object.keys(content).find((t) => /[/+]json\b/.test(t));
    const media = mediaType === undefined ? undefined : content[mediaType];
    const mediaSchema = get(media, 'schema');
    if (isObject(mediaSchema)) schema = mediaSchema;
  }
  return { operationId, status: key, schema };
}

/**
 * Deep-transforms an OpenAPI 3.0 schema into the JSON Schema Ajv validates (see module comment).
 * Only schema positions are walked; `example`, `enum` values, `x-*` extensions are copied untouched.
 */
export function toJsonSchema(schema: unknown, strict: boolean): unknown {
  if (!isObject(schema)) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    // OpenAPI 3.0: "This object cannot be extended with additional properties and any properties
    // added SHALL be ignored." -> keep only the reference.
    if (!ref.startsWith(COMPONENT_SCHEMA_REF)) throw new Error(`unsupported schema $ref ${ref}`);
    return { $ref: `${SPEC_ID}#/definitions/${ref.slice(COMPONENT_SCHEMA_REF.length)}` };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'properties':
        out[key] = isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, strict)]))
          : value;
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
        out[key] = toJsonSchema(value, strict);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = Array.isArray(value) ? value.map((v) => toJsonSchema(v, strict)) : value;
        break;
      default:
        out[key] = value;
    }
  }
  if (strict && isObject(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (out.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined) {
      const { nullable: _nullable, ...rest } = out;
      return { anyOf: [{ type: 'null' }, rest] };
    }
  }
  return out;
}

function collectExtensionKeywords(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeywords(item, found);
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      collectExtensionKeywords(value, found);
    }
  }
  return found;
}

const ajvCache = new Map<boolean, Ajv>();

function ajvFor(strict: boolean): Ajv {
  const cached = ajvCache.get(strict);
  if (cached !== undefined) return cached;
  const spec = loadSpec();
  const schemas = get(get(spec, 'components'), 'schemas');
  const transformed = isObject(schemas)
    ? Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toJsonSchema(s, strict)]))
    : {};
  // Ajv strict mode stays on (catches mistakes in the transform); OpenAPI annotation keywords and the
  // spec's `x-*` extensions are declared as known, value-less keywords instead.
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  // ajv-formats is CommonJS; under NodeNext the default import is `module.exports`, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS, ...collectExtensionKeywords(schemas, new Set())]);
  // `components.schemas` become draft-07 `definitions` of one registered document; every
  // `#/components/schemas/X` ref was rewritten to `${SPEC_ID}#/definitions/X` by toJsonSchema.
  ajv.addSchema({ $id: SPEC_ID, definitions: transformed });
  ajvCache.set(strict, ajv);
  return ajv;
}

const validatorCache = new Map<string, ValidateFunction | null>();

function validatorFor(def: ResponseDefinition, strict: boolean): ValidateFunction | null {
  const cacheKey = `${strict ? 'strict' : 'loose'}:${def.operationId}:${def.status}`;
  const cached = validatorCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let validator: ValidateFunction | null = null;
  if (def.schema !== undefined) {
    const schema = toJsonSchema(def.schema, strict);
    if (!isObject(schema))
      throw new Error(`${def.operationId} ${def.status}: response schema is not an object`);
    validator = ajvFor(strict).compile(schema);
  }
  validatorCache.set(cacheKey, validator);
  return validator;
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params: JsonObject = error.params;
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  else if (error.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  // Ajv implements `nullable` inside the type check but its message omits null.
  else if (error.keyword === 'type' && get(error.parentSchema, 'nullable') === true) detail = ' or null';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Validates a (parsed JSON) response body against the spec. Returns human readable errors; empty = valid.
 * A declared response without a body schema (e.g. DeleteAudiences 204) requires an empty body
 * (`undefined` or `''`).
 */
export function validateResponse(
  operationId: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const def = findResponse(operationId, status);
  if (typeof def === 'string') return [def];
  const prefix = `${operationId} ${status}`;
  const validate = validatorFor(def, options.strict ?? true);
  if (validate === null) {
    return body === undefined || body === ''
      ? []
      : [`${prefix}: the spec declares no body for this response, got ${preview(body)}`];
  }
  if (body === undefined || body === '')
    return [`${prefix}: the spec declares a JSON body, got an empty body`];
  if (typeof body === 'string') {
    return [`${prefix}: got a string body (${preview(body)}); pass the parsed JSON, e.g. res.json()`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${prefix}: ${formatError(e)}`);
}

/** Throws an Error listing every validation error (for use inside vitest `it` blocks). */
export function expectValidResponse(
  operationId: string,
  status: number,
  body: unknown,
  options: ValidateOptions = {},
): void {
  const errors = validateResponse(operationId, status, body, options);
  if (errors.length > 0) {
    throw new Error(
      `response does not match the OpenAPI contract (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((e) => `  - ${e}`).join('\n'),
    );
  }
}
