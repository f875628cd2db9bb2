import type { EmulatorApplication } from './auth.js';
import { fail } from './problems.js';

/** Another application's advertiser (or one nobody owns) is a 403, as Criteo answers for a missing consent. */
export function assertAdvertiserAccess(application: EmulatorApplication, advertiserId: string): void {
  if (!application.advertiserIds.includes(advertiserId)) {
    fail(403, 'advertiser-not-authorized', `The application has no access to advertiser ${advertiserId}`, {
      type: 'authorization',
    });
  }
}

/** Ids of existing entities that belong to another application's advertiser make the whole request a 403. */
export function assertOwnsExisting(
  application: EmulatorApplication,
  ids: (string | undefined)[],
  advertiserOf: (id: string) => string | undefined,
): void {
  for (const id of ids) {
    const advertiserId = id === undefined ? undefined : advertiserOf(id);
    if (advertiserId !== undefined) assertAdvertiserAccess(application, advertiserId);
  }
}
