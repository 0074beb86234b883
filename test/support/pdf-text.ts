/**
 * Reads the text back out of a PDF, for tests that check what a rendered or signed form says.
 * Uses pdfjs-dist's legacy build, the one meant for Node.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of every page, in reading order: one line per text line of the PDF, pages
 * separated by a form feed (`\f`). Runs of spaces are collapsed; no-break spaces are kept.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  // pdfjs detaches the buffer it is given and refuses a Node Buffer: hand it a plain copy.
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        text += item.hasEOL ? '\n' : ' ';
      }
      pages.push(
        text
          .split('\n')
          .map((line) => line.replace(/[ \t]+/g, ' ').trim())
          .filter((line) => line.length > 0)
          .join('\n'),
      );
    }
    return pages.join('\n\f\n');
  } finally {
    await document.destroy();
  }
}
