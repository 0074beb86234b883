import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORM_FONT_FILES, FormFontNotFoundError, formFontDirectory, loadFormFonts } from '../../../functions/form/form-fonts.js';

describe('form fonts', () => {
  const empty = mkdtempSync(join(tmpdir(), 'form-fonts-'));
  const bundle = mkdtempSync(join(tmpdir(), 'form-fonts-bundle-'));
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
    rmSync(bundle, { recursive: true, force: true });
  });

  it('finds DejaVu Sans in the dejavu-fonts-ttf package when running from source', () => {
    expect(formFontDirectory({})).toMatch(/dejavu-fonts-ttf[\\/]ttf$/);
  });

  it('reads the directory named by FORM_FONT_DIR before the package, as a Lambda bundle sets it', () => {
    const packaged = formFontDirectory({});
    for (const file of Object.values(FORM_FONT_FILES)) copyFileSync(join(packaged, file), join(bundle, file));

    expect(formFontDirectory({ FORM_FONT_DIR: bundle })).toBe(bundle);
    expect(formFontDirectory({ FORM_FONT_DIR: ` ${bundle} ` })).toBe(bundle);
  });

  it('fails with a named error when FORM_FONT_DIR holds no fonts, rather than looking elsewhere', () => {
    expect(() => formFontDirectory({ FORM_FONT_DIR: empty })).toThrow(FormFontNotFoundError);
    expect(() => formFontDirectory({ FORM_FONT_DIR: empty })).toThrow(FORM_FONT_FILES.bold);
  });

  it('loads the regular and the bold TrueType file, not one of them twice', () => {
    const fonts = loadFormFonts();
    // A TrueType file starts with the sfnt version 0x00010000.
    for (const bytes of [fonts.regular, fonts.bold]) expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect(Buffer.from(fonts.regular).equals(Buffer.from(fonts.bold))).toBe(false);
  });
});
