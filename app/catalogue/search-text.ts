// The text a service is found by. Accents are folded and case lowered here, in one place, for both
// the stored text and the words people type, so "citta" finds "città" and "Perche" finds "perché"
// on either database without the unaccent extension. The database turns it into an Italian
// tsvector and a vocabulary of words (triggers in the catalogue migration).

/** Lower-case, accent-free, punctuation-free text: "Città, perché?" → "citta perche". */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The words of a search box, folded; words shorter than 2 letters are dropped. */
export function searchWords(query: string): string[] {
  return [...new Set(foldText(query).split(" ").filter((word) => word.length >= 2))].slice(0, 8);
}

/**
 * The word with each pair of neighbouring letters swapped ("diruno" → "idruno", "druino", "diurno"…),
 * the commonest slip of the keyboard, which trigram similarity misses in short words. Distinct, and
 * never the word itself.
 */
export function neighbourSwaps(word: string): string[] {
  // Each swap differs from the word at its own two places only, so no two of them are alike.
  const swaps: string[] = [];
  for (let i = 0; i < word.length - 1; i += 1) {
    if (word[i] !== word[i + 1]) swaps.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return swaps;
}

export type SearchableService = {
  name: string;
  alternateName?: string | null;
  description: string;
  eligibilityDescription?: string | null;
  organizationNames: string[];
  termNames: string[];
  places: string[];
};

/** The stored search text: the name on the first line (it ranks higher), then everything else. */
export function buildSearchText(service: SearchableService): string {
  const rest = [
    service.alternateName,
    service.description,
    service.eligibilityDescription,
    ...service.organizationNames,
    ...service.termNames,
    ...service.places,
  ]
    .filter((part): part is string => Boolean(part))
    .map(foldText)
    .join(" ");
  return `${foldText(service.name)}\n${rest}`;
}
