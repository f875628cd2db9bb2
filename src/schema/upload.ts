import { GraphQLError } from 'graphql';
import { builder, type Upload } from './builder.js';

/** An uploaded file went past `MAX_UPLOAD_BYTES` while it streamed: its reader sees this error. */
export class UploadTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path}: the file is larger than the upload limit of ${maxBytes} bytes (MAX_UPLOAD_BYTES)`);
    this.name = 'UploadTooLargeError';
  }
}

/** Yoga hands multipart files over as WHATWG `File`s (its own ponyfill or Node's): checked by shape. */
export function isUpload(value: unknown): value is Upload {
  return (
    typeof value === 'object' &&
    value !== null &&
    'stream' in value &&
    typeof value.stream === 'function' &&
    'name' in value &&
    typeof value.name === 'string'
  );
}

builder.scalarType('File', {
  description:
    'A file of a GraphQL multipart request (`multipart/form-data` with `operations`, `map` and the file parts); input only.',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar');
  },
  parseValue: (value) => {
    if (isUpload(value)) return value;
    throw new GraphQLError('File: expected a file part of a GraphQL multipart request');
  },
  parseLiteral: () => {
    throw new GraphQLError('File: a file comes as a variable of a GraphQL multipart request, not inline');
  },
});
