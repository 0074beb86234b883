/**
 * Which locale each request language is written in: Belgian usage for the three national
 * languages, British English for English; times always in Brussels time.
 */
import type { Language } from '../domain/request-schema.js';

/** The BCP 47 locale used to format dates and lists for each request language. */
export const LOCALE_BY_LANGUAGE: Readonly<Record<Language, string>> = {
  nl: 'nl-BE',
  fr: 'fr-BE',
  de: 'de-BE',
  en: 'en-GB',
};

/** Deadlines are shown in the time zone the broker and his clients live in. */
export const MESSAGE_TIME_ZONE = 'Europe/Brussels';
