/**
 * The form's two fonts embedded in a new document, as the form and the completion certificate
 * both embed them: DejaVu Sans regular and bold as subsets, through the fontkit that parses them
 * once per process (`form-fontkit.ts`), with the form's shaping (`FORM_SHAPING`).
 */
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { FORM_SHAPING, formFontkit } from './form-fontkit.js';
import { loadFormFonts } from './form-fonts.js';
import type { LayoutFonts } from './form-layout.js';

/**
 * The PDF name of an embedded subset: six capitals, '+', the font's name (ISO 32000-1,
 * 9.6.4), so tools see the font is a subset. The tag comes from `seed` (the request id, for
 * instance), so it is stable for one document and differs between two that a viewer might show
 * or merge together.
 */
function subsetFontName(seed: string, fontName: string): string {
  const digest = createHash('sha256').update(`${seed}\u0000${fontName}`).digest();
  const tag = [...digest.subarray(0, 6)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
  return `${tag}+${fontName}`;
}

/** Registers the form's fontkit with `doc` and embeds both fonts, their subsets named from `seed`. */
export async function embedFormFonts(doc: PDFDocument, seed: string): Promise<LayoutFonts> {
  const fontBytes = loadFormFonts();
  doc.registerFontkit(formFontkit);
  return {
    regular: await doc.embedFont(fontBytes.regular, { subset: true, customName: subsetFontName(seed, 'DejaVuSans'), features: FORM_SHAPING }),
    bold: await doc.embedFont(fontBytes.bold, { subset: true, customName: subsetFontName(seed, 'DejaVuSans-Bold'), features: FORM_SHAPING }),
  };
}
