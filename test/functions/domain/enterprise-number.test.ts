import { describe, expect, it } from 'vitest';

import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from '../../../functions/domain/enterprise-number.js';

/** Numbers whose check digits hold, in their display form. */
const VALID_NUMBERS = [
  '0123.456.749',
  '0202.239.951',
  '0403.170.701',
  '0417.497.106',
  // Starting with 1: 10000000 mod 97 = 76, so the check digits are 21.
  '1000.000.021',
  '1999.999.943',
  // The first eight digits a multiple of 97: the check digits are 97, not 0.
  '0000.009.797',
];

/** The ways people write one number: bare, dotted, with "BE" (any case), spaces for dots, padded. */
function spellingsOf(display: string): string[] {
  const digits = display.replaceAll('.', '');
  return [digits, display, `BE${digits}`, `be ${display}`, `BE${display.replaceAll('.', ' ')}`, ` ${display} `];
}

describe('isValidEnterpriseNumber and normalizeEnterpriseNumber (R6)', () => {
  it('accepts each valid number in every spelling, and writes each spelling as dddd.ddd.ddd', () => {
    for (const display of VALID_NUMBERS) {
      for (const spelling of spellingsOf(display)) {
        expect(isValidEnterpriseNumber(spelling), JSON.stringify(spelling)).toBe(true);
        expect(normalizeEnterpriseNumber(spelling), JSON.stringify(spelling)).toBe(display);
      }
    }
  });

  it('refuses each valid number with any other check digits', () => {
    for (const display of VALID_NUMBERS) {
      for (let check = 0; check <= 99; check += 1) {
        const other = `${display.slice(0, 10)}${String(check).padStart(2, '0')}`;
        if (other !== display) expect(isValidEnterpriseNumber(other), other).toBe(false);
      }
    }
  });

  // Refused for the spelling, not the check digits: wherever there are ten digits, they hold.
  it.each([
    ['2123.456.791', 'first digit neither 0 nor 1'],
    ['123.456.749', 'nine digits'],
    ['01234.567.490', 'eleven digits'],
    ['0123-456-749', 'dashes'],
    ['FR0123456749', 'another country prefix'],
    ['0123.456.74a', 'a letter'],
    ['', 'empty'],
  ])('refuses %j: %s', (value) => {
    expect(isValidEnterpriseNumber(value)).toBe(false);
  });

  it('returns what is not an enterprise number trimmed and otherwise unchanged', () => {
    expect(normalizeEnterpriseNumber(' ACME ')).toBe('ACME');
  });
});
