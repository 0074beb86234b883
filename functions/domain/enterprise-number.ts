/**
 * The Belgian enterprise number (KBO/BCE) that identifies a legal-person client (R6).
 * Ten digits, shown as `0123.456.749`, starting with 0 or 1; the last two digits are
 * 97 − (the first eight digits mod 97) (`../shared/mission/esignature-notes.md`, "Companies").
 *
 * Rules cited here are defined in `../shared/mission/access-rules.md` (R1–R9).
 */

/**
 * Accepted spellings: an optional "BE" prefix, then either ten digits or the dotted
 * `dddd.ddd.ddd` form (spaces are tolerated in place of the dots, as people copy it from
 * letterheads).
 */
const ENTERPRISE_NUMBER_PATTERN = /^(?:BE)?\s*([01]\d{3})[.\s]?(\d{3})[.\s]?(\d{3})$/i;

function digitsOf(value: string): string | undefined {
  const match = ENTERPRISE_NUMBER_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return `${match[1]}${match[2]}${match[3]}`;
}

function checkDigitsHold(digits: string): boolean {
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  return 97 - (base % 97) === check;
}

/**
 * True when `value` is a well-formed enterprise number whose check digits hold (R6).
 *
 * @example isValidEnterpriseNumber('BE0123.456.749') // true
 * @example isValidEnterpriseNumber('0123.456.748')   // false: check digits
 */
export function isValidEnterpriseNumber(value: string): boolean {
  const digits = digitsOf(value);
  return digits !== undefined && checkDigitsHold(digits);
}

/**
 * The number in its display form `0123.456.749`, whatever accepted spelling it came in.
 * It does not judge the check digits: call {@link isValidEnterpriseNumber} for that. A value
 * that is not an enterprise number at all is returned trimmed and otherwise unchanged.
 */
export function normalizeEnterpriseNumber(value: string): string {
  const digits = digitsOf(value);
  if (digits === undefined) return value.trim();
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
