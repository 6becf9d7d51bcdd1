import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/i18n";
import { messageKey, translateMessage } from "~/utils/messages";
import { safeRedirectPath } from "~/utils/http.server";
import { slugify } from "~/utils/slugify";

describe("messageKey / translateMessage", () => {
  it("carries parameters through to the translated text in both languages", () => {
    const key = messageKey("forms.tooShort", { min: 10 });
    expect(translateMessage(createI18n("it").t, key)).toBe("Troppo corto: almeno 10 caratteri.");
    expect(translateMessage(createI18n("en").t, key)).toBe("Too short: at least 10 characters.");
  });

  it("shows an unknown key as it is rather than nothing", () => {
    expect(translateMessage(createI18n("it").t, "no.such.key")).toBe("no.such.key");
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/persone", "/persone"],
    ["/persone?q=a", "/persone?q=a"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});

describe("slugify", () => {
  it.each([
    ["L'Ancora", "l-ancora"],
    ["Prima ricerca & sviluppo", "prima-ricerca-e-sviluppo"],
    ["Coop. Paolo Fagetti onlus", "coop-paolo-fagetti-onlus"],
    ["Società Più", "societa-piu"],
  ])("%s → %s", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});
