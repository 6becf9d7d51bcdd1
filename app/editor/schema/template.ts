import type { JSONContent } from "@tiptap/core";

/** The sections a welfare product needs, in the order a proposal presents them. */
export const PROPOSAL_SECTIONS = {
  it: [
    ["Bisogno a cui risponde", "Quale bisogno del territorio affronta? Chi lo ha segnalato, con quali dati?"],
    ["Destinatari", "Chi ne beneficia: età, condizioni, quante persone, in quali comuni."],
    ["Organizzazioni e ruoli", "Chi fa cosa: ente capofila, partner, scuole, volontari."],
    ["Attività", "Cosa si fa, dove, con quale frequenza e calendario."],
    ["Risorse e costi", "Personale, spazi, materiali; costo stimato e chi lo sostiene."],
    ["Risultati attesi", "Cosa cambierà per le persone e per la rete."],
    ["Come sarà valutato", "Indicatori, strumenti, tempi della valutazione."],
  ],
  en: [
    ["Need addressed", "Which local need does it answer? Who reported it, with what evidence?"],
    ["Target group", "Who benefits: age, circumstances, how many people, in which municipalities."],
    ["Organizations and roles", "Who does what: lead body, partners, schools, volunteers."],
    ["Activities", "What happens, where, how often, on what calendar."],
    ["Resources and costs", "Staff, spaces, materials; estimated cost and who bears it."],
    ["Expected outcomes", "What will change for people and for the network."],
    ["How it will be evaluated", "Indicators, tools, timing of the evaluation."],
  ],
} as const;

/** A new proposal's document: one heading per section, each with its guiding question. */
export function proposalTemplate(locale: "it" | "en" = "it"): JSONContent {
  return {
    type: "doc",
    content: PROPOSAL_SECTIONS[locale].flatMap(([title, hint]) => [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: title }] },
      { type: "paragraph", content: [{ type: "text", marks: [{ type: "italic" }], text: hint }] },
    ]),
  };
}
