import { createHash } from 'node:crypto';
import type { IdentifierType } from '../../contract/contact-list.js';

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const MD5_HEX = /^[0-9a-f]{32}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** A clear number: `+`, the country code, then digits with spaces, dashes, dots or parentheses. */
const CLEAR_PHONE = /^\+[0-9][0-9 ().-]*$/;
/** E.164 numbers hold at most 15 digits; fewer than 8 cannot carry a country code and a number. */
const PHONE_DIGITS = { min: 8, max: 15 } as const;

/**
 * Country codes whose national numbers may start with 0, so a 0 after them is part of the number, not
 * a trunk prefix: Italy and the Vatican (+39, `06…` Rome), San Marino (+378, `0549…`), Benin (+229,
 * `01…` since 2024), Côte d'Ivoire (+225, `01…`/`07…` since 2021), Gabon (+241) and Congo (+242,
 * `06…`). Every other country drops its trunk 0 when dialled from abroad.
 */
const ZERO_IS_NATIONAL = new Set(['39', '378', '229', '225', '241', '242']);
/** `+`, a country code of 1-3 digits, a separator, then the rest of the number. */
const SPLIT_COUNTRY_CODE = /^\+(\d{1,3})[ ().-]+(.*)$/;
/** `(0)`: the national trunk prefix written beside the country code (`+44 (0)20…`). */
const TRUNK_IN_PARENS = /\(\s*0\s*\)/;

/** The identifier types gateway-side hashing applies to. */
export const HASHABLE_TYPES: readonly IdentifierType[] = ['email', 'phoneNumber'];

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The identifier as it goes upstream, or null when the gateway already knows it is invalid (it is
 * then counted and never sent). Without `hash` the value is only trimmed. With `hash` (Criteo's docs,
 * "Manage Contact Lists"): an email is trimmed, lower-cased and SHA-256-hashed (an MD5 hex becomes
 * SHA256MD5); a phone number is reduced to the digits of its E.164 form without the `+` (national
 * trunk 0 dropped, see `toE164Digits`), then hashed.
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
  const digits = toE164Digits(value);
  return digits.length >= PHONE_DIGITS.min && digits.length <= PHONE_DIGITS.max ? sha256(digits) : null;
}

/**
 * The digits of a clear number's E.164 form. E.164 has no national trunk prefix, so one 0 right after
 * the country code is dropped: written `(0)` (`+44 (0)20 7946 0958`) or directly (`+33 01 23 45 67 89`),
 * except for the countries in `ZERO_IS_NATIONAL`, whose numbers keep it (`+39 06…`). The country code
 * is the first group of digits, so it must be followed by a separator: `+330123456789` is taken as
 * written. (A full numbering-plan library such as libphonenumber-js would also cover that case.)
 */
export function toE164Digits(value: string): string {
  const trunkInParens = TRUNK_IN_PARENS.test(value);
  const split = SPLIT_COUNTRY_CODE.exec(value.replace(TRUNK_IN_PARENS, ' '));
  if (!split) return value.replace(/[^0-9]/g, '');
  const countryCode = split[1] ?? '';
  let national = (split[2] ?? '').replace(/[^0-9]/g, '');
  if (ZERO_IS_NATIONAL.has(countryCode)) {
    if (trunkInParens) national = `0${national}`;
  } else if (!trunkInParens && national.startsWith('0')) {
    national = national.slice(1);
  }
  return `${countryCode}${national}`;
}
