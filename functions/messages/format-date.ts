/**
 * Dates as each language writes them in running text ("28 november 2026",
 * "28. November 2026"), in Brussels time, so a deadline reads the same for every signer.
 */
import type { Language } from '../domain/request-schema.js';
import { LOCALE_BY_LANGUAGE, MESSAGE_TIME_ZONE } from './language-locale.js';

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

function formatter(cache: Map<Language, Intl.DateTimeFormat>, language: Language, withTime: boolean): Intl.DateTimeFormat {
  let format = cache.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(LOCALE_BY_LANGUAGE[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      timeZone: MESSAGE_TIME_ZONE,
    });
    cache.set(language, format);
  }
  return format;
}

/** French writes the first of the month as an ordinal: "1er décembre", not "1 décembre". */
function writeDate(dateFormat: Intl.DateTimeFormat, date: Date, language: Language): string {
  return dateFormat
    .formatToParts(date)
    .map((part) => (language === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** The calendar day of `date` in Brussels: "28 november 2026" (nl), "28. November 2026" (de). */
export function formatDate(date: Date, language: Language): string {
  return writeDate(formatter(dateFormats, language, false), date, language);
}

/**
 * Day and time of `date` in Brussels: "28 november 2026 om 23:30" (nl), "28 novembre 2026 à
 * 23:30" (fr), "28. November 2026 um 23:30" (de), "28 November 2026 at 23:30" (en).
 */
export function formatDateTime(date: Date, language: Language): string {
  return writeDate(formatter(dateTimeFormats, language, true), date, language);
}
