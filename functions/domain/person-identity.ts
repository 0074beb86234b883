/**
 * When two entries on a form name the same human being. The rules compare people more than
 * once: the policyholder grantee is the client himself (R4.1), the legal-representative
 * grantee is the company's representative (R4.4), the requester is the policyholder (R1),
 * the same person is not granted twice (R5), and a requester who is the legal
 * representative needs no second signature (R6).
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */
import type { Person } from './request-schema.js';

/** What identifies a person on the form: surname, first name and date of birth. */
export type PersonIdentity = Pick<Person, 'lastName' | 'firstName' | 'birthDate'>;

/**
 * Letters that NFD does not split into base letter + accent, folded by hand so that a name
 * typed without its diacritics still matches ("Lukasz" for "Łukasz", "Soren" for "Søren").
 */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/**
 * A name as compared: lower case, accents removed (NFD, then combining marks dropped), the
 * typographic apostrophe made plain, and runs of whitespace collapsed to one space.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøıßæœþ]/g, (letter) => UNDECOMPOSABLE_LETTERS[letter] ?? letter)
    .replace(/[\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when both entries name the same person: same surname, first name (case-, accent- and
 * whitespace-insensitive) and the same date of birth.
 */
export function samePerson(a: PersonIdentity, b: PersonIdentity): boolean {
  return (
    a.birthDate.trim() === b.birthDate.trim() &&
    normalizeName(a.lastName) === normalizeName(b.lastName) &&
    normalizeName(a.firstName) === normalizeName(b.firstName)
  );
}

/**
 * A string equal for two entries exactly when {@link samePerson} holds, so that many entries
 * can be matched through a Map in one pass instead of pair by pair.
 */
export function personIdentityKey(person: PersonIdentity): string {
  // JSON keeps the parts apart whatever they contain: ["a b","c"] and ["a","b c"] differ.
  return JSON.stringify([normalizeName(person.lastName), normalizeName(person.firstName), person.birthDate.trim()]);
}

/** An e-mail address as compared: trimmed and lower-cased (domains and, in practice, mailboxes). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** True when both addresses reach the same mailbox, ignoring case and surrounding spaces. */
export function sameEmail(a: string, b: string): boolean {
  return normalizeEmail(a) === normalizeEmail(b);
}
