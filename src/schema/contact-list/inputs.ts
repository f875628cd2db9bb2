import { z } from 'zod';
import { IdentifierTypeSchema } from '../../contract/contact-list.js';
import { builder, type Upload } from '../builder.js';
import { idSchema, optional } from '../shared/inputs.js';
import { isUpload } from '../upload.js';
import { HASHABLE_TYPES } from './identifiers.js';
import { MAX_CSV_CHUNKS } from './upload.js';

/** Most identifiers one list argument takes (a ~50 MB request); CSV uploads have no count limit. */
export const MAX_LIST_IDENTIFIERS = 1_000_000;

export const IdentifierTypeEnum = builder.enumType('IdentifierType', {
  description: 'What the identifiers of a contact list are.',
  values: {
    EMAIL: { value: 'email', description: 'Email addresses: plain, MD5, SHA-256 or SHA-256 of MD5.' },
    MADID: { value: 'madid', description: 'Mobile advertising ids.' },
    IDENTITY_LINK: { value: 'identityLink', description: "LiveRamp's IdentityLink ids." },
    GUM: { value: 'gum', description: 'Criteo GUM cookie ids (need `gumCallerId`).' },
    PHONE_NUMBER: {
      value: 'phoneNumber',
      description: 'Phone numbers: `+`, country code, digits (spaces and dashes allowed), or SHA-256.',
    },
  } as const,
});

export const IdentifierHashingEnum = builder.enumType('IdentifierHashing', {
  description: 'Whether the gateway hashes identifiers before they leave it.',
  values: {
    NONE: { value: 'NONE', description: 'Send the identifiers as given (trimmed).' },
    SHA256: {
      value: 'SHA256',
      description:
        'EMAIL and PHONE_NUMBER only: normalise as Criteo documents (emails trimmed and lower-cased, phones reduced to E.164 digits without `+`, a national trunk 0 after the country code dropped as in `+33 (0)1…` or `+33 01…`), then SHA-256. Values already SHA-256 pass through; plaintext never reaches Criteo.',
    },
  } as const,
});

const ContactListCsvInput = builder.inputType('ContactListCsvInput', {
  description: `A CSV file of identifiers, one per row, sent as a GraphQL multipart request. One upload sends at most ${MAX_CSV_CHUNKS} chunks of 50,000 (5,000,000 identifiers); later ones are reported \`chunk-not-sent\`.`,
  fields: (t) => ({
    file: t.field({ type: 'File', required: true, description: 'The CSV file (UTF-8, optional BOM).' }),
    column: t.string({
      description: 'Header name of the identifier column (case-insensitive; needs `header`).',
    }),
    columnIndex: t.int({ description: '0-based index of the identifier column (default 0).' }),
    header: t.boolean({ defaultValue: true, description: 'Whether the first row names the columns.' }),
    delimiter: t.string({ defaultValue: ',', description: 'The field delimiter: one character.' }),
  }),
});

const CsvSchema = z
  .object({
    file: z.custom<Upload>(isUpload, { message: 'must be a file of a GraphQL multipart request' }),
    column: optional(z.string().min(1, { message: 'must not be empty' })),
    columnIndex: optional(z.number().int().min(0, { message: 'must be 0 or more' })),
    header: z
      .boolean()
      .nullish()
      .transform((value) => value ?? true),
    delimiter: z
      .string()
      .length(1, { message: 'must be one character' })
      .nullish()
      .transform((value) => value ?? ','),
  })
  .superRefine((csv, ctx) => {
    if (csv.column !== undefined && csv.columnIndex !== undefined)
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'pass column or columnIndex, not both' });
    if (csv.column !== undefined && !csv.header)
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'a column name needs header: true' });
  });

const IdentifiersSchema = z
  .object({
    segmentId: idSchema('a segment id'),
    identifierType: IdentifierTypeSchema,
    identifiers: optional(
      z.array(z.string()).max(MAX_LIST_IDENTIFIERS, {
        message: `at most ${MAX_LIST_IDENTIFIERS} identifiers per list; upload a CSV for more`,
      }),
    ),
    csv: optional(CsvSchema),
    hash: z
      .enum(['NONE', 'SHA256'])
      .nullish()
      .transform((value) => value === 'SHA256'),
    gumCallerId: optional(z.number().int()),
  })
  .superRefine((input, ctx) => {
    if ((input.identifiers === undefined) === (input.csv === undefined))
      ctx.addIssue({ code: 'custom', message: 'needs exactly one of identifiers, csv' });
    if (input.identifierType === 'gum' && input.gumCallerId === undefined)
      ctx.addIssue({ code: 'custom', path: ['gumCallerId'], message: 'GUM identifiers need a gumCallerId' });
    if (input.identifierType !== 'gum' && input.gumCallerId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['gumCallerId'],
        message: 'only GUM identifiers take a gumCallerId',
      });
    if (input.hash && !HASHABLE_TYPES.includes(input.identifierType))
      ctx.addIssue({
        code: 'custom',
        path: ['hash'],
        message: 'SHA256 applies to EMAIL and PHONE_NUMBER identifiers only',
      });
  });

export const ContactListIdentifiersInput = builder
  .inputType('ContactListIdentifiersInput', {
    description:
      'Identifiers to add to or remove from a contact list: a list (`identifiers`) or a CSV upload (`csv`), exactly one. Sent in chunks of 50,000.',
    fields: (t) => ({
      segmentId: t.id({ required: true, description: 'Criteo id of the contact-list segment.' }),
      identifierType: t.field({
        type: IdentifierTypeEnum,
        required: true,
        description: 'What the identifiers are.',
      }),
      identifiers: t.stringList({
        description: `The identifiers (at most ${MAX_LIST_IDENTIFIERS.toLocaleString('en')}; use \`csv\` for more).`,
      }),
      csv: t.field({ type: ContactListCsvInput, description: 'A CSV upload instead of `identifiers`.' }),
      hash: t.field({
        type: IdentifierHashingEnum,
        defaultValue: 'NONE',
        description: 'Hash EMAIL / PHONE_NUMBER identifiers in the gateway (default NONE).',
      }),
      gumCallerId: t.int({ description: 'Required with GUM identifiers: your Criteo GUM caller id.' }),
    }),
  })
  .validate(IdentifiersSchema);
