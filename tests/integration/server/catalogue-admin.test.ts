// The coordinators' side of the catalogue over HTTP (issue #5): who may enter it, creating a
// service with nested rows from a plain form post, editing it (with its history), the status
// actions, refused input that writes nothing, and a service from an approved proposal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createService } from "~/models/service.server";
import type { RunningServer } from "../../../server/app";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
const cookies: Record<"coordinator" | "member" | "facilitator", string> = {} as never;
let organizations: { id: string; name: string }[];
let terms: { id: string; name: string }[];
let comune: { id: string; name: string; latitude: number; longitude: number };
let existingSlug: string;
let approvedId: string;
let submittedId: string;
let labSlug: string;

beforeAll(async () => {
  server = await startTestServer();
  const [coordinator, member, facilitator] = await Promise.all([
    createTestUser({ role: "COORDINATOR", name: "Coordinatrice Catalogo" }),
    createTestUser(),
    createTestUser({ role: "FACILITATOR" }),
  ]);
  cookies.coordinator = await loginCookie(server.url, coordinator.email, TEST_PASSWORD);
  cookies.member = await loginCookie(server.url, member.email, TEST_PASSWORD);
  cookies.facilitator = await loginCookie(server.url, facilitator.email, TEST_PASSWORD);
  // The network, comuni and taxonomy are reference data: the server seeds them at start.
  organizations = await prisma.organization.findMany({ orderBy: { name: "asc" }, take: 3, select: { id: true, name: true } });
  terms = await prisma.taxonomyTerm.findMany({ where: { parentId: { not: null } }, orderBy: { code: "asc" }, take: 2, select: { id: true, name: true } });
  comune = await prisma.comune.findFirstOrThrow({ orderBy: { name: "asc" }, select: { id: true, name: true, latitude: true, longitude: true } });

  const existing = await createService(coordinator.id, {
    name: "Servizio già presente",
    description: "Un servizio inserito per controllare chi può modificarlo.",
    requiredDocuments: [],
    languages: ["it"],
    organizations: [{ organizationId: organizations[0].id, isLead: true }],
    locations: [],
    weeklyHours: [],
    exceptions: [],
    costs: [],
    contacts: [],
    termIds: [terms[0].id],
  });
  existingSlug = existing.slug;

  const lab = await createTestLab([{ userId: member.id, role: "MEMBER" }]);
  labSlug = lab.slug;
  const approved = await prisma.proposal.create({
    data: {
      labId: lab.id,
      title: "Sportello di prova per le famiglie",
      stage: "APPROVED",
      targetGroup: "Famiglie con figli in età scolare",
      ageMin: 6,
      ageMax: 14,
      decisionNote: "Approvata per la prova.",
      organizations: { create: [{ organizationId: organizations[1].id }, { organizationId: organizations[2].id }] },
      comuni: { create: [{ comuneId: comune.id }] },
    },
  });
  approvedId = approved.id;
  submittedId = (await prisma.proposal.create({ data: { labId: lab.id, title: "Proposta ancora presentata", stage: "SUBMITTED" } })).id;
});

afterAll(async () => {
  await server?.close();
});

type Who = keyof typeof cookies | "anonymous";
const headers = (who: Who): Record<string, string> => (who === "anonymous" ? {} : { cookie: cookies[who] });
const get = (path: string, who: Who) => fetch(`${server.url}${path}`, { headers: headers(who), redirect: "manual" });
const post = (path: string, who: Who, body: [string, string][]) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: headers(who), body: new URLSearchParams(body), redirect: "manual" });
/** The page's text with the few entities React writes decoded. */
const text = async (response: Response) =>
  (await response.text()).replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** A complete service form post with every kind of nested row. */
function fullForm(name: string): [string, string][] {
  return [
    ["intent", "save"],
    ["name", name],
    ["description", "Orientamento per le famiglie di ragazzi con DSA, ogni settimana su appuntamento."],
    ["eligibilityDescription", "Famiglie e insegnanti"],
    ["minimumAge", "6"],
    ["maximumAge", "16"],
    ["organizationIds", organizations[0].id],
    ["organizationIds", organizations[1].id],
    ["leadOrganizationId", organizations[1].id],
    ["languages", "it"],
    ["languages", "en"],
    ["termIds", terms[0].id],
    ["termIds", terms[1].id],
    ["applicationProcess", "Telefonare per un appuntamento."],
    ["requiredDocumentsText", "Documento d'identità\nDiagnosi, se c'è"],
    ["locations[0].name", "Sede principale"],
    ["locations[0].address", "Via Roma 1"],
    ["locations[0].postalCode", "22070"],
    ["locations[0].comuneId", comune.id],
    ["locations[0].city", ""],
    ["locations[0].latitude", ""],
    ["locations[0].longitude", ""],
    ["locations[0].accessibility", "Ingresso senza gradini"],
    ["locations[1].name", "Seconda sede"],
    ["locations[1].address", "Piazza Italia 2"],
    ["locations[1].city", "Como"],
    ["locations[1].latitude", "45,81"],
    ["locations[1].longitude", "9,08"],
    ["weeklyHours[0].weekday", "2"],
    ["weeklyHours[0].opensAt", "09:00"],
    ["weeklyHours[0].closesAt", "12:00"],
    ["weeklyHours[1].weekday", "4"],
    ["weeklyHours[1].opensAt", "14:30"],
    ["weeklyHours[1].closesAt", "17:30"],
    ["weeklyHours[1].validFrom", "2026-09-01"],
    ["weeklyHours[1].validTo", "2027-06-30"],
    ["exceptions[0].date", "2026-12-24"],
    ["exceptions[0].description", "Vigilia"],
    ["costs[0].kind", "FREE"],
    ["costs[1].kind", "REDUCED"],
    ["costs[1].amountEuro", "5,50"],
    ["costs[1].amountDescription", "ISEE sotto 15.000 €"],
    ["contacts[0].name", "Sportello"],
    ["contacts[0].phone", "031 123456"],
  ];
}

const replace = (form: [string, string][], changes: Record<string, string | null>) =>
  [...form.filter(([name]) => !(name in changes)), ...Object.entries(changes).flatMap(([name, value]) => (value === null ? [] : [[name, value] as [string, string]]))];

describe("catalogue management", () => {
  it("refuses people who are not coordinators on every page and action (403), and sends anonymous people to the login", async () => {
    const pages = ["/catalogo/gestione", "/catalogo/nuovo", `/catalogo/da-proposta/${approvedId}`, `/catalogo/servizi/${existingSlug}/modifica`, `/catalogo/servizi/${existingSlug}/storico`];
    for (const who of ["member", "facilitator"] as const) {
      for (const page of pages) expect((await get(page, who)).status, `${who} GET ${page}`).toBe(403);
      expect((await post("/catalogo/nuovo", who, fullForm("Intruso"))).status).toBe(403);
      expect((await post(`/catalogo/da-proposta/${approvedId}`, who, fullForm("Intruso"))).status).toBe(403);
      for (const intent of ["save", "publish", "unpublish", "close", "draft"]) {
        expect((await post(`/catalogo/servizi/${existingSlug}/modifica`, who, [...fullForm("Intruso").filter(([name]) => name !== "intent"), ["intent", intent], ["alert", "Chiuso"]])).status, intent).toBe(403);
      }
    }
    for (const page of pages) {
      const response = await get(page, "anonymous");
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toContain("/login");
    }
    expect(await prisma.service.count({ where: { name: "Intruso" } })).toBe(0);
    const existing = await prisma.service.findUniqueOrThrow({ where: { slug: existingSlug } });
    expect(existing.status).toBe("DRAFT");
    for (const page of pages) expect((await get(page, "coordinator")).status, page).toBe(200);
  });

  it("lists every service with its status, filters by status, and the approved proposals still to catalogue", async () => {
    const all = await text(await get("/catalogo/gestione", "coordinator"));
    expect(all).toContain("Servizio già presente");
    expect(all).toContain("Sportello di prova per le famiglie");
    expect(all).not.toContain("Proposta ancora presentata");
    expect(all).toContain(`/catalogo/da-proposta/${approvedId}`);
    expect(await text(await get("/catalogo/gestione?stato=PUBLISHED", "coordinator"))).not.toContain("Servizio già presente");
    expect(await text(await get("/catalogo/gestione?stato=DRAFT", "coordinator"))).toContain("Servizio già presente");
  });

  it("creates a service with nested rows from a plain form post, then edits it: the history has the changed fields", async () => {
    const created = await post("/catalogo/nuovo", "coordinator", fullForm("Sportello DSA di prova"));
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.replace("/catalogo/servizi/", "");
    const service = await prisma.service.findUniqueOrThrow({
      where: { slug },
      include: { organizations: true, locations: { include: { location: true } }, schedules: true, costs: true, contacts: true, terms: true },
    });
    expect(service).toMatchObject({ name: "Sportello DSA di prova", status: "DRAFT", minimumAge: 6, maximumAge: 16, languages: ["it", "en"], requiredDocuments: ["Documento d'identità", "Diagnosi, se c'è"] });
    expect(service.organizations.find((link) => link.isLead)?.organizationId).toBe(organizations[1].id);
    expect(service.organizations).toHaveLength(2);
    const places = ["Sede principale", "Seconda sede"].map((name) => service.locations.find(({ location }) => location.name === name)!.location);
    expect(places[0]).toMatchObject({ name: "Sede principale", city: comune.name, latitude: comune.latitude, longitude: comune.longitude, comuneId: comune.id, postalCode: "22070" });
    expect(places[1]).toMatchObject({ name: "Seconda sede", city: "Como", latitude: 45.81, longitude: 9.08 });
    expect(service.schedules).toHaveLength(3);
    expect(service.costs.map((cost) => [cost.kind, cost.amountCents, cost.amountDescription]).sort()).toEqual([
      ["FREE", null, null],
      ["REDUCED", 550, "ISEE sotto 15.000 €"],
    ]);
    expect(service.contacts).toMatchObject([{ name: "Sportello", phone: "031 123456" }]);
    expect(service.terms).toHaveLength(2);

    // The edit page starts from the stored values.
    const editPage = await text(await get(`/catalogo/servizi/${slug}/modifica`, "coordinator"));
    expect(editPage).toContain('value="Sportello DSA di prova"');
    expect(editPage).toContain("Documento d'identità\nDiagnosi, se c'è");

    const locationIds = places.map((place) => place.id);
    const edited = replace(fullForm("Sportello DSA di prova"), {
      "weeklyHours[0].closesAt": "12:30",
      "costs[1].amountEuro": "4",
      "maximumAge": "18",
      // The stored places keep their ids: edited in place, not recreated.
      "locations[0].id": service.locations.find(({ location }) => location.name === "Sede principale")!.locationId,
      "locations[1].id": service.locations.find(({ location }) => location.name === "Seconda sede")!.locationId,
    });
    const saved = await post(`/catalogo/servizi/${slug}/modifica`, "coordinator", edited);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/catalogo/servizi/${slug}`);
    const changes = await prisma.serviceChange.findMany({ where: { serviceId: service.id }, orderBy: { createdAt: "asc" } });
    expect(changes.map((change) => change.field).sort()).toEqual(["costs", "created", "maximumAge", "weeklyHours"]);
    const after = await prisma.serviceAtLocation.findMany({ where: { serviceId: service.id } });
    expect(after.map((link) => link.locationId).sort()).toEqual([...locationIds].sort());

    const history = await text(await get(`/catalogo/servizi/${slug}/storico`, "coordinator"));
    expect(history).toContain("Orari settimanali");
    expect(history).toContain("Martedì 09:00–12:30");
    expect(history).toContain("Martedì 09:00–12:00");
    expect(history).toContain("Coordinatrice Catalogo");
    expect(history).not.toContain('"opensAt"');
  });

  it("publishes, marks temporarily closed (only with a notice), withdraws and takes back to draft, each in the history", async () => {
    const path = `/catalogo/servizi/${existingSlug}/modifica`;
    const status = async () => (await prisma.service.findUniqueOrThrow({ where: { slug: existingSlug } })).status;

    const published = await post(path, "coordinator", [["intent", "publish"]]);
    expect(published.status).toBe(302);
    expect(published.headers.get("location")).toBe(`/catalogo/servizi/${existingSlug}`);
    expect(await status()).toBe("PUBLISHED");

    const withoutNotice = await post(path, "coordinator", [["intent", "close"], ["alert", "  "]]);
    expect(withoutNotice.status).toBe(400);
    expect(await text(withoutNotice)).toContain("Scrivi l'avviso da mostrare durante la chiusura.");
    expect(await status()).toBe("PUBLISHED");

    expect((await post(path, "coordinator", [["intent", "close"], ["alert", "Chiuso per lavori fino al 15 settembre"]])).status).toBe(302);
    const closed = await prisma.service.findUniqueOrThrow({ where: { slug: existingSlug } });
    expect(closed).toMatchObject({ status: "TEMPORARILY_CLOSED", alert: "Chiuso per lavori fino al 15 settembre" });

    expect((await post(path, "coordinator", [["intent", "unpublish"]])).status).toBe(302);
    expect(await status()).toBe("UNPUBLISHED");
    expect((await post(path, "coordinator", [["intent", "draft"]])).status).toBe(302);
    expect(await status()).toBe("DRAFT");

    const changes = await prisma.serviceChange.findMany({ where: { service: { slug: existingSlug }, field: "status" }, orderBy: { createdAt: "asc" } });
    expect(changes.map((change) => change.after)).toEqual(["PUBLISHED", "TEMPORARILY_CLOSED", "UNPUBLISHED", "DRAFT"]);
    const history = await text(await get(`/catalogo/servizi/${existingSlug}/storico`, "coordinator"));
    expect(history).toContain("Temporaneamente chiuso");
    expect(history).toContain("Chiuso per lavori fino al 15 settembre");
  });

  it("refuses invalid input with 400 and the messages next to the fields, keeps what was typed, and writes nothing", async () => {
    const before = { services: await prisma.service.count(), locations: await prisma.location.count(), changes: await prisma.serviceChange.count() };
    const invalid = replace(fullForm("Servizio da rifiutare"), {
      "weeklyHours[0].closesAt": "08:00",
      leadOrganizationId: null,
      "costs[1].amountDescription": null,
    });
    const response = await post("/catalogo/nuovo", "coordinator", invalid);
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("L'orario di chiusura deve venire dopo quello di apertura.");
    expect(page).toContain("Indica un solo ente capofila.");
    expect(page).toContain("Spiega a quali condizioni si ha la tariffa ridotta.");
    // Nothing typed is lost: the rows come back with their values.
    expect(page).toContain('value="Servizio da rifiutare"');
    expect(page).toContain('value="Piazza Italia 2"');
    expect(page).toContain('value="14:30"');

    const edit = await post(`/catalogo/servizi/${existingSlug}/modifica`, "coordinator", replace(fullForm("Servizio già presente"), { termIds: null, "contacts[0].phone": null }));
    expect(edit.status).toBe(400);
    const editPage = await text(edit);
    expect(editPage).toContain("Scegli almeno una categoria.");
    expect(editPage).toContain("Indica almeno un telefono o un'email.");

    const bogus = await post("/catalogo/nuovo", "coordinator", replace(fullForm("Servizio con ente inesistente"), { leadOrganizationId: "00000000-0000-4000-8000-000000000000" }));
    expect(bogus.status).toBe(400);

    expect({ services: await prisma.service.count(), locations: await prisma.location.count(), changes: await prisma.serviceChange.count() }).toEqual(before);
  });

  it("adds and removes rows without JavaScript: the server answers with the list changed and the rest as typed", async () => {
    const form = fullForm("Servizio senza JavaScript");
    const added = await post("/catalogo/nuovo", "coordinator", [...form, ["__intent__", JSON.stringify({ type: "insert", payload: { name: "locations" } })]]);
    expect(added.status).toBe(200);
    const page = await text(added);
    expect(page).toContain("Indirizzo (sede 3)");
    expect(page).toContain('value="Servizio senza JavaScript"');
    const removed = await post("/catalogo/nuovo", "coordinator", [...form, ["__intent__", JSON.stringify({ type: "remove", payload: { name: "weeklyHours", index: 0 } })]]);
    expect(removed.status).toBe(200);
    const afterRemove = await text(removed);
    expect(afterRemove).not.toContain("Giorno (orario 2)");
    expect(afterRemove).toContain('value="14:30"');
    expect(await prisma.service.count({ where: { name: "Servizio senza JavaScript" } })).toBe(0);
  });

  it("creates a service from an approved proposal, once; refuses a proposal that is not approved", async () => {
    const refused = await get(`/catalogo/da-proposta/${submittedId}`, "coordinator");
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("Solo le proposte approvate diventano servizi del catalogo");
    expect((await post(`/catalogo/da-proposta/${submittedId}`, "coordinator", fullForm("Da proposta non approvata"))).status).toBe(409);
    expect(await prisma.service.count({ where: { proposalId: submittedId } })).toBe(0);

    const proposalPage = `/laboratori/${labSlug}/proposte/${approvedId}`;
    expect(await text(await get(proposalPage, "coordinator"))).toContain("Pubblica come servizio");
    expect(await text(await get(proposalPage, "member"))).not.toContain("Pubblica come servizio");

    const draft = await text(await get(`/catalogo/da-proposta/${approvedId}`, "coordinator"));
    expect(draft).toContain('value="Sportello di prova per le famiglie"');
    expect(draft).toContain("Famiglie con figli in età scolare");

    const created = await post(`/catalogo/da-proposta/${approvedId}`, "coordinator", fullForm("Sportello di prova per le famiglie"));
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.replace("/catalogo/servizi/", "");
    const service = await prisma.service.findUniqueOrThrow({ where: { slug } });
    expect(service.proposalId).toBe(approvedId);
    const activity = await prisma.labActivity.findFirst({ where: { proposalId: approvedId, kind: "proposal.catalogued" } });
    expect(activity?.details).toMatchObject({ serviceSlug: slug });

    const again = await get(`/catalogo/da-proposta/${approvedId}`, "coordinator");
    expect(again.status).toBe(409);
    const againPage = await text(again);
    expect(againPage).toContain("Da questa proposta è già nato un servizio");
    expect(againPage).toContain(`href="/catalogo/servizi/${slug}"`);
    expect((await post(`/catalogo/da-proposta/${approvedId}`, "coordinator", fullForm("Un secondo servizio"))).status).toBe(409);
    expect(await prisma.service.count({ where: { proposalId: approvedId } })).toBe(1);

    // Both ways: the proposal links to its service for everyone who sees it, and the lab's feed says so.
    for (const who of ["coordinator", "member"] as const) {
      const page = await text(await get(proposalPage, who));
      expect(page).toContain("Servizio nel catalogo");
      expect(page).toContain(`href="/catalogo/servizi/${slug}"`);
      expect(page).not.toContain("Pubblica come servizio");
    }
    expect(await text(await get(`/laboratori/${labSlug}`, "member"))).toContain("un servizio del catalogo");
  });

  it("deletes a draft that was never published, once confirmed; its proposal is back on the list; published ones are not deletable", async () => {
    const lab = await createTestLab([]);
    const proposal = await prisma.proposal.create({ data: { labId: lab.id, title: "Proposta per una bozza da eliminare", stage: "APPROVED" } });
    const created = await post(`/catalogo/da-proposta/${proposal.id}`, "coordinator", fullForm("Bozza da eliminare"));
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.replace("/catalogo/servizi/", "");
    const service = await prisma.service.findUniqueOrThrow({ where: { slug }, include: { locations: true } });
    expect(service.status).toBe("DRAFT");
    const locationIds = service.locations.map((link) => link.locationId);
    expect(locationIds.length).toBeGreaterThan(0);
    const edit = `/catalogo/servizi/${slug}/modifica`;
    expect(await text(await get(edit, "coordinator"))).toContain("Elimina la bozza");

    for (const who of ["member", "facilitator"] as const) expect((await post(edit, who, [["intent", "delete"], ["confirm", "yes"]])).status).toBe(403);
    const unconfirmed = await post(edit, "coordinator", [["intent", "delete"]]);
    expect(unconfirmed.status).toBe(400);
    const unconfirmedPage = await text(unconfirmed);
    expect(unconfirmedPage).toMatch(/<ul id="delete-confirm-error" class="field-errors"><li>Spunta la conferma per eliminare la bozza.<\/li><\/ul>/);
    expect(unconfirmedPage).toContain('aria-describedby="delete-confirm-error"');
    expect(await prisma.service.count({ where: { slug } })).toBe(1);

    const deleted = await post(edit, "coordinator", [["intent", "delete"], ["confirm", "yes"]]);
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/catalogo/gestione");
    expect(await prisma.service.count({ where: { slug } })).toBe(0);
    expect(await prisma.location.count({ where: { id: { in: locationIds } } })).toBe(0);
    expect(await prisma.serviceChange.count({ where: { serviceId: service.id } })).toBe(0);
    expect(await text(await get("/catalogo/gestione", "coordinator"))).toContain("Proposta per una bozza da eliminare");
    const feed = await prisma.labActivity.findMany({ where: { proposalId: proposal.id }, orderBy: { createdAt: "asc" } });
    expect(feed.map((entry) => entry.kind)).toEqual(["proposal.catalogued", "proposal.uncatalogued"]);
    expect(feed[0].details).not.toHaveProperty("serviceSlug");
    expect((await get(edit, "coordinator")).status).toBe(404);

    // Published once, even if back in draft now: withdrawn, never deleted.
    const edited = `/catalogo/servizi/${existingSlug}/modifica`;
    expect((await post(edited, "coordinator", [["intent", "publish"]])).status).toBe(302);
    expect((await post(edited, "coordinator", [["intent", "draft"]])).status).toBe(302);
    expect(await text(await get(edited, "coordinator"))).not.toContain("Elimina la bozza");
    expect((await post(edited, "coordinator", [["intent", "delete"], ["confirm", "yes"]])).status).toBe(403);
    expect(await prisma.service.count({ where: { slug: existingSlug } })).toBe(1);
  });

  it("answers 404 for an unknown service or proposal", async () => {
    expect((await get("/catalogo/servizi/non-esiste/modifica", "coordinator")).status).toBe(404);
    expect((await get("/catalogo/servizi/non-esiste/storico", "coordinator")).status).toBe(404);
    expect((await get("/catalogo/da-proposta/non-un-uuid", "coordinator")).status).toBe(404);
    expect((await get("/catalogo/da-proposta/00000000-0000-4000-8000-000000000000", "coordinator")).status).toBe(404);
  });
});
