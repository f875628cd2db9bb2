import type { ApplicationSummary } from '../contract/application.js';
import { builder } from './builder.js';

const ApplicationRef = builder.objectRef<ApplicationSummary>('Application').implement({
  description: 'The Criteo API application whose credentials the gateway uses.',
  fields: (t) => ({
    applicationId: t.int({
      nullable: true,
      resolve: (a) => a.applicationId ?? null,
      description: 'Criteo application id.',
    }),
    name: t.string({ nullable: true, resolve: (a) => a.name ?? null, description: 'Application name.' }),
    description: t.string({
      nullable: true,
      resolve: (a) => a.description ?? null,
      description: 'Application description.',
    }),
    organizationId: t.int({
      nullable: true,
      resolve: (a) => a.organizationId ?? null,
      description: 'Owning organization.',
    }),
    criteoService: t.string({
      nullable: true,
      resolve: (a) => a.criteoService ?? null,
      description: 'Criteo service, e.g. `MarketingSolutions`.',
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: ApplicationRef,
    nullable: true,
    description: 'The Criteo application behind the current credentials (Criteo `GET /me`).',
    resolve: (_root, _args, ctx) => ctx.criteo.getCurrentApplication(),
  }),
);
