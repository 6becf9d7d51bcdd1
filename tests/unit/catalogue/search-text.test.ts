import { describe, expect, it } from "vitest";
import { buildSearchText, foldText, neighbourSwaps, searchWords } from "~/catalogue/search-text";

describe("catalogue search text", () => {
  it("folds accents, case, apostrophes and punctuation the same way for stored text and typed words", () => {
    expect(foldText("Città, PERCHÉ? L'età dell'oro!")).toBe("citta perche l eta dell oro");
    expect(searchWords("  Doposcuola   per l'età   DSA  ")).toEqual(["doposcuola", "per", "eta", "dsa"]);
  });

  it("swaps each pair of neighbouring letters once, never giving the word back", () => {
    expect(neighbourSwaps("diruno")).toEqual(["idruno", "driuno", "diurno", "dirnuo", "diruon"]);
    expect(neighbourSwaps("asso")).toEqual(["saso", "asos"]);
    expect(neighbourSwaps("aa")).toEqual([]);
  });

  it("drops one-letter words and repeats, and caps the number of words", () => {
    expect(searchWords("a b cc cc dd")).toEqual(["cc", "dd"]);
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `parola${i}`).join(" "))).toHaveLength(8);
  });

  it("puts the name alone on the first line, so it can rank higher", () => {
    const text = buildSearchText({ name: "Centro d'ascolto", description: "Ascolto e orientamento", organizationNames: ["Caritas"], termNames: ["Povertà"], places: ["Appiano Gentile"] });
    expect(text.split("\n")).toEqual(["centro d ascolto", "ascolto e orientamento caritas poverta appiano gentile"]);
  });
});
