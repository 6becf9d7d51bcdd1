import type { Env } from "../../app/env.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { roomAgendaOf } from "../../app/models/lab-session.server";
import { initialProposalDocument } from "../../app/models/proposal.server";
import { hashPassword } from "../../app/services/password.server";
import { createRoomState } from "../../app/sessions/room-state";
import { romeWallClockToInstant } from "../../app/utils/dates";
import { seedCatalogueServices, seedTaxonomy } from "./catalogue";
import { APPROVED_PROPOSAL, DEMO_LAB, DEMO_PROPOSAL, DEMO_SESSION } from "./demo-lab";
import { seedGoodPractices } from "./good-practices";
import { COMUNI, DEMO_PASSWORD, DEMO_USERS, ORGANIZATIONS } from "./network-data";

/** Demo accounts exist only on the embedded database or when SEED_DEMO=1 asks for them. */
export function wantsDemoAccounts(env: Pick<Env, "databaseKind" | "SEED_DEMO">): boolean {
  return env.databaseKind === "embedded" || env.SEED_DEMO;
}

/**
 * Seeds the network on an empty or partial database. Idempotent: it only adds what is missing
 * and never overwrites what the network's admins changed since.
 */
export async function seedNetwork(prisma: PrismaClient, { demo }: { demo: boolean }) {
  const comuneIds = new Map<string, { id: string; latitude: number; longitude: number }>();
  for (const comune of COMUNI) {
    const row = await prisma.comune.upsert({ where: { slug: comune.slug }, create: comune, update: {} });
    comuneIds.set(comune.slug, row);
  }

  const organizationIds = new Map<string, string>();
  for (const { comune, ...organization } of ORGANIZATIONS) {
    const seat = comune ? comuneIds.get(comune) : undefined;
    const row = await prisma.organization.upsert({
      where: { slug: organization.slug },
      create: { ...organization, comuneId: seat?.id, latitude: seat?.latitude, longitude: seat?.longitude },
      update: {},
    });
    organizationIds.set(organization.slug, row.id);
  }

  const termIds = await seedTaxonomy(prisma);
  if (!demo) return { demoUsers: 0 };
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demoUser of DEMO_USERS) {
    if (await prisma.user.findUnique({ where: { email: demoUser.email }, select: { id: true } })) continue;
    const organizationId = demoUser.organization ? organizationIds.get(demoUser.organization) : undefined;
    await prisma.user.create({
      data: {
        email: demoUser.email,
        name: demoUser.name,
        role: demoUser.role,
        languages: demoUser.languages,
        passwordHash,
        memberships: organizationId ? { create: { organizationId, title: demoUser.title } } : undefined,
      },
    });
    created++;
  }
  await seedDemoLab(prisma);
  await seedDemoSession(prisma);
  await seedApprovedProposal(prisma);
  await seedCatalogueServices(prisma, termIds);
  await seedGoodPractices(prisma);
  return { demoUsers: created };
}

/** The demo lab with its organizations, people and one proposal in co-design; only if missing. */
async function seedDemoLab(prisma: PrismaClient) {
  if (await prisma.lab.findUnique({ where: { slug: DEMO_LAB.slug }, select: { id: true } })) return;
  const organizations = await prisma.organization.findMany({ where: { slug: { in: [...DEMO_LAB.organizations, ...DEMO_PROPOSAL.organizations] } } });
  const organizationId = (slug: string) => organizations.find((organization) => organization.slug === slug)!.id;
  const people = await prisma.user.findMany({ where: { email: { in: DEMO_LAB.members.map((member) => member.email) } } });
  const facilitator = people.find((person) => person.email === "facilitatore@twb.example");
  const comuni = await prisma.comune.findMany({ where: { slug: { in: DEMO_PROPOSAL.comuni } } });

  await prisma.$transaction(async (tx) => {
    const lab = await tx.lab.create({
      data: {
        slug: DEMO_LAB.slug,
        title: DEMO_LAB.title,
        challenge: DEMO_LAB.challenge,
        createdById: facilitator?.id,
        organizations: { create: DEMO_LAB.organizations.map((slug) => ({ organizationId: organizationId(slug) })) },
        members: {
          create: DEMO_LAB.members.flatMap((member) => {
            const person = people.find((candidate) => candidate.email === member.email);
            return person ? [{ userId: person.id, role: member.role }] : [];
          }),
        },
      },
    });
    const proposal = await tx.proposal.create({
      data: {
        labId: lab.id,
        title: DEMO_PROPOSAL.title,
        stage: "CO_DESIGN",
        authorId: facilitator?.id,
        targetGroup: DEMO_PROPOSAL.targetGroup,
        ageMin: DEMO_PROPOSAL.ageMin,
        ageMax: DEMO_PROPOSAL.ageMax,
        estimatedCostCents: DEMO_PROPOSAL.estimatedCostCents,
        comuni: { create: comuni.map((comune) => ({ comuneId: comune.id })) },
        organizations: { create: DEMO_PROPOSAL.organizations.map((slug) => ({ organizationId: organizationId(slug) })) },
        transitions: { create: { from: "DRAFT", to: "CO_DESIGN", actorId: facilitator?.id } },
      },
    });
    await tx.collabDocument.create({ data: initialProposalDocument(proposal.id, DEMO_PROPOSAL.content) });
    await tx.labActivity.createMany({
      data: [
        { labId: lab.id, actorId: facilitator?.id, kind: "lab.created", details: { title: lab.title } },
        { labId: lab.id, actorId: facilitator?.id, kind: "proposal.created", proposalId: proposal.id, details: { title: proposal.title } },
        { labId: lab.id, actorId: facilitator?.id, kind: "proposal.moved", proposalId: proposal.id, details: { title: proposal.title, from: "DRAFT", to: "CO_DESIGN" } },
      ],
    });
  });
}

/** The demo lab's approved proposal, decided by the coordinator, waiting to become a service; only if missing. */
async function seedApprovedProposal(prisma: PrismaClient) {
  const lab = await prisma.lab.findUnique({ where: { slug: DEMO_LAB.slug }, select: { id: true, proposals: { where: { title: APPROVED_PROPOSAL.title }, select: { id: true } } } });
  if (!lab || lab.proposals.length) return;
  const [facilitator, coordinator] = await Promise.all([
    prisma.user.findUnique({ where: { email: "facilitatore@twb.example" }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: "coordinatore@twb.example" }, select: { id: true } }),
  ]);
  const organizations = await prisma.organization.findMany({ where: { slug: { in: APPROVED_PROPOSAL.organizations } }, select: { id: true, slug: true } });
  const comuni = await prisma.comune.findMany({ where: { slug: { in: APPROVED_PROPOSAL.comuni } }, select: { id: true } });
  const path = ["DRAFT", "CO_DESIGN", "SUBMITTED", "UNDER_EVALUATION", "APPROVED"] as const;
  await prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.create({
      data: {
        labId: lab.id,
        title: APPROVED_PROPOSAL.title,
        stage: "APPROVED",
        authorId: facilitator?.id,
        targetGroup: APPROVED_PROPOSAL.targetGroup,
        ageMin: APPROVED_PROPOSAL.ageMin,
        ageMax: APPROVED_PROPOSAL.ageMax,
        estimatedCostCents: APPROVED_PROPOSAL.estimatedCostCents,
        approvedCostCents: APPROVED_PROPOSAL.approvedCostCents,
        startPeriod: APPROVED_PROPOSAL.startPeriod,
        decisionNote: APPROVED_PROPOSAL.decisionNote,
        decidedById: coordinator?.id,
        decidedAt: new Date(),
        comuni: { create: comuni.map((comune) => ({ comuneId: comune.id })) },
        organizations: { create: APPROVED_PROPOSAL.organizations.flatMap((slug) => organizations.filter((row) => row.slug === slug).map((row) => ({ organizationId: row.id }))) },
        transitions: {
          create: path.slice(1).map((to, index) => ({ from: path[index], to, actorId: to === "APPROVED" || to === "UNDER_EVALUATION" ? coordinator?.id : facilitator?.id })),
        },
      },
    });
    await tx.collabDocument.create({ data: initialProposalDocument(proposal.id, APPROVED_PROPOSAL.content) });
    await tx.labActivity.createMany({
      data: [
        { labId: lab.id, actorId: facilitator?.id, kind: "proposal.created", proposalId: proposal.id, details: { title: proposal.title } },
        { labId: lab.id, actorId: coordinator?.id, kind: "proposal.moved", proposalId: proposal.id, details: { title: proposal.title, from: "UNDER_EVALUATION", to: "APPROVED" } },
      ],
    });
  });
}

/** The demo lab's next session, with its agenda, invitations and two ideas written beforehand; only if the lab has none. */
async function seedDemoSession(prisma: PrismaClient, now = new Date()) {
  const lab = await prisma.lab.findUnique({
    where: { slug: DEMO_LAB.slug },
    select: { id: true, _count: { select: { sessions: true } }, members: { select: { userId: true, role: true, user: { select: { email: true } } } }, proposals: { select: { id: true, title: true } } },
  });
  if (!lab || lab._count.sessions > 0) return;
  const place = await prisma.organization.findUnique({ where: { slug: DEMO_SESSION.place }, select: { id: true } });
  const facilitator = lab.members.find((member) => member.role === "FACILITATOR");
  const proposal = lab.proposals.find((candidate) => candidate.title === DEMO_PROPOSAL.title);
  const day = new Date(now.getTime() + DEMO_SESSION.daysAhead * 86_400_000).toISOString().slice(0, 10);
  const userIdOf = (email: string) => lab.members.find((member) => member.user.email === email)?.userId;

  await prisma.$transaction(async (tx) => {
    const session = await tx.labSession.create({
      data: {
        labId: lab.id,
        title: DEMO_SESSION.title,
        goal: DEMO_SESSION.goal,
        startsAt: romeWallClockToInstant(day, DEMO_SESSION.time),
        durationMinutes: DEMO_SESSION.durationMinutes,
        placeOrganizationId: place?.id ?? null,
        placeDetails: DEMO_SESSION.placeDetails,
        createdById: facilitator?.userId ?? null,
        roomState: {},
        agendaItems: {
          create: DEMO_SESSION.agenda.map((item, position) => ({
            position,
            title: item.title,
            timeboxMinutes: item.minutes,
            proposalId: item.onProposal ? (proposal?.id ?? null) : null,
          })),
        },
        invitations: {
          create: lab.members.map((member) => (member.userId === facilitator?.userId ? { userId: member.userId, response: "YES" as const, respondedAt: now } : { userId: member.userId })),
        },
      },
      include: { agendaItems: { orderBy: { position: "asc" } } },
    });
    const roomState = createRoomState({
      agenda: roomAgendaOf(session.agendaItems),
      cards: DEMO_SESSION.prework.flatMap((card, index) => {
        const authorId = userIdOf(card.author);
        return authorId ? [{ id: `prework-${index + 1}`, authorId, text: card.text, anonymous: card.anonymous, createdAt: now.getTime() }] : [];
      }),
    });
    await tx.labSession.update({ where: { id: session.id }, data: { roomState } });
    await tx.labActivity.create({
      data: { labId: lab.id, actorId: facilitator?.userId, kind: "session.scheduled", details: { title: session.title, sessionId: session.id, startsAt: session.startsAt.toISOString() } },
    });
  });
}
