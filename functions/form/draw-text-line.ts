/**
 * One line of text on a page, written as pdf-lib's `PDFPage.drawText` writes it for the options
 * the form uses (a font, a size, a colour, a position; pdf-lib 1.17.1), without checking those
 * options again on each of the form's ~300 lines. Issue 11: the checks, option defaults and
 * font-key search of `drawText` were a third of a render's drawing time.
 *
 * The same operators, in the same order, and the same page resources: `drawText` names the font
 * anew for each call (`PDFDict.uniqueKey`: a name from the document's seeded generator, drawn
 * again while the page already holds it), so this does the same, drawing the same names from the
 * same generator. `test/functions/form/render-form-warm.test.ts` and the form's SHA-256 in
 * `bench/form-render.ts` hold it to pdf-lib's bytes.
 */
import { type Color, cleanText, degrees, drawLinesOfText, lineSplit, PDFName, type PDFFont, type PDFPage } from 'pdf-lib';

export interface TextLineOptions {
  x: number;
  y: number;
  size: number;
  font: PDFFont;
  color: Color;
}

const UPRIGHT = degrees(0);

/** A new name for `font` in the page's font resources, as `PDFPageLeaf.newFontDictionary` makes it. */
function newFontKey(page: PDFPage, font: PDFFont): PDFName {
  const fonts = page.node.normalizedEntries().Font;
  const { context } = page.doc;
  let key = PDFName.of(context.addRandomSuffix(font.name, 10));
  while (fonts.has(key)) key = PDFName.of(context.addRandomSuffix(font.name, 10));
  fonts.set(key, font.ref);
  return key;
}

/** What `page.drawText(text, options)` writes for these options. */
export function drawTextLine(page: PDFPage, text: string, options: TextLineOptions): void {
  const key = newFontKey(page, options.font);
  const lines = lineSplit(cleanText(text)).map((line) => options.font.encodeText(line));
  page.pushOperators(
    ...drawLinesOfText(lines, {
      color: options.color,
      font: key,
      size: options.size,
      rotate: UPRIGHT,
      xSkew: UPRIGHT,
      ySkew: UPRIGHT,
      x: options.x,
      y: options.y,
      // The page's own default (24 in pdf-lib): the form never sets another.
      lineHeight: (page as unknown as { lineHeight: number }).lineHeight,
    }),
  );
}
