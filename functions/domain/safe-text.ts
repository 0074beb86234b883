/**
 * Free text from outside (names, addresses, labels, reasons) is printed on the signed form
 * and in e-mails, where a character the reader cannot see can make him read something else:
 * a right-to-left override turns "Peeters" into what looks like another name, a zero-width
 * space makes two identical-looking names differ. Rule I2 refuses those characters and stores
 * text in NFC, so what is signed is what is shown.
 *
 * Rules I1–I3 are defined in `docs/input-rules.md`; R1–R9 in `../shared/mission/access-rules.md`.
 */
import * as z from 'zod/mini';

/**
 * I2: what free text may not carry: controls (Cc), format characters (Cf: bidi controls,
 * zero-width characters, the soft hyphen, the BOM, …), other default-ignorable (invisible)
 * code points, private-use (Co), unassigned (Cn) and surrogate (Cs) code points, line and
 * paragraph separators (Zl, Zp), any whitespace other than U+0020 SPACE, and U+FFFD, the
 * replacement character a decoder puts where the bytes sent were not valid UTF-8 (the text
 * that reached us is not the text that was typed).
 */
const UNSAFE_IN_LINE =
  /[[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{White_Space}\p{Default_Ignorable_Code_Point}\u{FFFD}]--[ ]]/v;

/** I2: the same, but a line feed may separate the lines of a free-text reason. */
const UNSAFE_IN_MULTILINE =
  /[[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{White_Space}\p{Default_Ignorable_Code_Point}\u{FFFD}]--[ \n]]/v;

const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;
const OTHER_SPACE = /\p{Zs}/v;
const NOT_ASSIGNED_OR_PRIVATE = /[\p{Co}\p{Cn}\p{Cs}]/v;

/** The names of the characters a broker is likely to meet (pasted from word processors, PDFs and web pages). */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xa0: 'NO-BREAK SPACE',
  0xad: 'SOFT HYPHEN',
  0x34f: 'COMBINING GRAPHEME JOINER',
  0x61c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2007: 'FIGURE SPACE',
  0x2009: 'THIN SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfe0f: 'VARIATION SELECTOR-16',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xfffd: 'REPLACEMENT CHARACTER',
};

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or just `U+E000` for a character without a name in the table. */
function codePointLabel(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CHARACTER_NAMES[codePoint];
  return name === undefined ? hex : `${hex} ${name}`;
}

/** I2: the broker's sentence for an unsafe character, naming it so he can find it in his data. */
function unsafeCharacterMessage(codePoint: number): string {
  const character = String.fromCodePoint(codePoint);
  const label = codePointLabel(codePoint);
  if (LINE_BREAK.test(character)) return `contains a line break (${label}) (I2)`;
  if (OTHER_SPACE.test(character)) return `contains a space other than the plain space (${label}) (I2)`;
  if (NOT_ASSIGNED_OR_PRIVATE.test(character)) {
    return `contains an unassigned, private-use or unpaired surrogate code point (${label}) (I2)`;
  }
  return `contains an invisible or control character (${label}) (I2)`;
}

/** Options of {@link findUnsafeCharacter}. */
export interface UnsafeCharacterOptions {
  /**
   * Whether a line feed (U+000A) is allowed, as between the lines of a reason.
   * @default false
   */
  multiline?: boolean;
}

/**
 * The first code point in `text` that rule I2 refuses, or undefined when there is none. A
 * lone surrogate counts as a code point of its own (category Cs).
 *
 * @example findUnsafeCharacter('Peeters\u202Esretee') // 0x202e
 * @example findUnsafeCharacter('Françoise Lefèvre')   // undefined
 */
export function findUnsafeCharacter(text: string, options: UnsafeCharacterOptions = {}): number | undefined {
  const found = (options.multiline === true ? UNSAFE_IN_MULTILINE : UNSAFE_IN_LINE).exec(text);
  return found === null ? undefined : found[0].codePointAt(0);
}

function refusingUnsafeCharacters(schema: z.ZodMiniString<string>, options: UnsafeCharacterOptions): z.ZodMiniString<string> {
  return schema.check((context) => {
    const codePoint = findUnsafeCharacter(context.value, options);
    if (codePoint === undefined) return;
    context.issues.push({ code: 'custom', input: context.value, message: unsafeCharacterMessage(codePoint), params: { rule: 'I2' } });
  });
}

/**
 * I2: a zod schema for one line of free text (a name, a street, a label) of 1 to `max`
 * UTF-16 code units: trimmed, normalized to NFC (so "e" + U+0301 is stored as "é", as the
 * form's font and every comparison expect), and refused when it carries a character
 * {@link findUnsafeCharacter} finds. Add `.check(z.minLength(n))` for a longer minimum.
 */
export function safeText(max: number): z.ZodMiniString<string> {
  return refusingUnsafeCharacters(z.string().check(z.trim(), z.normalize('NFC'), z.minLength(1), z.maxLength(max)), {});
}

/**
 * I2: like {@link safeText}, for a free-text reason of several lines: line feeds are allowed
 * and CR LF line ends (as browsers send a textarea) become a line feed.
 */
export function safeMultilineText(max: number): z.ZodMiniString<string> {
  const text = z.string().check(
    z.overwrite((value) => value.replace(/\r\n/g, '\n')),
    z.trim(),
    z.normalize('NFC'),
    z.minLength(1),
    z.maxLength(max),
  );
  return refusingUnsafeCharacters(text, { multiline: true });
}

/**
 * A short, printable excerpt of input for a message that quotes it: at most `max` code
 * points then `…`, with every character rule I2 refuses (line breaks included) shown as a
 * `\u{202E}` escape, so a 20 MB value or a hidden override never reaches a 400 body intact.
 *
 * @example excerpt('0123\u202E456') // '0123\u{202E}456'
 */
export function excerpt(value: string, max = 40): string {
  let shown = '';
  let count = 0;
  for (const character of value) {
    if (count === max) return `${shown}…`;
    const codePoint = character.codePointAt(0) ?? 0;
    shown += UNSAFE_IN_LINE.test(character) ? `\\u{${codePoint.toString(16).toUpperCase()}}` : character;
    count += 1;
  }
  return shown;
}
