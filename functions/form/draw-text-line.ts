/**
 * One line of text on a page, written as pdf-lib's `PDFPage.drawText` writes it for the options
 * the form uses (a font, a size, a colour, a position; pdf-lib 1.17.1), without checking those
 * options again on each of the form's ~300 lines. Issue 11: the checks, option defaults and
 * font-key search of `drawText` were a third of a render's drawing time.
 *
 * The same operators, in the same order, and the same page resources: `drawText` names the font
 * anew for each call (`PDFDict.uniqueKey`: a name from the document's seeded generator, drawn
 * again while the page already holds it), so this does the same, drawing the same names from the
 * same generator. `test/functions/form/draw-text-line.test.ts` and the form's SHA-256 in
 * `bench/form-render.ts` hold it to pdf-lib's bytes.
 *
 * What `drawText` builds anew for every line and never changes afterwards is made once here and
 * shared (issue 11, "form render"): the operators without operands (`q`, `BT`, `T*`, `ET`, `Q`),
 * the colour's operator, and the numbers of the size, the leading and the upright text matrix.
 * pdf-lib only ever writes an operator out (its content stream keeps them to serialise at
 * `save`), so one instance on many lines writes the same bytes as one each. A text drawn twice
 * with one font in one document is encoded once: encoding adds the text's glyphs to the font's
 * subset, which a second time changes nothing, and gives the same hex string.
 */
import {
  beginText,
  type Color,
  cleanText,
  endText,
  lineSplit,
  nextLine,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  type PDFDict,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';

export interface TextLineOptions {
  x: number;
  y: number;
  size: number;
  font: PDFFont;
  color: Color;
}

const PUSH = pushGraphicsState();
const BEGIN = beginText();
const NEXT_LINE = nextLine();
const END = endText();
const POP = popGraphicsState();

/** `cos 0`, `sin 0 + tan 0`, `-sin 0 + tan 0`, `cos 0`: the upright text matrix drawText writes. */
const ONE = PDFNumber.of(Math.cos(0));
const ZERO = PDFNumber.of(Math.sin(0) + Math.tan(0));
const MINUS_SIN_PLUS_TAN = PDFNumber.of(-Math.sin(0) + Math.tan(0));

/** What `make` gives for `key`, made once and kept in `store` (a Map, or a WeakMap for objects that may go). */
function kept<K, V>(store: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = store.get(key);
  if (value === undefined) {
    value = make();
    store.set(key, value);
  }
  return value;
}

/** The size and the leading: a handful of values, each made once. */
const numbers = new Map<number, PDFNumber>();
const sharedNumber = (value: number): PDFNumber => kept(numbers, value, () => PDFNumber.of(value));

/** The colour's operator, once per colour object (the form's colours are constants). */
const colourOperators = new WeakMap<Color, PDFOperator>();
const colourOperator = (color: Color): PDFOperator => kept(colourOperators, color, () => setFillingColor(color));

/** The page's font resources, as `PDFPageLeaf.normalizedEntries().Font` gives them (the same dictionary each time). */
const pageFonts = new WeakMap<PDFPage, PDFDict>();
const fontResources = (page: PDFPage): PDFDict => kept(pageFonts, page, () => page.node.normalizedEntries().Font);

/** A new name for `font` in the page's font resources, as `PDFPageLeaf.newFontDictionary` makes it. */
function newFontKey(page: PDFPage, font: PDFFont): PDFName {
  const fonts = fontResources(page);
  const { context } = page.doc;
  let key = PDFName.of(context.addRandomSuffix(font.name, 10));
  while (fonts.has(key)) key = PDFName.of(context.addRandomSuffix(font.name, 10));
  fonts.set(key, font.ref);
  return key;
}

/** `font.encodeText(text)`, once per text and font (see the module comment). */
const encodedTexts = new WeakMap<PDFFont, Map<string, PDFHexString>>();
const encoded = (font: PDFFont, text: string): PDFHexString =>
  kept(kept(encodedTexts, font, () => new Map<string, PDFHexString>()), text, () => font.encodeText(text));

/** What `page.drawText(text, options)` writes for these options (pdf-lib's `drawLinesOfText`, no graphics state). */
export function drawTextLine(page: PDFPage, text: string, options: TextLineOptions): void {
  const key = newFontKey(page, options.font);
  const lines = lineSplit(cleanText(text));
  // The page's own default leading (24 in pdf-lib): the form never sets another.
  const lineHeight = (page as unknown as { lineHeight: number }).lineHeight;
  const operators = [
    PUSH,
    BEGIN,
    colourOperator(options.color),
    PDFOperator.of(PDFOperatorNames.SetFontAndSize, [key, sharedNumber(options.size)]),
    PDFOperator.of(PDFOperatorNames.SetTextLineHeight, [sharedNumber(lineHeight)]),
    PDFOperator.of(PDFOperatorNames.SetTextMatrix, [ONE, ZERO, MINUS_SIN_PLUS_TAN, ONE, PDFNumber.of(options.x), PDFNumber.of(options.y)]),
  ];
  for (const line of lines) operators.push(PDFOperator.of(PDFOperatorNames.ShowText, [encoded(options.font, line)]), NEXT_LINE);
  operators.push(END, POP);
  page.pushOperators(...operators);
}
