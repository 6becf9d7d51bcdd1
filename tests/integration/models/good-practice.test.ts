import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  addPracticeAttachment,
  createPractice,
  defaultReviewDate,
  getPracticeAttachment,
  getPracticeBySlug,
  listPractices,
  listPracticesToReview,
  listPracticeTags,
  removePracticeAttachment,
  returnPractice,
  StalePracticeStatusError,
  startLabFromPractice,
  submitPractice,
  TooManyAttachmentsError,
  updatePractice,
  validatePractice,
} from "~/models/good-practice.server";
import { getLabMembership } from "~/models/lab.server";
import type { Actor } from "~/policies";
import { ATTACHMENTS_PER_PRACTICE_MAX, type GoodPracticeInput } from "~/schemas/good-practice";
import { seedNetwork } from "../../../prisma/seed/seed";
import { DEMO_PRACTICES } from "../../../prisma/seed/good-practices";
import { createTestOrganization, createTestUser } from "../../support/factories";

const actorOf = (user: { id: string; role: NonNullable<Actor>["role"] }): Actor => ({ id: user.id, role: user.role, organizationIds: [] });
const unique = () => Math.random().toString(36).slice(2, 8);

function input(overrides: Partial<GoodPracticeInput> & { organizationIds: string[] }): GoodPracticeInput {
  return {
    title: `Pratica ${unique()}`,
    context: "Un contesto abbastanza lungo da descrivere il bisogno.",
    collaborationPattern: "Chi fa che cosa, e come si coordina con gli altri.",
    resources: "Due educatori",
    outcomes: "Risultati misurati",
    evidence: "Un questionario",
    contactName: "Ada",
    contactEmail: undefined,
    tags: [],
    serviceIds: [],
    ...overrides,
  };
}

describe("good practices", () => {
  it("a member submits, a coordinator returns it with a note, the member resubmits, the coordinator validates it for a year", async () => {
    const [member, coordinator, organization] = await Promise.all([createTestUser(), createTestUser({ role: "COORDINATOR" }), createTestOrganization()]);
    const practice = await createPractice(member.id, input({ title: "Città solidale, perché no", organizationIds: [organization.id] }));
    expect(practice).toMatchObject({ status: "SUBMITTED", submittedById: member.id, slug: expect.stringMatching(/^citta-solidale-perche-no/) });

    await returnPractice(coordinator.id, practice.id, "Aggiungete i dati di esito.");
    expect(await prisma.goodPractice.findUniqueOrThrow({ where: { id: practice.id } })).toMatchObject({ status: "RETURNED", reviewNote: "Aggiungete i dati di esito." });
    await expect(returnPractice(coordinator.id, practice.id, "ancora")).rejects.toBeInstanceOf(StalePracticeStatusError);

    await updatePractice(practice.id, input({ title: "Città solidale, perché no", outcomes: "Trenta famiglie", organizationIds: [organization.id] }));
    await submitPractice(member.id, practice.id);
    await expect(submitPractice(member.id, practice.id)).rejects.toBeInstanceOf(StalePracticeStatusError);

    const before = Date.now();
    await validatePractice(coordinator.id, practice.id);
    const validated = await prisma.goodPractice.findUniqueOrThrow({ where: { id: practice.id } });
    expect(validated).toMatchObject({ status: "VALIDATED", validatedById: coordinator.id, reviewNote: null, outcomes: "Trenta famiglie", slug: practice.slug });
    expect(validated.reviewDueAt!.getTime()).toBeGreaterThanOrEqual(defaultReviewDate(new Date(before)).getTime());
    expect(validated.reviewDueAt!.getTime() - before).toBeGreaterThan(364 * 86_400_000);
  });

  it("tells the coordinators when a practice is submitted or resubmitted, and its submitter when it is returned or validated", async () => {
    const [member, coordinator, admin, retired, organization] = await Promise.all([
      createTestUser(),
      createTestUser({ role: "COORDINATOR" }),
      createTestUser({ role: "ADMIN" }),
      createTestUser({ role: "COORDINATOR" }),
      createTestOrganization(),
    ]);
    await prisma.user.update({ where: { id: retired.id }, data: { deactivatedAt: new Date() } });
    const title = `Orti condivisi ${unique()}`;
    const practice = await createPractice(member.id, input({ title, organizationIds: [organization.id] }));
    const link = `/buone-prassi/${practice.slug}`;
    const notices = async (userId: string) =>
      (await prisma.notification.findMany({ where: { userId, link } })).map((notification) => `${notification.kind} ${notification.link}`).sort();
    expect(await notices(coordinator.id)).toEqual([`goodPractice.practiceSubmitted ${link}`]);
    expect(await notices(admin.id)).toEqual([`goodPractice.practiceSubmitted ${link}`]);
    expect(await notices(member.id)).toEqual([]);

    await returnPractice(coordinator.id, practice.id, "Manca il referente.");
    await submitPractice(member.id, practice.id);
    await validatePractice(admin.id, practice.id);
    expect(await notices(member.id)).toEqual([`goodPractice.practiceReturned ${link}`, `goodPractice.practiceValidated ${link}`]);
    // Whoever acted is not told about their own move; a deactivated coordinator is told nothing.
    expect(await notices(coordinator.id)).toEqual([`goodPractice.practiceResubmitted ${link}`, `goodPractice.practiceSubmitted ${link}`]);
    expect(await notices(admin.id)).toEqual([`goodPractice.practiceResubmitted ${link}`, `goodPractice.practiceSubmitted ${link}`]);
    expect(await notices(retired.id)).toEqual([]);
    const [first] = await prisma.notification.findMany({ where: { userId: member.id, kind: "goodPractice.practiceReturned", link } });
    expect(first.title).toBe(`notifications.practiceReturned?${new URLSearchParams({ title })}`);
  });

  it("lists validated practices to everyone, one's own to their submitter, everything to coordinators", async () => {
    const [member, other, coordinator, organization] = await Promise.all([createTestUser(), createTestUser(), createTestUser({ role: "COORDINATOR" }), createTestOrganization()]);
    const marker = unique();
    const open = await createPractice(member.id, input({ title: `Pubblica ${marker}`, organizationIds: [organization.id] }));
    await validatePractice(coordinator.id, open.id);
    const pending = await createPractice(member.id, input({ title: `In attesa ${marker}`, organizationIds: [organization.id] }));
    const titles = async (actor: Actor) => (await listPractices(actor, { q: marker })).map((practice) => practice.title).sort();

    expect(await titles(null)).toEqual([`Pubblica ${marker}`]);
    expect(await titles(actorOf(other))).toEqual([`Pubblica ${marker}`]);
    expect(await titles(actorOf(member))).toEqual([`In attesa ${marker}`, `Pubblica ${marker}`]);
    expect(await titles(actorOf(coordinator))).toEqual([`In attesa ${marker}`, `Pubblica ${marker}`]);
    expect((await listPractices(actorOf(coordinator), { q: marker, status: "SUBMITTED" })).map((practice) => practice.id)).toEqual([pending.id]);
  });

  it("searches title, context and tags whatever the case and accents, and filters by organization and tag", async () => {
    const [member, coordinator, school, association] = await Promise.all([
      createTestUser(),
      createTestUser({ role: "COORDINATOR" }),
      createTestOrganization(),
      createTestOrganization(),
    ]);
    const marker = unique();
    const first = await createPractice(
      member.id,
      input({ title: `Perché la CITTÀ ${marker}`, context: "Un'attività nel comune di Faloppio con le famiglie.", tags: ["dsa", "scuola"], organizationIds: [school.id] }),
    );
    const second = await createPractice(member.id, input({ title: `Altro ${marker}`, tags: ["povertà"], organizationIds: [association.id] }));
    for (const practice of [first, second]) await validatePractice(coordinator.id, practice.id);
    const found = async (filter: Parameters<typeof listPractices>[1]) => (await listPractices(null, filter)).map((practice) => practice.id);

    expect(await found({ q: `perche citta ${marker}` })).toEqual([first.id]);
    expect(await found({ q: `Città ${marker.toUpperCase()}` })).toEqual([first.id]);
    expect(await found({ q: `attivita faloppio ${marker}` })).toEqual([first.id]);
    expect(await found({ q: `poverta ${marker}` })).toEqual([second.id]);
    expect(await found({ q: `nessuna-parola-${marker}` })).toEqual([]);
    expect(await found({ q: marker, organization: association.slug })).toEqual([second.id]);
    expect(await found({ q: marker, tag: "SCUOLA" })).toEqual([first.id]);
    expect(await listPracticeTags(null)).toEqual(expect.arrayContaining(["dsa", "povertà", "scuola"]));
  });

  it("flags validated practices past their review date and lists them, with submitted ones, for the coordinators", async () => {
    const [member, coordinator, organization] = await Promise.all([createTestUser(), createTestUser({ role: "COORDINATOR" }), createTestOrganization()]);
    const marker = unique();
    const overdue = await createPractice(member.id, input({ title: `Scaduta ${marker}`, organizationIds: [organization.id] }));
    await validatePractice(coordinator.id, overdue.id, new Date(Date.now() - 86_400_000));
    const current = await createPractice(member.id, input({ title: `In corso ${marker}`, organizationIds: [organization.id] }));
    await validatePractice(coordinator.id, current.id);
    const waiting = await createPractice(member.id, input({ title: `Nuova ${marker}`, organizationIds: [organization.id] }));

    expect((await listPractices(null, { q: marker, overdue: true })).map((practice) => practice.id)).toEqual([overdue.id]);
    const toReview = (await listPracticesToReview()).map((practice) => practice.id);
    expect(toReview).toEqual(expect.arrayContaining([overdue.id, waiting.id]));
    expect(toReview).not.toContain(current.id);

    // Renewing the validation sets a new date and takes it off the list.
    await validatePractice(coordinator.id, overdue.id);
    expect((await listPracticesToReview()).map((practice) => practice.id)).not.toContain(overdue.id);
  });

  it("stores attachments with their bytes, up to a maximum per practice", async () => {
    const [member, organization] = await Promise.all([createTestUser(), createTestOrganization()]);
    const practice = await createPractice(member.id, input({ organizationIds: [organization.id] }));
    const content = new TextEncoder().encode("Relazione di valutazione");
    const attachment = await addPracticeAttachment(practice.id, { fileName: "relazione.txt", contentType: "text/plain", content });
    expect(attachment).toMatchObject({ fileName: "relazione.txt", size: content.byteLength });
    const stored = await getPracticeAttachment(practice.id, attachment.id);
    expect(Buffer.from(stored!.content).toString("utf8")).toBe("Relazione di valutazione");
    expect((await getPracticeBySlug(practice.slug))!.attachments).toEqual([expect.objectContaining({ id: attachment.id, fileName: "relazione.txt" })]);

    for (let index = 1; index < ATTACHMENTS_PER_PRACTICE_MAX; index++) {
      await addPracticeAttachment(practice.id, { fileName: `f${index}.txt`, contentType: "text/plain", content });
    }
    await expect(addPracticeAttachment(practice.id, { fileName: "troppi.txt", contentType: "text/plain", content })).rejects.toBeInstanceOf(TooManyAttachmentsError);
    expect(await removePracticeAttachment(practice.id, attachment.id)).toBe(true);
    expect(await removePracticeAttachment(practice.id, attachment.id)).toBe(false);
  });

  it("starts a lab from a practice through createLab: title, challenge, organizations, facilitator and the link back", async () => {
    const [member, facilitator, coordinator, school, cooperative] = await Promise.all([
      createTestUser(),
      createTestUser({ role: "FACILITATOR" }),
      createTestUser({ role: "COORDINATOR" }),
      createTestOrganization({ kind: "ISTITUTO_SCOLASTICO" }),
      createTestOrganization(),
    ]);
    const practice = await createPractice(
      member.id,
      input({ title: "Doposcuola condiviso tra scuola e cooperativa", context: "I ragazzi restano soli al pomeriggio.", outcomes: "Quaranta ragazzi seguiti.", organizationIds: [school.id, cooperative.id] }),
    );
    await validatePractice(coordinator.id, practice.id);

    const lab = await startLabFromPractice(facilitator.id, practice.id);
    expect(lab).toMatchObject({ title: practice.title, originPracticeId: practice.id, createdById: facilitator.id });
    expect(lab.challenge).toContain("I ragazzi restano soli al pomeriggio.");
    expect(lab.challenge).toContain("Quaranta ragazzi seguiti.");
    expect(await getLabMembership(lab.id, facilitator.id)).toEqual({ role: "FACILITATOR" });
    expect((await prisma.labOrganization.findMany({ where: { labId: lab.id } })).map((entry) => entry.organizationId).sort()).toEqual([school.id, cooperative.id].sort());
    expect((await prisma.labActivity.findMany({ where: { labId: lab.id } })).map((entry) => entry.kind)).toEqual(["lab.created"]);
    expect((await getPracticeBySlug(practice.slug))!.labs.map((entry) => entry.lab.id)).toEqual([lab.id]);
  });

  it("the demo seed adds validated practices of the network once, one of them past its review date", async () => {
    await seedNetwork(prisma, { demo: true });
    await seedNetwork(prisma, { demo: true });
    const seeded = await prisma.goodPractice.findMany({
      where: { slug: { in: DEMO_PRACTICES.map((practice) => practice.slug) } },
      include: { organizations: true, labs: true, services: { include: { service: { select: { slug: true } } } } },
    });
    expect(seeded).toHaveLength(DEMO_PRACTICES.length);
    expect(seeded.every((practice) => practice.status === "VALIDATED" && practice.validatedById && practice.organizations.length >= 2)).toBe(true);
    const dsa = seeded.find((practice) => practice.slug === DEMO_PRACTICES[0].slug)!;
    expect(dsa.labs).toHaveLength(1);
    expect(seeded.filter((practice) => practice.reviewDueAt! < new Date())).toHaveLength(1);
    // Services are linked only where the catalogue seed has them.
    for (const practice of seeded) {
      const wanted = DEMO_PRACTICES.find((candidate) => candidate.slug === practice.slug)!.services;
      expect(practice.services.every((entry) => wanted.includes(entry.service.slug))).toBe(true);
    }
  });
});
