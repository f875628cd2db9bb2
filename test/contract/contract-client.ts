/**
 * Drives the emulator by operationId: the method and path come from the OpenAPI file (through
 * `listOperations()`), so a contract test always exercises the route the spec declares, and every
 * response it accepts has been validated against that operation's response schema.
 */
import { expect } from 'vitest';
import { type ApiResponse, record, type TestEmulator } from '../support/emulator.js';
import { type ContractOperation, expectValidResponse, listOperations } from '../support/openapi.js';

export interface OperationCall {
  /** Path parameters by their spec name, e.g. `{ 'audience-segment-id': '100001' }`. */
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
}

type JsonObject = Record<string, unknown>;

const operationsById = new Map(listOperations().map((op) => [op.operationId, op]));

export function operation(operationId: string): ContractOperation {
  const op = operationsById.get(operationId);
  if (op === undefined) throw new Error(`the spec declares no operation ${operationId}`);
  return op;
}

/** The spec path relative to the emulator's `apiUrl`, with its `{parameters}` filled in. */
export function operationPath(operationId: string, params: Record<string, string> = {}): string {
  const { path } = operation(operationId);
  const relative = path.replace(/^\/[^/]+\/marketing-solutions(?=\/)/, '');
  return relative.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operationId}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export async function callOperation(
  api: TestEmulator,
  operationId: string,
  call: OperationCall = {},
): Promise<ApiResponse> {
  const { method } = operation(operationId);
  return api.call(method, operationPath(operationId, call.params), {
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.query === undefined ? {} : { query: call.query }),
  });
}

/**
 * Calls an operation, asserts the status (200 by default; it must be a success status the spec
 * declares) and validates the body against the spec's response schema. Returns the body.
 */
export async function expectContract(
  api: TestEmulator,
  operationId: string,
  call: OperationCall = {},
  status = 200,
): Promise<JsonObject> {
  expect(operation(operationId).successStatuses).toContain(status);
  const response = await callOperation(api, operationId, call);
  expect(response.status, `${operationId}: ${JSON.stringify(response.body)}`).toBe(status);
  expectValidResponse(operationId, response.status, response.body);
  return record(response.body);
}

/** `data` of a list response, each item narrowed to an object. */
export function dataList(body: JsonObject): JsonObject[] {
  const data = body.data;
  if (!Array.isArray(data)) throw new Error(`expected data to be an array, got ${JSON.stringify(data)}`);
  return data.map(record);
}

/** `errors` of a response, each narrowed to an object (an absent or null list is empty). */
export function problemList(body: JsonObject, key: 'errors' | 'warnings' = 'errors'): JsonObject[] {
  const list = body[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new Error(`expected ${key} to be an array, got ${JSON.stringify(list)}`);
  return list.map(record);
}

export function attributesOf(resource: unknown): JsonObject {
  return record(record(resource).attributes);
}

export function idsOf(body: JsonObject): string[] {
  return dataList(body).map((r) => String(r.id));
}
