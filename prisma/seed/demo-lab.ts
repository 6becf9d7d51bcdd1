import type { JSONContent } from "@tiptap/core";
import type { LabRole } from "../../app/generated/prisma/enums";

// The demo lab of issue #3: the network's work on pupils with specific learning disorders (DSA).

export const DEMO_LAB = {
  slug: "laboratorio-dsa-e-scuola",
  title: "Laboratorio DSA e scuola",
  challenge:
    "Ragazze e ragazzi con disturbi specifici dell'apprendimento (DSA) arrivano al pomeriggio stanchi e soli davanti ai compiti: le famiglie spendono molto per il sostegno privato e le scuole del territorio faticano a coordinarsi con chi lavora fuori dall'orario scolastico. Come costruire insieme un sostegno accessibile, continuo e vicino a casa?",
  organizations: ["vela-dislessia", "dialogica", "ic-faloppio", "ic-appiano-gentile", "ic-uggiate-trevano", "ic-olgiate-comasco"],
  members: [
    { email: "facilitatore@twb.example", role: "FACILITATOR" },
    { email: "membro@twb.example", role: "MEMBER" },
    { email: "scuola@twb.example", role: "MEMBER" },
    { email: "osservatore@twb.example", role: "OBSERVER" },
  ] satisfies { email: string; role: LabRole }[],
};

const heading = (text: string): JSONContent => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const bullets = (items: string[]): JSONContent => ({
  type: "bulletList",
  content: items.map((text) => ({ type: "listItem", content: [paragraph(text)] })),
});

export const DEMO_PROPOSAL = {
  title: "Doposcuola inclusivo per ragazzi con DSA",
  targetGroup: "Studenti con DSA delle scuole secondarie di primo grado e delle ultime classi della primaria",
  ageMin: 9,
  ageMax: 14,
  estimatedCostCents: 2_400_000,
  comuni: ["faloppio", "appiano-gentile", "uggiate-con-ronago", "olgiate-comasco"],
  organizations: ["vela-dislessia", "dialogica", "ic-faloppio", "ic-olgiate-comasco"],
  content: {
    type: "doc",
    content: [
      heading("Bisogno a cui risponde"),
      paragraph(
        "Nei quattro istituti comprensivi della rete le certificazioni di DSA sono in crescita. Molte famiglie non riescono a sostenere il costo di tutor privati e i ragazzi affrontano da soli i compiti del pomeriggio, con ricadute su autostima e rendimento.",
      ),
      heading("Destinatari"),
      paragraph("Ragazze e ragazzi dai 9 ai 14 anni con diagnosi di DSA o in attesa di valutazione, e le loro famiglie."),
      heading("Attività"),
      bullets([
        "Due pomeriggi a settimana di studio assistito in piccoli gruppi, con strumenti compensativi (sintesi vocale, mappe concettuali).",
        "Un incontro al mese tra educatori, insegnanti referenti DSA e famiglie per allineare il piano didattico personalizzato.",
        "Formazione dei volontari di Vela Dislessia sull'uso degli strumenti digitali.",
      ]),
      heading("Risorse e costi"),
      paragraph("Due educatori di Dialogica, volontari formati, aule messe a disposizione dagli istituti; costo stimato 24.000 euro l'anno, con quota ridotta per le famiglie."),
    ],
  } satisfies JSONContent,
};

// Its next meeting: a week after seeding, so the demo always has a session to answer and to run.
export const DEMO_SESSION = {
  title: "Come organizzare il doposcuola: spazi, orari e volontari",
  goal: "Raccogliere le idee delle scuole e delle associazioni sugli spazi e sugli orari del doposcuola, e scegliere le tre da sviluppare nella proposta.",
  daysAhead: 7,
  time: "17:30",
  durationMinutes: 90,
  place: "vela-dislessia",
  placeDetails: "Sala riunioni, primo piano",
  agenda: [
    { title: "Accoglienza e giro di presentazioni", minutes: 10 },
    { title: "Idee sulla lavagna: spazi, orari, volontari", minutes: 35, onProposal: true },
    { title: "Votazione a punti e decisione per consenso", minutes: 30, onProposal: true },
    { title: "Prossimi passi e incarichi", minutes: 15 },
  ],
  prework: [
    { author: "scuola@twb.example", text: "Le aule dell'IC Faloppio sono libere il martedì e il giovedì dalle 14:30.", anonymous: false },
    { author: "membro@twb.example", text: "Coinvolgere gli studenti delle superiori come tutor alla pari.", anonymous: true },
  ],
};

// A proposal the coordinators already approved (issue #5): the one the catalogue demo publishes.
export const APPROVED_PROPOSAL = {
  title: "Sportello DSA per le famiglie",
  targetGroup: "Famiglie di bambini e ragazzi con DSA o con sospetto di DSA, e i loro insegnanti",
  ageMin: 6,
  ageMax: 16,
  estimatedCostCents: 900_000,
  approvedCostCents: 850_000,
  startPeriod: "Gennaio 2027",
  decisionNote: "Approvata: risponde a una richiesta ricorrente delle famiglie e degli istituti. Avvio a gennaio con uno sportello settimanale a Uggiate e uno a Faloppio.",
  comuni: ["uggiate-con-ronago", "faloppio"],
  organizations: ["vela-dislessia", "ic-uggiate-trevano", "ic-faloppio"],
  content: {
    type: "doc",
    content: [
      heading("Bisogno a cui risponde"),
      paragraph(
        "Quando arriva il sospetto di un disturbo specifico dell'apprendimento, le famiglie non sanno a chi rivolgersi: come ottenere la valutazione, che cosa chiedere alla scuola, quali diritti ha il figlio.",
      ),
      heading("Attività"),
      bullets([
        "Uno sportello settimanale di orientamento con una consulente di Vela Dislessia, a turno nelle sedi degli istituti.",
        "Accompagnamento nella stesura del piano didattico personalizzato (PDP) insieme agli insegnanti referenti.",
        "Incontri informativi per genitori due volte l'anno.",
      ]),
    ],
  } satisfies JSONContent,
};
