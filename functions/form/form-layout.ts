/**
 * Page flow for the access-request form: A4 pages, wrapped text, label/value rows, boxes and
 * signature areas, with a new page whenever the next block does not fit. It knows nothing of
 * requests; `render-form.ts` tells the story of the form with it.
 */
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { drawTextLine } from './draw-text-line.js';

export interface LayoutFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN_X = 56;
const CONTENT_TOP = A4.height - 64;
const CONTENT_BOTTOM = 58;
const LABEL_WIDTH = 150;
const COLUMN_GAP = 10;

const INK = rgb(0.12, 0.12, 0.14);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.72, 0.72, 0.76);
const BAR = rgb(0.91, 0.92, 0.94);
const BOX = rgb(0.965, 0.968, 0.975);

const BODY_SIZE = 9.5;
/** Height of one line of body text, in points. */
export const LINE_HEIGHT = 13.5;
const BODY_LEADING = LINE_HEIGHT;
const SMALL_SIZE = 7.5;

export interface SignatureArea {
  caption: string;
  name: string;
}

/** Labels as printed, colon included. */
export interface SignatureLabels {
  name: string;
  place: string;
  date: string;
  signature: string;
}

/** Collapses every run of white space (tabs, newlines from pasted data) into one space. */
function singleLine(text: string): string {
  return text.replace(/[\s\u0000-\u001F]+/g, ' ').trim();
}

export class FormLayout {
  readonly contentWidth = A4.width - 2 * MARGIN_X;
  private readonly pages: PDFPage[] = [];
  private page: PDFPage;
  private y = CONTENT_TOP;
  private readonly advanceCache = new Map<PDFFont, Map<string, number>>();
  /** Drawn at the top of each page opened while it is set, e.g. "Person 2 of 5: … (continued)". */
  continuation: string | undefined;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: LayoutFonts,
  ) {
    this.page = this.addPage();
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Lines of `text` no wider than `width`; a word longer than a line (an e-mail address) is cut. */
  wrap(text: string, width: number, font: PDFFont = this.fonts.regular, size: number = BODY_SIZE): string[] {
    const words = singleLine(text).split(' ').filter((word) => word.length > 0);
    const lines: string[] = [];
    let line = '';
    // The line's advance so far: a candidate adds the space and the word to it, summing the
    // same advances in the same order as measuring the whole candidate, so the same sum.
    let lineAdvance = 0;
    for (const word of words) {
      const candidateAdvance = this.advance(word, font, line ? this.advance(' ', font, lineAdvance) : 0);
      if ((candidateAdvance * size) / 1000 <= width) {
        line = line ? `${line} ${word}` : word;
        lineAdvance = candidateAdvance;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (this.width(rest, font, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && this.width(rest.slice(0, cut), font, size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineAdvance = this.advance(rest, font);
    }
    if (line) lines.push(line);
    return lines.length > 0 ? lines : [''];
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Opens a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (this.y - height < CONTENT_BOTTOM) this.breakPage();
  }

  title(title: string, subtitle: string): void {
    this.drawLine(title, MARGIN_X, this.y - 18, this.fonts.bold, 17, INK);
    this.drawLine(subtitle, MARGIN_X, this.y - 36, this.fonts.regular, 10.5, MUTED);
    this.y -= 50;
  }

  sectionHeading(text: string): void {
    const height = 20;
    // Keep the heading with at least three lines of what it introduces.
    this.keep(height + 8 + 3 * BODY_LEADING);
    this.page.drawRectangle({ x: MARGIN_X, y: this.y - height, width: this.contentWidth, height, color: BAR });
    this.drawLine(text, MARGIN_X + 7, this.y - 14, this.fonts.bold, 10.5, INK);
    this.y -= height + 8;
  }

  /** A bold line with a rule under it; kept with `keepWithNext` points of what follows. */
  subHeading(text: string, keepWithNext = 3 * BODY_LEADING): void {
    const lines = this.wrap(text, this.contentWidth, this.fonts.bold, 10);
    this.keep(lines.length * 14 + 6 + keepWithNext);
    for (const line of lines) {
      this.drawLine(line, MARGIN_X, this.y - 11, this.fonts.bold, 10, INK);
      this.y -= 14;
    }
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y - 2 },
      end: { x: MARGIN_X + this.contentWidth, y: this.y - 2 },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 8;
  }

  paragraph(text: string, options: { bold?: boolean; muted?: boolean; indent?: number } = {}): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    for (const line of this.wrap(text, this.contentWidth - indent, font)) {
      this.keep(BODY_LEADING);
      this.bodyLine(line, MARGIN_X + indent, font, options.muted ? MUTED : INK);
    }
  }

  bullets(items: readonly string[]): void {
    const indent = 14;
    for (const item of items) {
      const lines = this.wrap(item, this.contentWidth - indent);
      this.keep(lines.length * BODY_LEADING);
      this.drawLine('•', MARGIN_X + 4, this.baseline(), this.fonts.regular, BODY_SIZE, INK);
      for (const line of lines) this.bodyLine(line, MARGIN_X + indent, this.fonts.regular, INK);
    }
  }

  /** A label in the left column, its value (wrapped) in the right one; kept on one page. */
  field(label: string, value: string, options: { bold?: boolean } = {}): void {
    const valueFont = options.bold ? this.fonts.bold : this.fonts.regular;
    const labelLines = this.wrap(label, LABEL_WIDTH - COLUMN_GAP, this.fonts.regular, 8.5);
    const valueLines = this.wrap(value, this.valueWidth, valueFont);
    const rows = Math.max(labelLines.length, valueLines.length);
    this.keep(rows * BODY_LEADING);
    const top = this.y;
    labelLines.forEach((line, index) =>
      this.drawLine(line, MARGIN_X, top - index * BODY_LEADING - 10.5, this.fonts.regular, 8.5, MUTED),
    );
    valueLines.forEach((line, index) =>
      this.drawLine(line, this.valueX, top - index * BODY_LEADING - 10.5, valueFont, BODY_SIZE, INK),
    );
    this.y = top - rows * BODY_LEADING;
  }

  /**
   * One contract in the value column: its reference, then its label (wrapped). The label of
   * the list is written beside the first row only (`label`); later rows pass `undefined`.
   */
  contractRow(label: string | undefined, ref: string, description: string): void {
    const refWidth = 110;
    const refLines = this.wrap(ref, refWidth - COLUMN_GAP, this.fonts.bold);
    const descriptionLines = this.wrap(description, this.valueWidth - refWidth);
    const labelLines = label ? this.wrap(label, LABEL_WIDTH - COLUMN_GAP, this.fonts.regular, 8.5) : [];
    const rows = Math.max(refLines.length, descriptionLines.length, labelLines.length);
    this.keep(rows * BODY_LEADING);
    const top = this.y;
    const at = (index: number): number => top - index * BODY_LEADING - 10.5;
    labelLines.forEach((line, i) => this.drawLine(line, MARGIN_X, at(i), this.fonts.regular, 8.5, MUTED));
    refLines.forEach((line, i) => this.drawLine(line, this.valueX, at(i), this.fonts.bold, BODY_SIZE, INK));
    descriptionLines.forEach((line, i) =>
      this.drawLine(line, this.valueX + refWidth, at(i), this.fonts.regular, BODY_SIZE, INK),
    );
    this.y = top - rows * BODY_LEADING;
  }

  /** A shaded box with a bold heading and paragraphs, never split across pages. */
  box(heading: string, paragraphs: readonly string[]): void {
    const padding = 8;
    const innerWidth = this.contentWidth - 2 * padding;
    const lines = paragraphs.flatMap((paragraph) => this.wrap(paragraph, innerWidth));
    const height = padding * 2 + BODY_LEADING * (lines.length + 1) + 2;
    this.keep(height);
    this.page.drawRectangle({
      x: MARGIN_X,
      y: this.y - height,
      width: this.contentWidth,
      height,
      color: BOX,
      borderColor: RULE,
      borderWidth: 0.5,
    });
    this.y -= padding;
    this.bodyLine(heading, MARGIN_X + padding, this.fonts.bold, INK);
    this.y -= 2;
    for (const line of lines) this.bodyLine(line, MARGIN_X + padding, this.fonts.regular, INK);
    this.y -= padding;
  }

  /** Side-by-side signature areas (name printed, place, date, room to sign); kept on one page. */
  signatureAreas(areas: readonly SignatureArea[], labels: SignatureLabels): void {
    const gap = 16;
    const width = (this.contentWidth - gap) / 2;
    const padding = 8;
    const nameLines = areas.map((area) =>
      this.wrap(`${labels.name} ${area.name}`, width - 2 * padding),
    );
    const maxNameLines = Math.max(...nameLines.map((lines) => lines.length));
    const signatureRoom = 62;
    const height = padding * 2 + BODY_LEADING * (maxNameLines + 3) + signatureRoom;
    this.keep(height + 18);
    const captionY = this.y - 11;
    const boxTop = this.y - 18;
    areas.forEach((area, index) => {
      const x = MARGIN_X + index * (width + gap);
      this.drawLine(area.caption, x, captionY, this.fonts.bold, BODY_SIZE, INK);
      this.page.drawRectangle({
        x,
        y: boxTop - height,
        width,
        height,
        borderColor: RULE,
        borderWidth: 0.75,
      });
      let lineTop = boxTop - padding;
      const write = (text: string, color = INK): void => {
        this.drawLine(text, x + padding, lineTop - 10.5, this.fonts.regular, BODY_SIZE, color);
        lineTop -= BODY_LEADING;
      };
      for (const line of nameLines[index] ?? []) write(line);
      write(labels.place, MUTED);
      write(labels.date, MUTED);
      write(labels.signature, MUTED);
      this.page.drawLine({
        start: { x: x + padding, y: boxTop - height + padding + 4 },
        end: { x: x + width - padding, y: boxTop - height + padding + 4 },
        thickness: 0.5,
        color: RULE,
        dashArray: [2, 2],
      });
    });
    this.y = boxTop - height - 6;
  }

  /**
   * Writes the header and footer on every page, now that the page count is known:
   * `header` left and right at the top, `footerLeft` and the page number at the bottom.
   */
  finish(frame: {
    headerLeft: string;
    headerRight: string;
    footerLeft: string;
    pageNumber: (page: number, pageCount: number) => string;
  }): void {
    const count = this.pages.length;
    this.pages.forEach((page, index) => {
      const right = (text: string, font: PDFFont, size: number): number =>
        A4.width - MARGIN_X - this.width(text, font, size);
      const headerY = A4.height - 36;
      const headerLeft = this.fit(frame.headerLeft, this.contentWidth / 2 - 8, this.fonts.bold, 8);
      const headerRight = this.fit(frame.headerRight, this.contentWidth / 2 - 8, this.fonts.regular, SMALL_SIZE);
      drawTextLine(page, headerLeft, { x: MARGIN_X, y: headerY, size: 8, font: this.fonts.bold, color: INK });
      drawTextLine(page, headerRight, {
        x: right(headerRight, this.fonts.regular, SMALL_SIZE),
        y: headerY,
        size: SMALL_SIZE,
        font: this.fonts.regular,
        color: MUTED,
      });
      page.drawLine({
        start: { x: MARGIN_X, y: headerY - 6 },
        end: { x: A4.width - MARGIN_X, y: headerY - 6 },
        thickness: 0.5,
        color: RULE,
      });
      const footerY = 32;
      page.drawLine({
        start: { x: MARGIN_X, y: footerY + 11 },
        end: { x: A4.width - MARGIN_X, y: footerY + 11 },
        thickness: 0.5,
        color: RULE,
      });
      const pageNumber = frame.pageNumber(index + 1, count);
      drawTextLine(page, this.fit(frame.footerLeft, this.contentWidth - 80, this.fonts.regular, SMALL_SIZE), {
        x: MARGIN_X,
        y: footerY,
        size: SMALL_SIZE,
        font: this.fonts.regular,
        color: MUTED,
      });
      drawTextLine(page, pageNumber, {
        x: right(pageNumber, this.fonts.regular, SMALL_SIZE),
        y: footerY,
        size: SMALL_SIZE,
        font: this.fonts.regular,
        color: MUTED,
      });
    });
  }

  /**
   * Width of `text` in points: the sum of its characters' advance widths, each measured once.
   * pdf-lib's own `widthOfTextAtSize` shapes the whole string every call (the costliest part
   * of a render when wrapping); it sums the same advances, since ligatures are off.
   */
  private width(text: string, font: PDFFont, size: number): number {
    return (this.advance(text, font) * size) / 1000;
  }

  /** `start` plus the advances (per 1000 points of size) of the characters of `text`, in order. */
  private advance(text: string, font: PDFFont, start = 0): number {
    let advances = this.advanceCache.get(font);
    if (!advances) {
      advances = new Map();
      this.advanceCache.set(font, advances);
    }
    let total = start;
    for (const character of text) {
      let advance = advances.get(character);
      if (advance === undefined) {
        advance = font.widthOfTextAtSize(character, 1000);
        advances.set(character, advance);
      }
      total += advance;
    }
    return total;
  }

  private get valueX(): number {
    return MARGIN_X + LABEL_WIDTH;
  }

  private get valueWidth(): number {
    return this.contentWidth - LABEL_WIDTH;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(page);
    return page;
  }

  private breakPage(): void {
    this.page = this.addPage();
    this.y = CONTENT_TOP;
    if (this.continuation) {
      this.paragraph(this.continuation, { muted: true });
      this.y -= 4;
    }
  }

  private baseline(): number {
    return this.y - 10.5;
  }

  private bodyLine(text: string, x: number, font: PDFFont, color: typeof INK): void {
    this.drawLine(text, x, this.baseline(), font, BODY_SIZE, color);
    this.y -= BODY_LEADING;
  }

  private drawLine(text: string, x: number, y: number, font: PDFFont, size: number, color: typeof INK): void {
    if (text) drawTextLine(this.page, text, { x, y, size, font, color });
  }

  /** Shortens a one-line text (header, footer) with an ellipsis so it stays in its place. */
  private fit(text: string, width: number, font: PDFFont, size: number): string {
    const line = singleLine(text);
    if (this.width(line, font, size) <= width) return line;
    let cut = line.length;
    while (cut > 1 && this.width(`${line.slice(0, cut)}…`, font, size) > width) cut -= 1;
    return `${line.slice(0, cut)}…`;
  }
}
