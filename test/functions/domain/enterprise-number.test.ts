import { describe, expect, it } from 'vitest';

import { isValidEnterpriseNumber, normalizeEnterpriseNumber } from '../../../functions/domain/enterprise-number.js';

describe('isValidEnterpriseNumber (R6)', () => {
  it.each(['0123.456.749', '0123456749', 'BE0123456749', 'be 0123.456.749', 'BE0123 456 749', ' 0123.456.749 '])(
    'accepts %j (R6)',
    (value) => {
      expect(isValidEnterpriseNumber(value)).toBe(true);
    },
  );

  it('accepts a number starting with 1 whose check digits hold (R6)', () => {
    // 10000000 mod 97 = 76, so the check digits are 21.
    expect(isValidEnterpriseNumber('1000.000.021')).toBe(true);
  });

  it('accepts check digits of 97 when the first eight digits are a multiple of 97 (R6)', () => {
    expect(isValidEnterpriseNumber('0000.009.797')).toBe(true);
  });

  it.each([
    ['0123.456.748', 'check digits off by one'],
    ['0123.456.794', 'check digits swapped'],
    ['2123.456.749', 'first digit neither 0 nor 1'],
    ['123.456.749', 'nine digits'],
    ['01234.567.490', 'eleven digits'],
    ['0123-456-749', 'dashes'],
    ['FR0123456749', 'another country prefix'],
    ['0123.456.74a', 'a letter'],
    ['', 'empty'],
  ])('refuses %j: %s (R6)', (value) => {
    expect(isValidEnterpriseNumber(value)).toBe(false);
  });
});

describe('normalizeEnterpriseNumber', () => {
  it.each(['0123456749', 'BE0123456749', 'be 0123 456 749', '0123.456.749'])('writes %j as 0123.456.749', (value) => {
    expect(normalizeEnterpriseNumber(value)).toBe('0123.456.749');
  });

  it('returns what is not an enterprise number trimmed and otherwise unchanged', () => {
    expect(normalizeEnterpriseNumber(' ACME ')).toBe('ACME');
  });
});
