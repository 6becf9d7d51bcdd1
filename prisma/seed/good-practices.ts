import type { PrismaClient } from "../../app/generated/prisma/client";
import { practiceTexts } from "../../app/schemas/good-practice";
import { DEMO_LAB } from "./demo-lab";

// Demo good practices of the network (issue #5): collaborations between the partners that the
// registry starts from. Seeded with the demo accounts; validated by the demo coordinator.

type SeedPractice = {
  slug: string;
  title: string;
  context: string;
  collaborationPattern: string;
  resources: string;
  outcomes: string;
  evidence: string;
  contactName: string;
  contactEmail: string;
  tags: string[];
  organizations: string[];
  /** Catalogue services (by slug, see catalogue-data.ts) linked only if the catalogue has them. */
  services: string[];
  /** Labs (by slug) linked only if they exist. */
  labs: string[];
  submittedBy: string;
  /** Days since validation; the review falls due a year after it (past due when over 365). */
  validatedDaysAgo: number;
};

export const DEMO_PRACTICES: SeedPractice[] = [
  {
    slug: "scuola-associazione-cooperativa-per-gli-alunni-con-dsa",
    title: "Scuola, associazione e cooperativa insieme per gli alunni con DSA",
    context:
      "Nei quattro Istituti Comprensivi dell'area (Faloppio, Appiano Gentile, Uggiate Trevano, Olgiate Comasco) molte famiglie di alunni con disturbi specifici dell'apprendimento si rivolgevano a professionisti privati, con costi alti e senza dialogo con la scuola. I docenti chiedevano strumenti per applicare i piani didattici personalizzati.",
    collaborationPattern:
      "Vela Dislessia forma i docenti referenti e incontra le famiglie; la cooperativa Dialogica gestisce due pomeriggi a settimana di studio assistito con educatori formati sugli strumenti compensativi; gli Istituti mettono a disposizione le aule e condividono, con il consenso delle famiglie, gli obiettivi del piano didattico personalizzato. Un incontro di verifica ogni due mesi tra referente DSA, educatore e volontario dell'associazione.",
    resources:
      "Due educatori della cooperativa (8 ore settimanali), sei volontari formati dell'associazione, aule e computer delle scuole. Costo annuo circa 14.000 euro, coperto per metà da un bando della fondazione comunitaria e per metà da una quota ridotta delle famiglie, esentate sotto una soglia ISEE.",
    outcomes:
      "Quarantadue ragazzi seguiti nel primo anno; le famiglie hanno speso in media un terzo rispetto al sostegno privato; tutti i consigli di classe coinvolti hanno aggiornato i piani didattici personalizzati con gli educatori.",
    evidence:
      "Questionario alle famiglie di fine anno (38 risposte su 42: 90% soddisfatte o molto soddisfatte); registro presenze; verbali degli incontri di verifica; relazione della referente DSA dell'IC Faloppio.",
    contactName: "Elena Ronchetti",
    contactEmail: "facilitatore@twb.example",
    tags: ["dsa", "scuola", "famiglie", "doposcuola"],
    organizations: ["vela-dislessia", "dialogica", "ic-faloppio", "ic-appiano-gentile", "ic-uggiate-trevano", "ic-olgiate-comasco"],
    services: ["sostegno-allo-studio-dsa", "spazio-compiti-e-aggregazione"],
    labs: [DEMO_LAB.slug],
    submittedBy: "facilitatore@twb.example",
    validatedDaysAgo: 30,
  },
  {
    slug: "emporio-solidale-e-accompagnamento-al-lavoro-ad-appiano-gentile",
    title: "Emporio solidale e accompagnamento al lavoro ad Appiano Gentile",
    context:
      "Il centro di ascolto della Caritas di Appiano Gentile distribuiva pacchi alimentari a un numero crescente di famiglie, spesso con un adulto senza lavoro, ma senza un percorso per uscire dalla difficoltà.",
    collaborationPattern:
      "La Caritas ascolta le famiglie e gestisce l'emporio solidale a punti; la cooperativa L'Ancora propone alle persone in età da lavoro un bilancio di competenze e tirocini nelle sue attività; un'operatrice della cooperativa è presente al centro di ascolto un mattino a settimana. Le due realtà condividono una scheda unica della famiglia, con il suo consenso.",
    resources:
      "Volontari della Caritas per l'emporio (tre turni a settimana), un'operatrice della cooperativa per 6 ore settimanali, locali della parrocchia. Donazioni dei supermercati della zona e un contributo comunale per le borse lavoro.",
    outcomes:
      "Settanta famiglie servite dall'emporio in un anno; diciotto persone hanno fatto un tirocinio e nove hanno trovato un lavoro stabile; le famiglie scelgono i prodotti invece di ricevere un pacco uguale per tutti.",
    evidence: "Dati dell'emporio (accessi e punti spesi), esiti dei tirocini, due storie raccolte con il consenso delle persone.",
    contactName: "Referente del centro di ascolto Caritas",
    contactEmail: "ascolto.appiano@twb.example",
    tags: ["povertà", "beni primari", "lavoro", "famiglie"],
    organizations: ["caritas-appiano-gentile", "l-ancora"],
    services: ["centro-di-ascolto-caritas-appiano", "pacchi-viveri-e-emporio-solidale", "sportello-lavoro-e-orientamento"],
    labs: [],
    submittedBy: "coordinatore@twb.example",
    validatedDaysAgo: 60,
  },
  {
    slug: "welfare-aziendale-conciliazione-tessitura-taborelli",
    title: "Welfare aziendale per la conciliazione: Tessitura Taborelli e le cooperative",
    context:
      "Le lavoratrici e i lavoratori della Tessitura Taborelli, molti con turni, faticavano a conciliare il lavoro con la cura di figli piccoli e di genitori anziani; il premio di produzione in welfare restava in gran parte inutilizzato perché i servizi offerti dalle piattaforme nazionali non esistevano in zona.",
    collaborationPattern:
      "L'azienda e la Compagnia delle Opere hanno raccolto i bisogni con un questionario; le cooperative Il Biancospino e Il Seme hanno costruito un'offerta locale (centro estivo, assistenza domiciliare leggera agli anziani, sportello di orientamento ai servizi) acquistabile con il credito welfare. Un referente aziendale e uno delle cooperative si incontrano ogni trimestre.",
    resources: "Credito welfare dei dipendenti, tempo del referente aziendale, personale delle cooperative già attivo nei servizi, accordo quadro firmato dalle parti.",
    outcomes:
      "Il 64% dei dipendenti ha usato almeno un servizio locale nel primo anno; le cooperative hanno aperto il centro estivo anche ad altre famiglie del comune.",
    evidence: "Rendiconto dell'utilizzo del credito welfare, questionario di gradimento ai dipendenti, accordo quadro.",
    contactName: "Chiara Taborelli",
    contactEmail: "azienda@twb.example",
    tags: ["welfare aziendale", "conciliazione", "anziani", "famiglie"],
    organizations: ["tessitura-taborelli", "il-biancospino", "il-seme", "compagnia-delle-opere-como"],
    services: ["centro-estivo-inclusivo", "assistenza-domiciliare-anziani"],
    labs: [],
    submittedBy: "azienda@twb.example",
    // Validated more than a year ago: the demo shows a practice whose review date has passed.
    validatedDaysAgo: 400,
  },
];

const DAY = 86_400_000;

/** The demo practices, each only if missing (nothing is overwritten). */
export async function seedGoodPractices(prisma: PrismaClient, now = new Date()) {
  let created = 0;
  const coordinator = await prisma.user.findUnique({ where: { email: "coordinatore@twb.example" }, select: { id: true } });
  for (const practice of DEMO_PRACTICES) {
    if (await prisma.goodPractice.findUnique({ where: { slug: practice.slug }, select: { id: true } })) continue;
    const [organizations, services, labs, submitter] = await Promise.all([
      prisma.organization.findMany({ where: { slug: { in: practice.organizations } }, select: { id: true } }),
      prisma.service.findMany({ where: { slug: { in: practice.services } }, select: { id: true } }),
      prisma.lab.findMany({ where: { slug: { in: practice.labs } }, select: { id: true } }),
      prisma.user.findUnique({ where: { email: practice.submittedBy }, select: { id: true } }),
    ]);
    const validatedAt = new Date(now.getTime() - practice.validatedDaysAgo * DAY);
    await prisma.goodPractice.create({
      data: {
        slug: practice.slug,
        ...practiceTexts(practice),
        status: "VALIDATED",
        validatedAt,
        validatedById: coordinator?.id ?? null,
        reviewDueAt: new Date(validatedAt.getTime() + 365 * DAY),
        submittedById: submitter?.id ?? null,
        createdAt: new Date(validatedAt.getTime() - 7 * DAY),
        organizations: { create: organizations.map(({ id }) => ({ organizationId: id })) },
        services: { create: services.map(({ id }) => ({ serviceId: id })) },
        labs: { create: labs.map(({ id }) => ({ labId: id })) },
      },
    });
    created++;
  }
  return created;
}
