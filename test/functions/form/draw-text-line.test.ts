import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { drawTextLine, type TextLineOptions } from '../../../functions/form/draw-text-line.js';
import { FORM_SHAPING } from '../../../functions/form/form-fontkit.js';
import { loadFormFonts } from '../../../functions/form/form-fonts.js';

type Draw = (page: PDFPage, text: string, options: TextLineOptions) => void;

/** A page with the same lines drawn by `draw` in two fonts, saved as the form saves. */
async function pageDrawnWith(draw: Draw): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const { regular, bold } = loadFormFonts();
  const fonts: PDFFont[] = [
    await doc.embedFont(regular, { subset: true, customName: 'AAAAAA+DejaVuSans', features: FORM_SHAPING }),
    await doc.embedFont(bold, { subset: true, customName: 'BBBBBB+DejaVuSans-Bold', features: FORM_SHAPING }),
  ];
  const page = doc.addPage([595.28, 841.89]);
  const lines = ['Hans Müller', '', 'Łukasz Wiśniewski – 12,50 €', 'two\nlines', 'a\ttab', 'Page 3 of 4', 'سمير'];
  lines.forEach((text, index) => {
    const font = fonts[index % 2] ?? fonts[0];
    if (!font) throw new Error('no font');
    draw(page, text, { x: 56 + index, y: 700 - 13.5 * index, size: index % 3 === 0 ? 9.5 : 7.5, font, color: rgb(0.12, 0.12, 0.14) });
  });
  doc.addPage([595.28, 841.89]).drawText('second page', { x: 56, y: 700, size: 8, font: fonts[0], color: rgb(0, 0, 0) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('drawTextLine', () => {
  it('writes the bytes pdf-lib\u2019s drawText writes for the same lines (issue 11: same bytes out)', async () => {
    const withDrawText = await pageDrawnWith((page, text, options) => page.drawText(text, options));
    const withDrawTextLine = await pageDrawnWith(drawTextLine);

    expect(withDrawTextLine.equals(withDrawText)).toBe(true);
  });
});
