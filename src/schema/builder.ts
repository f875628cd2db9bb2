import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context.js';
import { toBadUserInput } from './validation-error.js';

/** Criteo's timestamps are UTC, sometimes written without an offset (`2023-05-09T16:30:50.4633333`). */
const withUtcOffset = (value: unknown) => {
  if (typeof value !== 'string') return value;
  if (/T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
  return /T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value) ? `${value}Z` : value;
};

/** How JSON prints the `Date` graphql-scalars makes of a timestamp (`Date.prototype.toISOString`). */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Already printed as the answer would print it (the emulator's, a write's echo) and a real instant
 * (what `new Date(value).toISOString() === value` says, without building either): no re-parsing.
 */
function isCanonical(value: unknown): value is string {
  if (typeof value !== 'string' || !CANONICAL.test(value)) return false;
  const at = (i: number, digits: number) => {
    let n = 0;
    for (let k = i; k < i + digits; k++) n = n * 10 + value.charCodeAt(k) - 48;
    return n;
  };
  const year = at(0, 4);
  const month = at(5, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  const day = at(8, 2);
  return days !== undefined && day >= 1 && day <= days && at(11, 2) < 24 && at(14, 2) < 60 && at(17, 2) < 60;
}

const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'An ISO-8601 date-time in UTC, e.g. `2025-11-01T10:00:00Z`.',
  serialize: (value) => (isCanonical(value) ? value : DateTimeResolver.serialize(withUtcOffset(value))),
});

/** What Yoga hands a resolver for an uploaded file (a WHATWG `File`). */
export interface Upload {
  readonly name: string;
  readonly type: string;
  stream(): ReadableStream<Uint8Array>;
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    SafeInt: { Input: number; Output: number };
    /** A file of a GraphQL multipart request (Yoga parses the multipart request spec). */
    File: { Input: Upload; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  // Errors before Dataloader: a field's `errors` then catches what its loader rejects with.
  plugins: [ErrorsPlugin, DataloaderPlugin, RelayPlugin, ValidationPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: {
      nullable: { list: false, items: false },
      description: 'The items of this page, with their cursors.',
    },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after` / `before`.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    pageInfoTypeOptions: { description: 'Relay page information.' },
    hasNextPageFieldOptions: { description: 'More items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last item of the page: pass it as `after` for the next page.',
    },
    firstArgOptions: { description: 'Page size from the start or after `after` (0 to 100, default 50).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size before `before` (0 to 100).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
  errors: { directResult: true },
  // Bad input is a client-visible GraphQL error naming the path and the rule (never masked).
  validation: { validationError: (failure) => toBadUserInput(failure.issues) },
});

builder.addScalarType('DateTime', DateTime);
builder.addScalarType('SafeInt', SafeIntResolver);

builder.queryType({ description: 'Read Criteo audience segments, audiences and their sizes.' });
builder.mutationType({
  description: 'Write Criteo audience segments, audiences, contact lists and ad-set targeting.',
});
