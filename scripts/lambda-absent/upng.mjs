/**
 * @pdf-lib/upng as the Lambda bundles carry it (scripts/lambda-build.ts aliases the package
 * here): pdf-lib decodes a PNG with it only in `embedPng`, which no function calls (the
 * product's PDFs carry text and vector lines only). Without it each bundle that carries pdf-lib
 * is 24 KiB smaller (issue 11, "function bundle"); a PNG embedded all the same fails with
 * {@link PNG_ABSENT}.
 */
export const PNG_ABSENT = 'PNG decoding is not in this Lambda bundle (scripts/lambda-absent/upng.mjs): the product embeds no images';

function absent() {
  throw new Error(PNG_ABSENT);
}

export default Object.freeze({ decode: absent, toRGBA8: absent });
