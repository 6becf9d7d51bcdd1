import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { createI18n, i18nOptions } from "~/i18n/i18n";
import { en } from "~/i18n/en";
import { it as italian } from "~/i18n/it";

/** Every message key as i18next addresses it (nested objects joined by dots, plural suffixes kept). */
function keysOf(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === "object" && child !== null ? keysOf(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** i18next's own fixed t, for a fresh instance initialised exactly as createI18n initialises ours. */
function referenceT(locale: "it" | "en") {
  const instance = i18next.createInstance();
  void instance.init(i18nOptions(locale));
  return instance.getFixedT(null, "translation");
}

describe("the fixed t our i18next instances hand to react-i18next", () => {
  for (const locale of ["it", "en"] as const) {
    it(`translates every ${locale} message as i18next's own fixed t does, twice in a row`, () => {
      const fast = createI18n(locale).getFixedT(null, "translation");
      const reference = referenceT(locale);
      const keys = keysOf(locale === "it" ? italian : en).map((key) => key.replace(/_(one|other|zero|few|many)$/, ""));
      for (const key of new Set(keys)) {
        const options = { count: 3, m: 120, km: "1,5", place: "Como", name: "Anna", title: "Titolo" };
        expect(fast(key), key).toBe(reference(key));
        expect(fast(key), key).toBe(reference(key));
        expect(fast(key, options), key).toBe(reference(key, options));
        expect(fast(key, { ...options, count: 1 }), key).toBe(reference(key, { ...options, count: 1 }));
      }
      expect(fast("no.such.key")).toBe(reference("no.such.key"));
      expect(fast("no.such.key", "a default")).toBe("a default");
    });
  }

  it("keeps i18next's own fixed t for another language or a key prefix", () => {
    const instance = createI18n("it");
    expect(instance.getFixedT("en")("catalogue.title")).toBe(referenceT("en")("catalogue.title"));
    expect(instance.getFixedT(null, null, "catalogue")("title")).toBe(referenceT("it")("catalogue.title"));
    expect((instance.getFixedT(null, "translation") as unknown as { lng: string }).lng).toBe("it");
  });
});
