/**
 * The DejaVu Sans font files embedded in every form, so that any Latin-script name renders
 * (Müller, Françoise, Łukasz, Şahin, Ørsted, Dvořák); the 14 standard PDF fonts cannot.
 *
 * Where the files are looked for, first hit wins:
 * 1. `FORM_FONT_DIR`, when set (an explicit choice: if the files are not there, that is an error);
 * 2. the directory of this module: after esbuild bundling for Lambda that is the bundle's
 *    directory, so the bundling step copies `DejaVuSans.ttf` and `DejaVuSans-Bold.ttf` next to
 *    the bundle (`/var/task/` on AWS);
 * 3. the `dejavu-fonts-ttf` package (`node_modules/dejavu-fonts-ttf/ttf/`), when running from
 *    source (tests, the local stack).
 *
 * The bytes are read once per process.
 */
import { ProductError } from '../errors/product-error.js';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire as createModuleRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two files a deployment must ship beside the bundle (or in `FORM_FONT_DIR`). */
export const FORM_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export interface FormFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The font files were found in none of the places searched; the message lists them. */
export class FormFontNotFoundError extends ProductError<{ searchedDirectories: readonly string[] }> {
  override readonly name = 'FormFontNotFoundError';
  constructor(readonly searchedDirectories: readonly string[]) {
    super(
      `Form fonts ${FORM_FONT_FILES.regular} and ${FORM_FONT_FILES.bold} not found in: ` +
        `${searchedDirectories.join(', ') || '(no directory)'}. Copy them next to the bundle or set FORM_FONT_DIR.`,
      { searchedDirectories },
    );
  }
}

function moduleDirectory(): string | undefined {
  // A CommonJS bundle leaves `import.meta` empty: then only FORM_FONT_DIR can say where the files are.
  const url: string | undefined = import.meta.url;
  return url ? dirname(fileURLToPath(url)) : undefined;
}

function packageDirectory(): string | undefined {
  const url: string | undefined = import.meta.url;
  if (!url) return undefined;
  try {
    return join(dirname(createModuleRequire(url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return undefined;
  }
}

function holdsFonts(directory: string): boolean {
  return existsSync(join(directory, FORM_FONT_FILES.regular)) && existsSync(join(directory, FORM_FONT_FILES.bold));
}

/** The directory the form fonts are read from (see the module comment for the search order). */
export function formFontDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.FORM_FONT_DIR?.trim();
  if (configured) {
    if (holdsFonts(configured)) return configured;
    throw new FormFontNotFoundError([configured]);
  }
  const candidates = [moduleDirectory(), packageDirectory()].filter((dir): dir is string => dir !== undefined);
  const found = candidates.find(holdsFonts);
  if (!found) throw new FormFontNotFoundError(candidates);
  return found;
}

let cached: FormFontBytes | undefined;

/** The regular and bold DejaVu Sans bytes, read on first use and kept for the process. */
export function loadFormFonts(): FormFontBytes {
  if (cached) return cached;
  const directory = formFontDirectory();
  cached = {
    regular: readFileSync(join(directory, FORM_FONT_FILES.regular)),
    bold: readFileSync(join(directory, FORM_FONT_FILES.bold)),
  };
  return cached;
}
