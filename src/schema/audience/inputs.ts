import { z } from 'zod';
import type { AudienceCreate, AudienceUpdate } from '../../contract/audience.js';
import { builder } from '../builder.js';
import { idSchema, keepIfAbsent, nillable, optional } from '../shared/inputs.js';
import { AudienceAlgebraInput, AudienceAlgebraSchema } from './algebra-input.js';

/** One item of the bulk mutation, checked per item in its resolver (a bad item fails alone). */
export const AudienceCreateSchema = z.object({
  advertiserId: idSchema('an advertiser id'),
  name: z.string(),
  description: optional(z.string()),
  algebra: AudienceAlgebraSchema,
}) satisfies z.ZodType<AudienceCreate>;

export const AudienceCreateInput = builder.inputType('AudienceCreateInput', {
  description: 'One audience to create.',
  fields: (t) => ({
    advertiserId: t.id({ required: true, description: 'The advertiser that will own it.' }),
    name: t.string({ required: true, description: 'Name, unique per advertiser.' }),
    description: t.string({ description: 'Free-text description.' }),
    algebra: t.field({
      type: AudienceAlgebraInput,
      required: true,
      description: 'The definition: segments combined with AND / OR / NOT.',
    }),
  }),
});

/** One item of the bulk mutation, checked per item in its resolver (a bad item fails alone). */
export const AudienceUpdateSchema = z
  .object({
    id: idSchema('an audience id'),
    name: keepIfAbsent(z.string()),
    description: nillable(z.string()),
    algebra: keepIfAbsent(AudienceAlgebraSchema),
  })
  .transform(({ id, ...attributes }): { id: string; attributes: AudienceUpdate } => ({ id, attributes }));

export const AudienceUpdateInput = builder.inputType('AudienceUpdateInput', {
  description: 'Changes to one audience: absent fields stay as they are; null clears a field that allows it.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Criteo id of the audience.' }),
    name: t.string({ description: 'New name, unique per advertiser (cannot be null).' }),
    description: t.string({ description: 'New description; null clears it.' }),
    algebra: t.field({
      type: AudienceAlgebraInput,
      description: 'A new definition; it replaces the whole tree.',
    }),
  }),
});
