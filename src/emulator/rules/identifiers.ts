import type { IdentifierType } from '../../contract/contact-list.js';

/** How many invalid identifiers a response echoes back. */
export const INVALID_SAMPLE_SIZE = 10;

const HEX_32 = /^[0-9a-f]{32}$/i;
const HEX_64 = /^[0-9a-f]{64}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MADID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[A-Za-z0-9_=-]{8,255}$/;
const GUM = /^[A-Za-z0-9_-]{1,128}$/;
const CLEAR_PHONE = /^\+[0-9][0-9 -]{6,24}$/;

/**
 * Returns the identifier as stored (trimmed; lower-cased for emails and hashes), or null when it is not
 * valid for its type. Emails may be plain, MD5, SHA-256 or SHA-256 of MD5; phone numbers clear
 * (`+` and country code, spaces and dashes allowed) or SHA-256 of the E.164 digits.
 */
export function normalizeIdentifier(value: string, type: IdentifierType): string | null {
  const trimmed = value.trim();
  switch (type) {
    case 'email':
      if (HEX_32.test(trimmed) || HEX_64.test(trimmed)) return trimmed.toLowerCase();
      return EMAIL.test(trimmed) ? trimmed.toLowerCase() : null;
    case 'madid':
      return MADID.test(trimmed) ? trimmed.toLowerCase() : null;
    case 'identityLink':
      return TOKEN.test(trimmed) ? trimmed : null;
    case 'gum':
      return GUM.test(trimmed) ? trimmed : null;
    case 'phoneNumber': {
      if (HEX_64.test(trimmed)) return trimmed.toLowerCase();
      const digits = trimmed.replace(/[^0-9]/g, '');
      return CLEAR_PHONE.test(trimmed) && digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
    }
  }
}
