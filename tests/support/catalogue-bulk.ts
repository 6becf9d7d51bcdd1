// Many realistic catalogue services, written fast (issue #5's bench:catalogue and the plan checks in
// tests/integration/models/catalogue-plans.test.ts): names and descriptions composed from Italian
// welfare vocabulary, categories among the given terms, 1–2 places in the given comuni (jittered
// around their centre), weekly hours, costs, a contact. Each table gets one multi-row
// `INSERT … SELECT FROM json_to_recordset($1)` per batch, straight on the driver (queryRawRows),
// instead of one Prisma transaction per service; the catalogue's triggers still fill
// "ServiceSearch", "ServicePlace", "SearchWord" and "earthPoint" as for any other write.
import { randomUUID } from "node:crypto";
import { queryRawRows } from "~/db.server";
import { buildSearchText } from "~/catalogue/search-text";
import { slugify } from "~/utils/slugify";
import { mulberry32 } from "./random";

export type BulkInputs = {
  organizations: { id: string; name: string }[];
  comuni: { id: string; name: string; latitude: number; longitude: number }[];
  /** Terms services are filed under; `parentName` is indexed with them, as the app does. */
  terms: { id: string; name: string; parentName: string | null }[];
};

export type BulkOptions = {
  count: number;
  seed?: number;
  /** Rows per statement. */
  batch?: number;
  /** Prefix of every slug (unique per run). */
  slugPrefix?: string;
  /** A word added to every name and description (tests use it to find only their own rows). */
  tag?: string;
  /** Share of drafts and of temporarily closed services (the rest is published). */
  draftShare?: number;
  closedShare?: number;
};

const KINDS = [
  "Doposcuola", "Centro diurno", "Centro di ascolto", "Sportello sociale", "Emporio solidale", "Mensa solidale",
  "Corso di italiano", "Laboratorio teatrale", "Assistenza domiciliare", "Trasporto sociale", "Gruppo di auto mutuo aiuto",
  "Spazio compiti", "Consultorio familiare", "Centro estivo", "Tutoring DSA", "Orientamento al lavoro", "Tirocini formativi",
  "Housing sociale", "Casa di accoglienza", "Mediazione culturale", "Supporto psicologico", "Sportello badanti",
  "Banco alimentare", "Spazio gioco", "Micronido", "Ludoteca", "Sport inclusivo", "Centro anziani", "Telefono amico",
  "Microcredito", "Sportello bollette", "Laboratorio musicale", "Pedibus", "Servizio pasti a domicilio",
  "Accompagnamento alle visite", "Gruppo di cammino", "Scuola di ciclismo", "Sportello lavoro", "Weekend di sollievo",
  "Centro aggregativo", "Educativa di strada", "Affido familiare", "Banca del tempo", "Biblioteca vivente",
];
const QUALIFIERS = [
  "inclusivo", "per ragazzi", "per famiglie", "per anziani", "per persone con disabilita", "del sabato", "serale",
  "estivo", "di quartiere", "itinerante", "per stranieri", "per genitori", "gratuito", "intergenerazionale",
  "per adolescenti", "per bambini", "per caregiver", "per donne", "per giovani adulti", "per la prima infanzia",
];
const BRANDS = [
  "Il Girasole", "Arcobaleno", "La Quercia", "Il Ponte", "Sottosopra", "Stella Polare", "La Bussola", "Il Faro",
  "Primavera", "Insieme", "La Tenda", "Il Melograno", "Aquilone", "La Rondine", "Il Sentiero", "Porte Aperte",
  "Mani Tese", "Il Nido", "La Casa di Tutti", "Terra Buona", "Il Seme", "La Scintilla", "Orizzonti", "Il Cortile",
];
const ACTIVITIES = [
  "aiuto nei compiti e metodo di studio", "attivita educative e ricreative", "ascolto e orientamento ai servizi",
  "distribuzione di pacchi viveri e beni di prima necessita", "corsi di lingua italiana di primo e secondo livello",
  "colloqui individuali con uno psicologo", "laboratori di teatro, musica e arte", "accompagnamento a visite mediche",
  "pasti caldi e compagnia", "supporto nella ricerca del lavoro e nella scrittura del curriculum",
  "sostegno alla genitorialita e gruppi di confronto", "attivita motorie adattate", "tutor specializzati e strumenti compensativi",
  "mediazione linguistica e culturale", "accoglienza temporanea in alloggi protetti", "aiuto con bollette e affitto",
  "gite, feste e momenti di socialita", "sollievo a chi assiste un familiare", "orientamento scolastico e professionale",
];
const RECIPIENTS = [
  "bambini e ragazzi", "famiglie con figli piccoli", "persone anziane sole", "persone con disabilita e le loro famiglie",
  "adolescenti", "cittadini stranieri", "persone in difficolta economica", "studenti con dislessia e altri DSA",
  "genitori separati", "donne in difficolta", "giovani in cerca di lavoro", "caregiver familiari", "persone senza dimora",
];
const PHRASES = [
  "Gli operatori sono educatori e volontari formati.", "Si accede su appuntamento o liberamente negli orari di apertura.",
  "Il servizio collabora con le scuole e i servizi sociali del comune.", "Le attivita si svolgono in piccoli gruppi.",
  "E possibile richiedere un colloquio conoscitivo.", "Il servizio e coordinato dalla rete T.W.B. Community.",
  "Sono disponibili mediatori per chi non parla italiano.", "La sede e accessibile e vicina alla fermata dell'autobus.",
  "Per le famiglie con ISEE basso la quota e ridotta.", "Il progetto nasce da un laboratorio della rete.",
];
// Referents' names: ~2,400 surnames, so the vocabulary grows as a real catalogue's does (people, places).
const SURNAME_PARTS = [
  ["Ber", "Cas", "Mol", "Fra", "Ros", "Gal", "Bian", "Col", "Mar", "Vil", "Pe", "Lu", "Ca", "Ter", "Zan", "Mon", "Sar", "Bor", "Pa", "Fer"],
  ["na", "te", "ti", "ga", "li", "ro", "ve", "ne", "lo", "ra", "sco", "gna"],
  ["ni", "li", "tti", "schi", "lla", "rdi", "nte", "sio", "zzi", "ghi"],
] as const;
const FIRST_NAMES = ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Paolo", "Elena", "Andrea", "Sara", "Davide", "Anna", "Stefano", "Marta", "Giorgio", "Laura", "Matteo"];
const STREETS = ["Roma", "Garibaldi", "Mazzini", "Cavour", "Dante", "Manzoni", "Volta", "Verdi", "Matteotti", "XX Settembre", "della Liberta", "San Giorgio", "dei Mille", "Leopardi", "Monte Grappa", "Battisti"];
const LANGUAGES = ["en", "fr", "es", "ar", "uk", "ro", "zh"];
const HOURS = [["08:30", "12:30"], ["09:00", "12:00"], ["14:00", "18:00"], ["14:30", "17:30"], ["09:00", "17:00"], ["20:30", "22:30"]] as const;

export type BulkResult = { services: number; locations: number; published: number; ms: number };

/** Inserts `count` services with their parts; returns what it wrote and how long it took. */
export async function bulkInsertServices(inputs: BulkInputs, options: BulkOptions): Promise<BulkResult> {
  if (!inputs.organizations.length || !inputs.comuni.length || !inputs.terms.length) throw new Error("bulkInsertServices needs organizations, comuni and terms");
  const started = performance.now();
  const random = mulberry32(options.seed ?? 1);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const batch = options.batch ?? 1000;
  const prefix = options.slugPrefix ?? `bulk-${randomUUID().slice(0, 8)}`;
  const tag = options.tag ? ` ${options.tag}` : "";
  const now = new Date().toISOString();
  let locations = 0;
  let published = 0;

  for (let from = 0; from < options.count; from += batch) {
    const services: Record<string, unknown>[] = [];
    const links: Record<string, unknown>[] = [];
    const places: Record<string, unknown>[] = [];
    const placeLinks: Record<string, unknown>[] = [];
    const schedules: Record<string, unknown>[] = [];
    const costs: Record<string, unknown>[] = [];
    const terms: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    for (let index = from; index < Math.min(options.count, from + batch); index += 1) {
      const id = randomUUID();
      const kind = pick(KINDS);
      const name = `${kind} ${pick(QUALIFIERS)} ${pick(BRANDS)}${tag}`;
      const referent = `${pick(FIRST_NAMES)} ${SURNAME_PARTS.map(pick).join("")}`;
      const description = `${kind} che offre ${pick(ACTIVITIES)} e ${pick(ACTIVITIES)} a ${pick(RECIPIENTS)}. ${pick(PHRASES)} ${pick(PHRASES)} Referente: ${referent}.${tag}`;
      const eligibility = `Rivolto a ${pick(RECIPIENTS)} del territorio.`;
      const draw = random();
      const status = draw < (options.draftShare ?? 0.04) ? "DRAFT" : draw < (options.draftShare ?? 0.04) + (options.closedShare ?? 0.03) ? "TEMPORARILY_CLOSED" : "PUBLISHED";
      if (status !== "DRAFT") published += 1;

      const organizations = [pick(inputs.organizations)];
      if (random() < 0.3) {
        const partner = pick(inputs.organizations);
        if (partner.id !== organizations[0].id) organizations.push(partner);
      }
      organizations.forEach((organization, position) => links.push({ serviceId: id, organizationId: organization.id, isLead: position === 0 }));

      const serviceTerms = new Map<string, BulkInputs["terms"][number]>();
      for (let count = 1 + Math.floor(random() * 3); serviceTerms.size < count; ) {
        const term = pick(inputs.terms);
        serviceTerms.set(term.id, term);
        if (serviceTerms.size >= inputs.terms.length) break;
      }
      for (const term of serviceTerms.values()) terms.push({ serviceId: id, termId: term.id });

      const placeNames: string[] = [];
      for (let count = random() < 0.35 ? 2 : 1, n = 0; n < count; n += 1) {
        const comune = pick(inputs.comuni);
        const locationId = randomUUID();
        const address = `Via ${pick(STREETS)} ${1 + Math.floor(random() * 120)}`;
        places.push({
          id: locationId,
          organizationId: organizations[0].id,
          name: n === 0 ? "Sede" : "Sede distaccata",
          address,
          comuneId: comune.id,
          city: comune.name,
          latitude: Number((comune.latitude + (random() - 0.5) * 0.03).toFixed(6)),
          longitude: Number((comune.longitude + (random() - 0.5) * 0.04).toFixed(6)),
        });
        placeLinks.push({ id: randomUUID(), serviceId: id, locationId });
        placeNames.push(comune.name, `${comune.name} ${address}`);
        locations += 1;
      }

      const [opens, closes] = pick(HOURS);
      const firstDay = 1 + Math.floor(random() * 5);
      for (let day = firstDay; day <= Math.min(6, firstDay + Math.floor(random() * 4)); day += 1) {
        schedules.push({ id: randomUUID(), serviceId: id, weekday: day, opensAt: opens, closesAt: closes });
      }
      const costDraw = random();
      if (costDraw < 0.5) costs.push({ id: randomUUID(), serviceId: id, kind: "FREE" });
      else {
        costs.push({ id: randomUUID(), serviceId: id, kind: "FEE", amountCents: 500 * (1 + Math.floor(random() * 20)), amountDescription: "Quota mensile" });
        if (costDraw < 0.75) costs.push({ id: randomUUID(), serviceId: id, kind: "REDUCED", amountCents: 500, amountDescription: "Con ISEE sotto 15.000 euro" });
      }
      contacts.push({ id: randomUUID(), serviceId: id, name: referent, phone: `+39 031 ${String(100000 + index).slice(-6)}`, email: `info-${index}@servizi.twb.example` });

      const young = random() < 0.3;
      const languages = ["it", ...(random() < 0.3 ? [pick(LANGUAGES)] : [])];
      services.push({
        id,
        slug: `${prefix}-${index}-${slugify(name)}`.slice(0, 120),
        name,
        description,
        status,
        eligibilityDescription: eligibility,
        minimumAge: young ? 6 + Math.floor(random() * 6) : null,
        maximumAge: young ? 14 + Math.floor(random() * 5) : null,
        languages: `{${languages.join(",")}}`,
        searchText: buildSearchText({
          name,
          description,
          eligibilityDescription: eligibility,
          organizationNames: organizations.map((organization) => organization.name),
          termNames: [...serviceTerms.values()].flatMap((term) => [term.name, ...(term.parentName ? [term.parentName] : [])]),
          places: placeNames,
        }),
        publishedAt: status === "DRAFT" ? null : now,
      });
    }

    await insertRows(
      `INSERT INTO "Service" (id, slug, name, description, status, "eligibilityDescription", "minimumAge", "maximumAge", languages, "searchText", "publishedAt", "lastVerifiedAt", "updatedAt")
       SELECT id, slug, name, description, status::"ServiceStatus", "eligibilityDescription", "minimumAge", "maximumAge", languages::text[], "searchText", "publishedAt", now(), now()
       FROM json_to_recordset($1::json) AS r(id uuid, slug text, name text, description text, status text, "eligibilityDescription" text, "minimumAge" int, "maximumAge" int, languages text, "searchText" text, "publishedAt" timestamp)`,
      services,
    );
    await insertRows(
      `INSERT INTO "ServiceOrganization" ("serviceId", "organizationId", "isLead")
       SELECT "serviceId", "organizationId", "isLead" FROM json_to_recordset($1::json) AS r("serviceId" uuid, "organizationId" uuid, "isLead" boolean)`,
      links,
    );
    await insertRows(
      `INSERT INTO "Location" (id, "organizationId", name, address, "comuneId", city, latitude, longitude, "updatedAt")
       SELECT id, "organizationId", name, address, "comuneId", city, latitude, longitude, now()
       FROM json_to_recordset($1::json) AS r(id uuid, "organizationId" uuid, name text, address text, "comuneId" uuid, city text, latitude float8, longitude float8)`,
      places,
    );
    await insertRows(
      `INSERT INTO "ServiceAtLocation" (id, "serviceId", "locationId")
       SELECT id, "serviceId", "locationId" FROM json_to_recordset($1::json) AS r(id uuid, "serviceId" uuid, "locationId" uuid)`,
      placeLinks,
    );
    await insertRows(
      `INSERT INTO "Schedule" (id, "serviceId", weekday, "opensAt", "closesAt")
       SELECT id, "serviceId", weekday, "opensAt", "closesAt" FROM json_to_recordset($1::json) AS r(id uuid, "serviceId" uuid, weekday int, "opensAt" text, "closesAt" text)`,
      schedules,
    );
    await insertRows(
      `INSERT INTO "CostOption" (id, "serviceId", kind, "amountCents", "amountDescription")
       SELECT id, "serviceId", kind::"CostKind", "amountCents", "amountDescription" FROM json_to_recordset($1::json) AS r(id uuid, "serviceId" uuid, kind text, "amountCents" int, "amountDescription" text)`,
      costs,
    );
    await insertRows(
      `INSERT INTO "ServiceTaxonomyTerm" ("serviceId", "termId") SELECT "serviceId", "termId" FROM json_to_recordset($1::json) AS r("serviceId" uuid, "termId" uuid)`,
      terms,
    );
    await insertRows(
      `INSERT INTO "ServiceContact" (id, "serviceId", name, email, phone) SELECT id, "serviceId", name, email, phone FROM json_to_recordset($1::json) AS r(id uuid, "serviceId" uuid, name text, email text, phone text)`,
      contacts,
    );
  }
  return { services: options.count, locations, published, ms: performance.now() - started };
}

async function insertRows(sql: string, rows: Record<string, unknown>[]) {
  if (rows.length) await queryRawRows(sql, [JSON.stringify(rows)]);
}

/** What the triggers filled: services and places without their search vector or earth point (both should be 0), and the vocabulary's size. */
export async function triggerFilled() {
  const [row] = await queryRawRows<{ services: number; without_vector: number; locations: number; without_point: number; words: number }>(
    `SELECT (SELECT count(*) FROM "Service")::int AS services,
            (SELECT count(*) FROM "Service" s LEFT JOIN "ServiceSearch" ss ON ss.id = s.id WHERE ss."searchVector" IS NULL)::int AS without_vector,
            (SELECT count(*) FROM "Location")::int AS locations,
            (SELECT count(*) FROM "Location" WHERE "earthPoint" IS NULL)::int +
              (SELECT count(*) FROM "ServiceAtLocation" sl LEFT JOIN "ServicePlace" sp ON sp.id = sl.id WHERE sp."earthPoint" IS NULL)::int AS without_point,
            (SELECT count(*) FROM "SearchWord")::int AS words`,
  );
  return row;
}
