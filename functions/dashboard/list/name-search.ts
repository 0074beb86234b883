/**
 * Finding a client by name as a broker types it: without capitals, accents or the letters his
 * keyboard lacks ("muller" finds Müller, "lukasz wis" finds Łukasz Wiśniewski, "orsted" finds
 * Ørsted), every word typed somewhere in the name, in any order.
 */

/** Letters that Unicode does not decompose into a base letter and an accent, as a Belgian keyboard writes them. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ŧ: 't', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ĳ: 'ij',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');
const MARKS = /\p{M}/gu;
/** An apostrophe joins (O'Brien is found as "obrien" and as "o'brien"). */
const APOSTROPHES = /['’]/g;
const SEPARATORS = /[\s\-‐‑.,]+/u;

/** `text` as the search compares it: lower case, accents and apostrophes dropped, the letters above folded. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDED_LETTERS[letter] ?? letter);
}

/** What the broker typed, as the words a name must all contain (folded); none for blank input. */
export function searchWords(typed: string): readonly string[] {
  return foldForSearch(typed).split(SEPARATORS).filter((word) => word !== '');
}

/** Whether every word of `words` is in `foldedName` (a name already passed through {@link foldForSearch}). */
export function nameMatches(foldedName: string, words: readonly string[]): boolean {
  return words.every((word) => foldedName.includes(word));
}
