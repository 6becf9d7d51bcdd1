import type { TFunction } from "i18next";

// Validation messages and one-shot notices travel as i18n keys with optional parameters ("forms.tooShort?min=10"),
// so one zod schema serves the server, the browser and both languages.

/** A message key with parameters, for zod schemas and toasts. */
export function messageKey(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}` : key;
}

/** Turns a message key (with parameters) into the text in the current language. */
export function translateMessage(t: TFunction, error: string): string {
  const [key, query] = error.split("?", 2);
  const params = query ? Object.fromEntries(new URLSearchParams(query)) : undefined;
  return t(key, { ...params, defaultValue: error });
}
