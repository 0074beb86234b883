/** Finding a client by name as a broker types it (functions/dashboard/list/name-search.ts). */
import { describe, expect, it } from 'vitest';
import { foldForSearch, nameMatches, searchWords } from '../../../../functions/dashboard/list/name-search.js';

const finds = (typed: string, name: string) => nameMatches(foldForSearch(name), searchWords(typed));

describe('the name search', () => {
  it.each([
    ['muller', 'Hans Müller'],
    ['MÜLLER', 'Hans Müller'],
    ['lefevre francoise', 'Françoise Lefèvre'],
    ['lukasz wis', 'Łukasz Wiśniewski'],
    ['orsted dvorak', 'Ørsted Dvořák'],
    ['sahin', 'Elif Şahin'],
    ['strasse', 'Straße AG'],
    ['obrien', "Seán O'Brien"],
    ["o'brien", 'Seán O’Brien'],
    ['jean pierre', 'Jean-Pierre Dubois'],
    ['  peeters   jan ', 'Jan Peeters'],
  ])('"%s" finds %s', (typed, name) => {
    expect(finds(typed, name)).toBe(true);
  });

  it('every word typed must be in the name', () => {
    expect(finds('jan janssens', 'Jan Peeters')).toBe(false);
    expect(finds('muler', 'Hans Müller')).toBe(false);
  });

  it('blank input is no words', () => {
    expect(searchWords(' - ')).toEqual([]);
  });
});
