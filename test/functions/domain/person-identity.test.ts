import { describe, expect, it } from 'vitest';

import { normalizeName, personIdentityKey, sameEmail, samePerson } from '../../../functions/domain/person-identity.js';

const hans = { lastName: 'Müller', firstName: 'Hans', birthDate: '1968-04-12' };

describe('samePerson (R1, R4.1, R4.4, R5)', () => {
  it('matches regardless of case, accents and extra whitespace', () => {
    expect(samePerson(hans, { lastName: '  MULLER', firstName: 'hans ', birthDate: '1968-04-12' })).toBe(true);
  });

  it('matches letters that do not decompose (Ł, ø, ß)', () => {
    expect(samePerson(
      { lastName: 'Wiśniewski', firstName: 'Łukasz', birthDate: '1990-02-03' },
      { lastName: 'Wisniewski', firstName: 'Lukasz', birthDate: '1990-02-03' },
    )).toBe(true);
    expect(normalizeName('Søren Straße')).toBe('soren strasse');
  });

  it('matches precomposed and decomposed spellings of the same name', () => {
    expect(samePerson(
      { lastName: 'Şahin', firstName: 'Françoise', birthDate: '1982-06-17' },
      { lastName: 'S\u0327ahin', firstName: 'Franc\u0327oise', birthDate: '1982-06-17' },
    )).toBe(true);
  });

  it('treats compound names with collapsed inner whitespace', () => {
    expect(samePerson(
      { lastName: 'Van  den Broeck', firstName: 'Jan', birthDate: '1970-01-01' },
      { lastName: 'van den broeck', firstName: 'JAN', birthDate: '1970-01-01' },
    )).toBe(true);
  });

  it('tells apart people with another date of birth, surname or first name', () => {
    expect(samePerson(hans, { ...hans, birthDate: '1968-04-13' })).toBe(false);
    expect(samePerson(hans, { ...hans, lastName: 'Muller-Peeters' })).toBe(false);
    expect(samePerson(hans, { ...hans, firstName: 'Hanna' })).toBe(false);
  });
});

describe('personIdentityKey (R5)', () => {
  it('gives two entries the same key exactly when samePerson says they are one person', () => {
    const entries = [
      hans,
      { lastName: '  MULLER', firstName: 'hans ', birthDate: '1968-04-12' },
      { lastName: 'Mu\u0308ller', firstName: 'Hans', birthDate: ' 1968-04-12' },
      { ...hans, birthDate: '1968-04-13' },
      { ...hans, firstName: 'Hanna' },
      { lastName: 'Van den', firstName: 'Broeck Jan', birthDate: '1970-01-01' },
      { lastName: 'Van', firstName: 'den Broeck Jan', birthDate: '1970-01-01' },
      { lastName: 'van  den', firstName: 'BROECK JAN', birthDate: '1970-01-01' },
      { lastName: 'Wiśniewski', firstName: 'Łukasz', birthDate: '1990-02-03' },
      { lastName: 'Wisniewski', firstName: 'Lukasz', birthDate: '1990-02-03' },
    ];
    let matches = 0;
    for (const a of entries) {
      for (const b of entries) {
        const same = samePerson(a, b);
        if (a !== b && same) matches += 1;
        expect(personIdentityKey(a) === personIdentityKey(b), `${JSON.stringify(a)} / ${JSON.stringify(b)}`).toBe(same);
      }
    }
    // Hans three ways, Van den Broeck two ways, Łukasz two ways: 3·2 + 2·1 + 2·1 ordered pairs.
    expect(matches).toBe(10);
  });
});

describe('sameEmail (R5)', () => {
  it('ignores case and surrounding spaces', () => {
    expect(sameEmail(' Hans.Muller@Example.BE', 'hans.muller@example.be')).toBe(true);
    expect(sameEmail('hans@example.be', 'hans@example.com')).toBe(false);
  });
});
