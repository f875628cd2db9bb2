import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Upload } from '../builder.js';
import { UploadTooLargeError } from '../upload.js';
import { badUserInput } from '../validation-error.js';
import { IdentifierSourceError } from './upload.js';

export interface CsvColumn {
  /** Header name of the identifier column (needs `header`). */
  column?: string | undefined;
  /** 0-based index of the identifier column (default 0). */
  columnIndex?: number | undefined;
  /** The first row names the columns. */
  header: boolean;
  delimiter: string;
}

/** The file's bytes; works for Node's web streams and for Yoga's ponyfilled ones. */
async function* bytesOf(file: Upload): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let done = false;
  try {
    while (!done) {
      const next = await reader.read();
      done = next.done;
      if (next.value) yield next.value;
    }
  } finally {
    if (!done) await reader.cancel();
    reader.releaseLock();
  }
}

const isCells = (record: unknown): record is string[] =>
  Array.isArray(record) && record.every((cell) => typeof cell === 'string');

function columnOf(header: string[], options: CsvColumn): number {
  if (options.column === undefined) return options.columnIndex ?? 0;
  const wanted = options.column.trim().toLowerCase();
  const index = header.findIndex((cell) => cell.trim().toLowerCase() === wanted);
  if (index >= 0) return index;
  throw badUserInput([
    {
      path: 'input.csv.column',
      message: `no column "${options.column}" in the header (${header.join(', ')})`,
    },
  ]);
}

/**
 * The identifiers of one column of an uploaded CSV, read as the parser goes (csv-parse): the caller's
 * chunks of 50,000 are sent while later rows are still being parsed. Empty cells and blank lines are
 * skipped. A malformed row ends the stream with an `IdentifierSourceError` naming its line.
 */
export async function* csvIdentifiers(file: Upload, options: CsvColumn): AsyncGenerator<string> {
  const parser = parse({
    delimiter: options.delimiter,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  // The parser's own iteration reports its errors; this only ends the byte pipe with it.
  const feeding = pipeline(Readable.from(bytesOf(file)), parser).catch(() => {});
  let column = options.header ? null : (options.columnIndex ?? 0);
  try {
    for await (const record of parser) {
      if (!isCells(record)) continue;
      if (column === null) {
        column = columnOf(record, options);
        continue;
      }
      const value = record[column];
      if (value) yield value;
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new IdentifierSourceError('invalid-csv', `Invalid CSV: ${error.message}`);
    if (error instanceof UploadTooLargeError)
      throw new IdentifierSourceError('upload-too-large', error.message);
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}
