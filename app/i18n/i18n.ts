import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { it } from "./it";

export const SUPPORTED_LOCALES = ["it", "en"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";

/** Narrows any value (cookie, form field, profile) to a supported locale, Italian by default. */
export function toLocale(value: unknown): Locale {
  return SUPPORTED_LOCALES.includes(value as Locale) ? (value as Locale) : DEFAULT_LOCALE;
}

const instances = new Map<Locale, I18n>();

/**
 * One i18next instance per locale, created synchronously with bundled messages, so the server
 * render and the browser hydrate with the same strings and no loading flash. Made once per locale
 * and process, then shared: nothing changes an instance's language or messages afterwards, and
 * creating one per request cost about a millisecond of every page (bench:catalogue's profile).
 */
export function createI18n(locale: Locale): I18n {
  const cached = instances.get(locale);
  if (cached) return cached;
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { it: { translation: it }, en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instances.set(locale, instance);
  return instance;
}

/** A translator for server code (validation messages, emails). */
export function getFixedT(locale: Locale) {
  return createI18n(locale).t;
}
