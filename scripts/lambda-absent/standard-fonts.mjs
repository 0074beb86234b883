/**
 * @pdf-lib/standard-fonts as the Lambda bundles carry it (scripts/lambda-build.ts aliases
 * the package here): the names of the 14 standard PDF fonts, without their metrics and
 * encodings (127 KiB of each bundle that carries pdf-lib; issue 11, "function bundle").
 *
 * The product draws only with the DejaVu fonts it embeds (functions/form/form-fonts.ts) and
 * parses signed PDFs at the object level (functions/signatures/): pdf-lib reaches the standard
 * fonts only through `embedStandardFont`, or a form field's appearance after `getForm()`, which
 * no function calls. If one ever does, it fails here with {@link STANDARD_FONTS_ABSENT}, not with
 * a wrong width. pdf-lib lists the names at import (`StandardFontValues`), so they stay, in the
 * package's order; test/infra/lambda-bundles.test.ts holds them to the package's own.
 */
export const STANDARD_FONTS_ABSENT =
  'The 14 standard PDF fonts are not in this Lambda bundle (scripts/lambda-absent/standard-fonts.mjs): draw with an embedded font';

function absent() {
  throw new Error(STANDARD_FONTS_ABSENT);
}

export const FontNames = Object.freeze({
  Courier: 'Courier',
  CourierBold: 'Courier-Bold',
  CourierOblique: 'Courier-Oblique',
  CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica',
  HelveticaBold: 'Helvetica-Bold',
  HelveticaOblique: 'Helvetica-Oblique',
  HelveticaBoldOblique: 'Helvetica-BoldOblique',
  TimesRoman: 'Times-Roman',
  TimesRomanBold: 'Times-Bold',
  TimesRomanItalic: 'Times-Italic',
  TimesRomanBoldItalic: 'Times-BoldItalic',
  Symbol: 'Symbol',
  ZapfDingbats: 'ZapfDingbats',
});

export const Font = Object.freeze({ load: absent });

export const Encodings = Object.freeze({
  get Symbol() {
    return absent();
  },
  get ZapfDingbats() {
    return absent();
  },
  get WinAnsi() {
    return absent();
  },
});
