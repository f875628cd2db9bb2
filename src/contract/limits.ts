// Criteo's own limits, in one place: the client chunks and pages by them and the emulator enforces
// them, so both sides read the same numbers. The gateway's own policies (how many items one mutation
// takes, how deep an algebra may be) live with the schema and are named `GATEWAY_*`.

/** Most items one search page returns (`limit` is 0..100, default 50). */
export const CRITEO_MAX_PAGE_SIZE = 100;
/** The page size Criteo uses when `limit` is absent. */
export const CRITEO_DEFAULT_PAGE_SIZE = 50;
/** Most items one bulk call (create, update, delete, compute-sizes) takes; more is `payload-too-big`. */
export const CRITEO_MAX_BULK_ITEMS = 50;
/** Most identifiers one contact-list add or remove takes. */
export const CRITEO_MAX_IDENTIFIERS_PER_CALL = 50_000;
/** Calls one application may make in a minute (`x-ratelimit-limit`). */
export const CRITEO_CALLS_PER_MINUTE = 250;
