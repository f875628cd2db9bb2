import { createHash } from 'node:crypto';
import type { IdentifierType } from '../../contract/contact-list.js';

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const MD5_HEX = /^[0-9a-f]{32}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** A clear number: `+`, the country code, then digits with spaces, dashes, dots or parentheses. */
const CLEAR_PHONE = /^\+[0-9][0-9 ().-]*$/;
/** E.164 numbers hold at most 15 digits; fewer than 8 cannot carry a country code and a number. */
const PHONE_DIGITS = { min: 8, max: 15 } as const;

/** The identifier types gateway-side hashing applies to. */
export const HASHABLE_TYPES: readonly IdentifierType[] = ['email', 'phoneNumber'];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The identifier as it goes upstream, or null when the gateway already knows it is invalid (it is
 * then counted and never sent). Without `hash` the value is only trimmed. With `hash` (Criteo's docs,
 * "Manage Contact Lists"): an email is trimmed, lower-cased and SHA-256-hashed (an MD5 hex becomes
 * SHA256MD5); a phone number is reduced to the digits of its E.164 form without the `+`, then hashed.
 * A value that already is a SHA-256 hex passes through, lower-cased. Plaintext never leaves.
 */
export function prepareIdentifier(raw: string, type: IdentifierType, hash: boolean): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (!hash) return value;
  if (SHA256_HEX.test(value)) return value.toLowerCase();
  if (type === 'email') {
    const email = value.toLowerCase();
    return EMAIL.test(email) || MD5_HEX.test(email) ? sha256(email) : null;
  }
  if (type !== 'phoneNumber' || !CLEAR_PHONE.test(value)) return null;
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length >= PHONE_DIGITS.min && digits.length <= PHONE_DIGITS.max ? sha256(digits) : null;
}
