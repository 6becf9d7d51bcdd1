// The public catalogue over HTTP (issue #5): anyone searches and reads published services; drafts
// do not exist for the public; bad search input is a 400 with the reason; empty searches are
// recorded anonymously and shown to signed-in people only.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { insertService } from "~/models/service.server";
import { serviceSchema } from "~/schemas/service";
import type { RunningServer } from "../../../server/app";
import { createTestOrganization, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

const tag = `zp${randomUUID().replace(/[-\d]/g, "").slice(0, 6)}`;
let server: RunningServer;
const slugs: Record<"published" | "draft", string> = {} as never;
const cookies: Record<"member" | "coordinator", string> = {} as never;

beforeAll(async () => {
  server = await startTestServer();
  const organization = await createTestOrganization();
  const taxonomy = await prisma.taxonomy.create({ data: { name: `Tassonomia ${tag}`, description: "prova" } });
  const term = await prisma.taxonomyTerm.create({ data: { taxonomyId: taxonomy.id, code: `${tag}-t`, name: "Categoria", description: "prova" } });
  const comune = await prisma.comune.findFirstOrThrow();
  const input = (name: string) =>
    serviceSchema.parse({
      name,
      description: `Un servizio di prova (${tag}) con una descrizione lunga abbastanza.`,
      organizations: [{ organizationId: organization.id, isLead: true }],
      termIds: [term.id],
      locations: [{ name: "Sede", address: "Via Roma 1", city: comune.name, comuneId: comune.id, latitude: comune.latitude, longitude: comune.longitude }],
      weeklyHours: [{ weekday: 1, opensAt: "09:00", closesAt: "12:00" }],
      costs: [{ kind: "FREE" }],
      contacts: [{ phone: "+39 031 000 0000" }],
    });
  slugs.published = (await prisma.$transaction((tx) => insertService(tx, null, input(`Falegnameria sociale ${tag}`), { status: "PUBLISHED" }))).slug;
  slugs.draft = (await prisma.$transaction((tx) => insertService(tx, null, input(`Bozza riservata ${tag}`)))).slug;
  const [member, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "COORDINATOR" })]);
  cookies.member = await loginCookie(server.url, member.email, TEST_PASSWORD);
  cookies.coordinator = await loginCookie(server.url, coordinator.email, TEST_PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

describe("public catalogue pages", () => {
  it("finds a published service by a misspelled word, for anonymous visitors", async () => {
    const response = await get(`/catalogo?q=${encodeURIComponent(`falegnamerai ${tag}`)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Falegnameria sociale ${tag}`);
    expect(html).not.toContain(`Bozza riservata ${tag}`);
  });

  it("shows a published service's page to anyone, and a draft only to coordinators", async () => {
    const page = await get(`/catalogo/servizi/${slugs.published}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<h1 id="service-title">Falegnameria sociale ${tag}</h1>`);
    expect(html).toMatch(/Aperto ora|Chiuso ora/);
    expect(html).toContain("+39 031 000 0000");
    expect((await get(`/catalogo/servizi/${slugs.draft}`)).status).toBe(404);
    expect((await get(`/catalogo/servizi/${slugs.draft}`, cookies.member)).status).toBe(404);
    expect((await get(`/catalogo/servizi/${slugs.draft}`, cookies.coordinator)).status).toBe(200);
    expect((await get(`/catalogo/servizi/non-esiste-${tag}`)).status).toBe(404);
  });

  it("answers bad search input with 400 and the reason, next to the field", async () => {
    const badAge = await get("/catalogo?eta=tre");
    expect(badAge.status).toBe(400);
    expect(await badAge.text()).toContain('id="search-eta-error"');
    const unknownPlace = await get("/catalogo?vicino=Atlantide");
    expect(unknownPlace.status).toBe(400);
    expect(await unknownPlace.text()).toContain("Luogo non riconosciuto");
    expect((await get("/catalogo?dopo=garbage")).status).toBe(400);
  });

  it("records a search that found nothing, without the visitor, and shows it to signed-in people", async () => {
    const words = `ippodromo lunare ${tag}`;
    const response = await get(`/catalogo?q=${encodeURIComponent(words)}`, cookies.member);
    expect(response.status).toBe(200);
    const row = await prisma.unmetSearch.findFirst({ where: { query: words } });
    expect(row).not.toBeNull();
    expect(Object.keys(row!)).toEqual(["id", "query", "filters", "createdAt"]);
    expect((await get("/catalogo/ricerche-senza-risultati")).status).toBe(302);
    const list = await get("/catalogo/ricerche-senza-risultati", cookies.member);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(words);
  });
});
