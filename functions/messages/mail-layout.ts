/**
 * One layout for every e-mail: a plain-text part and a simple HTML part (inline styles only,
 * as mail clients drop style sheets) carrying the same words, one button-link and the raw URL.
 * Every interpolated value is escaped.
 */
import { ProductError } from '../errors/product-error.js';
import type { Language } from '../domain/request-schema.js';
import { escapeHtml } from './escape-html.js';

/** An e-mail ready to hand to the mailer. */
export interface RenderedMail {
  /** One line: line breaks in names are flattened, so no header can be injected. */
  subject: string;
  text: string;
  html: string;
}

/** A paragraph, or a labelled free text (a broker's reason) whose line breaks are kept. */
export type MailParagraph = string | { label: string; quote: string };

/** What one e-mail says, before it is laid out. */
export interface MailContent {
  language: Language;
  subject: string;
  greeting: string;
  paragraphs: readonly MailParagraph[];
  button: { label: string; link: string };
  buttonFallback: string;
  /** The language's colon, for "label: link" in the text part. */
  colon: string;
  /** The small print under the button. */
  notes: readonly string[];
  signOff: string;
  senderName: string;
}

/** A link that is not an absolute http(s) URL: refused rather than mailed (no `javascript:`). */
export class UnsafeMailLinkError extends ProductError<{ scheme: string }> {
  override readonly name = 'UnsafeMailLinkError';

  constructor(readonly link: string) {
    // The link itself may carry a live token: only its scheme is told.
    super('An e-mail link must be an absolute http or https URL', { scheme: link.split(':')[0]?.slice(0, 20) ?? '' });
  }
}

const COLORS = { text: '#1b1b1b', muted: '#4a4a4a', accent: '#0b4f9c', page: '#f4f4f4', card: '#ffffff' };
const PARAGRAPH_STYLE = 'margin:0 0 16px';
const NOTE_STYLE = `margin:0 0 12px;font-size:14px;color:${COLORS.muted}`;

/** Lays `content` out as subject, plain text and HTML. */
export function renderMailContent(content: MailContent): RenderedMail {
  assertWebLink(content.button.link);
  return {
    subject: content.subject.replace(/[\r\n]+/g, ' ').trim(),
    text: renderText(content),
    html: renderHtml(content),
  };
}

function assertWebLink(link: string): void {
  let protocol: string;
  try {
    protocol = new URL(link).protocol;
  } catch {
    throw new UnsafeMailLinkError(link);
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new UnsafeMailLinkError(link);
}

function renderText(content: MailContent): string {
  const paragraphs = content.paragraphs.map((paragraph) =>
    typeof paragraph === 'string' ? paragraph : `${paragraph.label}\n${paragraph.quote}`,
  );
  return [
    content.greeting,
    ...paragraphs,
    `${content.button.label}${content.colon.trimEnd()}\n${content.button.link}`,
    ...content.notes,
    `${content.signOff}\n${content.senderName}`,
  ].join('\n\n') + '\n';
}

function renderHtml(content: MailContent): string {
  const link = escapeHtml(content.button.link);
  const paragraphs = content.paragraphs.map((paragraph) =>
    typeof paragraph === 'string'
      ? `<p style="${PARAGRAPH_STYLE}">${escapeHtml(paragraph)}</p>`
      : `<p style="${PARAGRAPH_STYLE}"><strong>${escapeHtml(paragraph.label)}</strong><br>` +
        `<span style="white-space:pre-line">${escapeHtml(paragraph.quote)}</span></p>`,
  );
  return [
    '<!doctype html>',
    `<html lang="${content.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:${COLORS.page}">`,
    `<div role="article" aria-label="${escapeHtml(content.subject)}" lang="${content.language}" ` +
      `style="max-width:600px;margin:0 auto;padding:24px;background:${COLORS.card};` +
      `font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:${COLORS.text}">`,
    `<p style="${PARAGRAPH_STYLE}">${escapeHtml(content.greeting)}</p>`,
    ...paragraphs,
    `<p style="margin:24px 0">` +
      `<a href="${link}" style="display:inline-block;padding:12px 24px;background:${COLORS.accent};` +
      `color:#ffffff;font-weight:bold;text-decoration:none;border-radius:4px">` +
      `${escapeHtml(content.button.label)}</a></p>`,
    `<p style="${NOTE_STYLE}">${escapeHtml(content.buttonFallback)}<br>` +
      `<a href="${link}" style="color:${COLORS.accent};word-break:break-all">${link}</a></p>`,
    ...content.notes.map((note) => `<p style="${NOTE_STYLE}">${escapeHtml(note)}</p>`),
    `<p style="margin:24px 0 0">${escapeHtml(content.signOff)}<br>${escapeHtml(content.senderName)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
