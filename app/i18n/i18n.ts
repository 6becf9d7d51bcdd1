import i18next, { type i18n as I18n, type InitOptions } from "i18next";
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

/** How every i18next instance of the app is initialised (exported for the tests' reference instance). */
export function i18nOptions(locale: Locale): InitOptions {
  return {
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { it: { translation: it }, en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  };
}

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
  void instance.use(initReactI18next).init(i18nOptions(locale));
  installFastFixedT(instance);
  instances.set(locale, instance);
  return instance;
}

type FixedT = ReturnType<I18n["getFixedT"]>;

/**
 * react-i18next asks the instance for a fixed `t` on every render of every component, and i18next
 * 25's fixed `t` copies the instance's whole options object into a new one on every call: about
 * 1.5 ms of each catalogue page (bench:catalogue's profile). Our instances keep one language and
 * one namespace, and their messages never change after init, so for the instance's own language a
 * key without options is translated once and remembered, and a key with options (interpolation,
 * plurals) goes straight to `instance.t`, which gives the same answer. Any other language,
 * namespace or key prefix keeps i18next's own fixed `t`.
 */
function installFastFixedT(instance: I18n) {
  const fixedTOf = instance.getFixedT.bind(instance);
  const plainMessages = new Map<string, string>();
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => string;
  const fastGetFixedT = (lng?: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const ownLanguage = lng === null || lng === undefined || lng === instance.language;
    const ownNamespace = ns === null || ns === undefined || ns === "translation" || (Array.isArray(ns) && ns.length === 1 && ns[0] === "translation");
    if (!ownLanguage || !ownNamespace || keyPrefix) return fixedTOf(lng as string, ns as string, keyPrefix);
    const fixedT = (key: unknown, ...rest: unknown[]) => {
      if (typeof key !== "string" || rest.length > 0) return translate(key, ...rest);
      let message = plainMessages.get(key);
      if (message === undefined) {
        message = translate(key);
        plainMessages.set(key, message);
      }
      return message;
    };
    return Object.assign(fixedT, { lng: instance.language, ns: "translation", keyPrefix: undefined }) as unknown as FixedT;
  };
  instance.getFixedT = fastGetFixedT as I18n["getFixedT"];
}

/** A translator for server code (validation messages, emails). */
export function getFixedT(locale: Locale) {
  return createI18n(locale).t;
}
