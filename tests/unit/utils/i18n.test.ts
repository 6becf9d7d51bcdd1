import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { it as italian } from "~/i18n/it";

/** Every message as [path, text]; paths keep keys that contain dots (audit actions) whole. */
function entries(value: object, prefix: string[] = []): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === "object" && child !== null ? entries(child, [...prefix, key]) : [[JSON.stringify([...prefix, key]), child] as [string, unknown]],
  );
}

describe("messages", () => {
  it("English has exactly the Italian keys, and no message is empty", () => {
    const italianEntries = entries(italian);
    const englishEntries = entries(en);
    expect(englishEntries.map(([key]) => key).sort()).toEqual(italianEntries.map(([key]) => key).sort());
    for (const [key, text] of [...italianEntries, ...englishEntries]) {
      expect(typeof text === "string" && text.trim().length > 0, key).toBe(true);
    }
  });
});
