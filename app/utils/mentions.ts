// "@Nome Cognome" in a comment mentions a person of the lab. Names are compared without case or
// accents, longest first, so "@Anna Maria Rossi" is not taken for "@Anna Maria".

const fold = (text: string) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** The ids of the people whose "@Name" appears in the text. */
export function findMentions(text: string, people: { id: string; name: string }[]): string[] {
  const folded = fold(text);
  const found = new Set<string>();
  const byLength = [...people].sort((a, b) => b.name.length - a.name.length);
  let rest = folded;
  for (const person of byLength) {
    const needle = `@${fold(person.name)}`;
    let index = rest.indexOf(needle);
    while (index !== -1) {
      const after = rest.charAt(index + needle.length);
      // A mention ends at a non-letter, so "@Luca Galli" does not match "@Luca Gallia".
      if (!/[\p{L}\p{N}]/u.test(after)) {
        found.add(person.id);
        rest = `${rest.slice(0, index)}${" ".repeat(needle.length)}${rest.slice(index + needle.length)}`;
      }
      index = rest.indexOf(needle, index + 1);
    }
  }
  return [...found];
}
