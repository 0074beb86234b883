/**
 * Escaping for every value interpolated into the HTML of e-mails and pages: names, reasons
 * and links come from brokers and signers, so none of them may open a tag or an attribute.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `value` with `& < > " '` replaced by entities: safe in element text and in a quoted
 * attribute value alike.
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
