// The good-practice pages over HTTP (issue #5): who sees which practice, who validates, and
// attachments refused for size or type without any write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createPractice, validatePractice } from "~/models/good-practice.server";
import { ATTACHMENT_MAX_BYTES } from "~/schemas/good-practice";
import type { RunningServer } from "../../../server/app";
import { createTestOrganization, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
const cookies: Record<"submitter" | "other" | "coordinator" | "facilitator", string> = {} as never;
let organizationId: string;
let submitterId: string;
let coordinatorId: string;
const marker = `m${Date.now().toString(36)}`;

beforeAll(async () => {
  server = await startTestServer();
  const [submitter, other, coordinator, facilitator, organization] = await Promise.all([
    createTestUser(),
    createTestUser(),
    createTestUser({ role: "COORDINATOR" }),
    createTestUser({ role: "FACILITATOR" }),
    createTestOrganization(),
  ]);
  organizationId = organization.id;
  submitterId = submitter.id;
  coordinatorId = coordinator.id;
  const people = { submitter, other, coordinator, facilitator };
  for (const [key, person] of Object.entries(people)) cookies[key as keyof typeof cookies] = await loginCookie(server.url, person.email, TEST_PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

type Who = keyof typeof cookies | "anonymous";
const get = (path: string, who: Who) => fetch(`${server.url}${path}`, { headers: who === "anonymous" ? {} : { cookie: cookies[who] }, redirect: "manual" });
const post = (path: string, who: Who, body: URLSearchParams | FormData) =>
  fetch(`${server.url}${path}`, { method: "POST", body, headers: who === "anonymous" ? {} : { cookie: cookies[who] }, redirect: "manual" });

const practiceFields = (title: string) =>
  new URLSearchParams([
    ["title", title],
    ["context", "Un contesto abbastanza lungo da descrivere il bisogno del territorio."],
    ["collaborationPattern", "Chi fa che cosa, e come si coordina con gli altri servizi."],
    ["resources", "Due educatori"],
    ["outcomes", "Risultati misurati"],
    ["evidence", "Un questionario alle famiglie"],
    ["contactName", "Ada"],
    ["tags", "prova, http"],
    ["organizationIds", organizationId],
  ]);

async function submittedPractice(title: string) {
  return createPractice(submitterId, {
    title,
    context: "Un contesto abbastanza lungo da descrivere il bisogno.",
    collaborationPattern: "Chi fa che cosa, e come si coordina.",
    resources: "Due educatori",
    outcomes: "Risultati misurati",
    evidence: "Un questionario",
    contactName: "Ada",
    tags: [],
    organizationIds: [organizationId],
    serviceIds: [],
  });
}

describe("good practices over HTTP", () => {
  it("a member submits a practice; bad input gets Italian messages next to the fields and writes nothing", async () => {
    const before = await prisma.goodPractice.count();
    const bad = practiceFields("No");
    bad.delete("organizationIds");
    bad.set("contactEmail", "non-una-email");
    const refused = await post("/buone-prassi/nuova", "submitter", bad);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Troppo corto: almeno 5 caratteri.");
    expect(html).toContain("Scegli almeno un&#x27;organizzazione coinvolta.");
    expect(html).toContain("Inserisci un indirizzo email valido.");
    expect(await prisma.goodPractice.count()).toBe(before);

    expect((await post("/buone-prassi/nuova", "anonymous", practiceFields(`Anonima ${marker}`))).status).toBe(302);
    expect(await prisma.goodPractice.count()).toBe(before);

    const created = await post("/buone-prassi/nuova", "submitter", practiceFields(`Inviata via HTTP ${marker}`));
    expect(created.status).toBe(302);
    const practice = await prisma.goodPractice.findFirstOrThrow({ where: { title: `Inviata via HTTP ${marker}` } });
    expect(created.headers.get("location")).toBe(`/buone-prassi/${practice.slug}`);
    expect(practice).toMatchObject({ status: "SUBMITTED", submittedById: submitterId, tags: ["prova", "http"] });
  });

  it("anonymous visitors see validated practices only; the submitter sees their own; coordinators see all", async () => {
    const pending = await submittedPractice(`In attesa ${marker}`);
    const open = await submittedPractice(`Validata ${marker}`);
    await validatePractice(coordinatorId, open.id);

    const anonymousList = await (await get(`/buone-prassi?q=${marker}`, "anonymous")).text();
    expect(anonymousList).toContain(`Validata ${marker}`);
    expect(anonymousList).not.toContain(`In attesa ${marker}`);
    expect((await get(`/buone-prassi/${open.slug}`, "anonymous")).status).toBe(200);
    const anonymousPending = await get(`/buone-prassi/${pending.slug}`, "anonymous");
    expect(anonymousPending.status).toBe(302);
    expect(anonymousPending.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    expect((await get(`/buone-prassi/${pending.slug}`, "other")).status).toBe(403);
    expect(await (await get(`/buone-prassi?q=${marker}`, "other")).text()).not.toContain(`In attesa ${marker}`);
    expect((await get(`/buone-prassi/${pending.slug}`, "submitter")).status).toBe(200);
    expect(await (await get(`/buone-prassi?q=${marker}`, "submitter")).text()).toContain(`In attesa ${marker}`);
    expect((await get(`/buone-prassi/${pending.slug}`, "coordinator")).status).toBe(200);
    expect((await get(`/buone-prassi/${pending.slug}/modifica`, "other")).status).toBe(403);
    expect((await get(`/buone-prassi/${open.slug}/modifica`, "submitter")).status).toBe(403);
    expect((await get(`/buone-prassi/non-esiste-${marker}`, "anonymous")).status).toBe(404);
  });

  it("only coordinators validate, with a review date; the badge shows it", async () => {
    const practice = await submittedPractice(`Da validare ${marker}`);
    const path = `/buone-prassi/${practice.slug}`;
    expect((await post(path, "submitter", new URLSearchParams({ intent: "validate" }))).status).toBe(403);
    expect((await post(path, "facilitator", new URLSearchParams({ intent: "validate" }))).status).toBe(403);
    expect((await prisma.goodPractice.findUniqueOrThrow({ where: { id: practice.id } })).status).toBe("SUBMITTED");

    const past = await post(path, "coordinator", new URLSearchParams({ intent: "validate", reviewDueAt: "2000-01-01" }));
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("Scegli una data tra domani e 5 anni da oggi.");

    const reviewDueAt = `${new Date().getFullYear() + 2}-03-15`;
    expect((await post(path, "coordinator", new URLSearchParams({ intent: "validate", reviewDueAt }))).status).toBe(302);
    const validated = await prisma.goodPractice.findUniqueOrThrow({ where: { id: practice.id } });
    expect(validated).toMatchObject({ status: "VALIDATED", validatedById: coordinatorId });
    expect(validated.reviewDueAt!.toISOString().slice(0, 10)).toBe(reviewDueAt);
    expect(await (await get(path, "anonymous")).text()).toContain(`Validata · revisione entro il 15 mar ${new Date().getFullYear() + 2}`);

    // The facilitator may start a lab from it and lands on the new lab.
    const started = await post(path, "facilitator", new URLSearchParams({ intent: "start-lab" }));
    expect(started.status).toBe(302);
    const lab = await prisma.lab.findFirstOrThrow({ where: { originPracticeId: practice.id } });
    expect(started.headers.get("location")).toBe(`/laboratori/${lab.slug}`);
    expect((await post(path, "other", new URLSearchParams({ intent: "start-lab" }))).status).toBe(403);
  });

  it("attachments: the submitter uploads an allowed file and anyone who sees the practice downloads it", async () => {
    const practice = await submittedPractice(`Con allegato ${marker}`);
    const path = `/buone-prassi/${practice.slug}`;
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File(["%PDF-1.4 relazione"], "Relazione finale è.pdf", { type: "application/pdf" }));
    const uploaded = await post(path, "submitter", form);
    expect(uploaded.status).toBe(302);
    const [attachment] = await prisma.goodPracticeAttachment.findMany({ where: { practiceId: practice.id } });
    expect(attachment).toMatchObject({ fileName: "Relazione finale è.pdf", contentType: "application/pdf", size: 18 });

    const download = await get(`${path}/allegati/${attachment.id}`, "submitter");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Relazione finale _.pdf"; filename*=UTF-8''Relazione%20finale%20%C3%A8.pdf`);
    expect(await download.text()).toBe("%PDF-1.4 relazione");
    expect((await get(`${path}/allegati/${attachment.id}`, "other")).status).toBe(403);
    expect((await get(`${path}/allegati/${attachment.id}`, "anonymous")).status).toBe(302);
  });

  it("attachments too big or of a refused type are refused with a message, and nothing is written", async () => {
    const practice = await submittedPractice(`Allegati rifiutati ${marker}`);
    const path = `/buone-prassi/${practice.slug}`;
    const upload = (file: File, who: Who = "submitter") => {
      const form = new FormData();
      form.set("intent", "upload");
      form.set("file", file);
      return post(path, who, form);
    };

    const big = await upload(new File([new Uint8Array(ATTACHMENT_MAX_BYTES + 1)], "grande.pdf", { type: "application/pdf" }));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Il file è troppo grande: al massimo 5 MB.");

    const html = await upload(new File(["<script>alert(1)</script>"], "pagina.html", { type: "text/html" }));
    expect(html.status).toBe(415);
    expect(await html.text()).toContain("Tipo di file non ammesso");
    expect((await upload(new File(["<svg/>"], "logo.svg", { type: "image/svg+xml" }))).status).toBe(415);

    expect((await upload(new File(["ok"], "ok.txt", { type: "text/plain" }), "other")).status).toBe(403);
    expect(await prisma.goodPracticeAttachment.count({ where: { practiceId: practice.id } })).toBe(0);
  });

  it("a coordinator returns a practice with a note; it leaves the public list and its submitter may edit it again", async () => {
    const practice = await submittedPractice(`Da restituire ${marker}`);
    await validatePractice(coordinatorId, practice.id);
    const path = `/buone-prassi/${practice.slug}`;
    expect((await post(path, "coordinator", new URLSearchParams({ intent: "return" }))).status).toBe(400);
    expect((await post(path, "coordinator", new URLSearchParams({ intent: "return", note: "Mancano i dati di esito." }))).status).toBe(302);
    expect((await get(path, "anonymous")).status).toBe(302);
    const page = await (await get(path, "submitter")).text();
    expect(page).toContain("Mancano i dati di esito.");
    expect(page).toContain("Ripresenta per la validazione");
    expect((await get(`${path}/modifica`, "submitter")).status).toBe(200);
    expect((await post(path, "submitter", new URLSearchParams({ intent: "resubmit" }))).status).toBe(302);
    expect((await prisma.goodPractice.findUniqueOrThrow({ where: { id: practice.id } })).status).toBe("SUBMITTED");
    // Each side hears of the other's move in its notifications, with a link to the practice.
    const submitterNotices = await (await get("/notifiche", "submitter")).text();
    expect(submitterNotices).toContain(`La tua buona prassi «Da restituire ${marker}» ti è stata restituita con una nota`);
    expect(submitterNotices).toContain(`name="next" value="${path}"`);
    expect(await (await get("/notifiche", "coordinator")).text()).toContain(`La buona prassi «Da restituire ${marker}» è stata ripresentata per la validazione.`);
  });
});
