import type { JSONContent } from "@tiptap/core";
import type { ProposalStage } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { proposalTemplate } from "~/editor/schema/template";
import { jsonToYjsState } from "~/editor/schema/ydoc.server";
import { transitionNeedsNote } from "~/policies";
import { emitAccessChange } from "~/services/access-events.server";
import { messageKey } from "~/utils/messages";
import { loadDocumentState } from "./collab-document.server";
import { recordLabActivity } from "./lab.server";

/** The collaborative document of a proposal on /collab. */
export const proposalDocumentName = (proposalId: string) => `proposal:${proposalId}`;

/** The first stored state of a proposal's document, holding `content` (ProseMirror JSON). */
export function initialProposalDocument(proposalId: string, content: JSONContent) {
  return { name: proposalDocumentName(proposalId), state: new Uint8Array(jsonToYjsState(content)) };
}

/** Starts a proposal in a lab with the welfare-product template as its text. */
export function createProposal(actorId: string, labId: string, input: { title: string; content?: JSONContent }, locale: "it" | "en" = "it") {
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.create({ data: { labId, title: input.title, authorId: actorId } });
    // The first snapshot is written with the row, so the document exists as soon as the proposal does.
    await tx.collabDocument.create({ data: initialProposalDocument(proposal.id, input.content ?? proposalTemplate(locale)) });
    await recordLabActivity(tx, { labId, actorId, kind: "proposal.created", proposalId: proposal.id, details: { title: proposal.title } });
    return proposal;
  });
}

/** A proposal with its lab, fields, people and history. */
export function getProposal(id: string) {
  return prisma.proposal.findUnique({
    where: { id },
    include: {
      lab: { select: { id: true, slug: true, title: true, status: true } },
      author: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
      comuni: { include: { comune: { select: { id: true, name: true } } }, orderBy: { comune: { name: "asc" } } },
      organizations: { include: { organization: { select: { id: true, name: true, slug: true } } }, orderBy: { organization: { name: "asc" } } },
      transitions: { include: { actor: { select: { id: true, name: true } } }, orderBy: { createdAt: "desc" } },
    },
  });
}

/** A proposal's lab and stage only: what access decisions need. */
export function getProposalAccessContext(id: string) {
  return prisma.proposal.findUnique({
    where: { id },
    select: { id: true, stage: true, authorId: true, lab: { select: { id: true, status: true } } },
  });
}

/** The proposals of a lab, newest first, for its board. */
export function listLabProposals(labId: string) {
  return prisma.proposal.findMany({
    where: { labId },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true, stage: true, updatedAt: true, author: { select: { name: true } } },
  });
}

/** Proposals waiting for a coordinator's decision across the network, oldest first. */
export function listProposalsAwaitingDecision() {
  return prisma.proposal.findMany({
    where: { stage: { in: ["SUBMITTED", "UNDER_EVALUATION"] } },
    orderBy: { updatedAt: "asc" },
    select: { id: true, title: true, stage: true, updatedAt: true, lab: { select: { slug: true, title: true } }, author: { select: { name: true } } },
  });
}

export type ProposalFields = {
  title: string;
  targetGroup?: string;
  ageMin?: number;
  ageMax?: number;
  estimatedCostCents?: number;
  comuneIds: string[];
  organizationIds: string[];
};

/** Saves the structured fields kept beside the text. */
export function updateProposalFields(actorId: string, proposalId: string, fields: ProposalFields) {
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.update({
      where: { id: proposalId },
      data: {
        title: fields.title,
        targetGroup: fields.targetGroup ?? null,
        ageMin: fields.ageMin ?? null,
        ageMax: fields.ageMax ?? null,
        estimatedCostCents: fields.estimatedCostCents ?? null,
        comuni: { deleteMany: {}, create: fields.comuneIds.map((comuneId) => ({ comuneId })) },
        organizations: { deleteMany: {}, create: fields.organizationIds.map((organizationId) => ({ organizationId })) },
      },
    });
    await recordLabActivity(tx, { labId: proposal.labId, actorId, kind: "proposal.fields_updated", proposalId, details: { title: proposal.title } });
    return proposal;
  });
}

export class StaleStageError extends Error {}
export class NoteRequiredError extends Error {}

export type MoveInput = { to: ProposalStage; note?: string; approvedCostCents?: number; startPeriod?: string };

/**
 * Moves a proposal to another stage (the caller has asked the policy): records who, when, from,
 * to and the note; freezes a version of the text; notifies the lab; and makes open documents
 * follow the new rights. Refuses if someone else moved it meanwhile.
 */
export async function moveProposal(actorId: string, proposalId: string, from: ProposalStage, input: MoveInput) {
  if (transitionNeedsNote(from, input.to) && !input.note?.trim()) throw new NoteRequiredError();
  const state = await loadDocumentState(proposalDocumentName(proposalId));
  const decision = input.to === "APPROVED" || input.to === "REJECTED";
  const proposal = await prisma.$transaction(async (tx) => {
    const moved = await tx.proposal.updateMany({
      where: { id: proposalId, stage: from },
      data: {
        stage: input.to,
        ...(decision
          ? {
              decisionNote: input.note ?? null,
              decidedById: actorId,
              decidedAt: new Date(),
              approvedCostCents: input.to === "APPROVED" ? (input.approvedCostCents ?? null) : null,
              startPeriod: input.to === "APPROVED" ? (input.startPeriod ?? null) : null,
            }
          : {}),
      },
    });
    if (moved.count !== 1) throw new StaleStageError();
    const proposal = await tx.proposal.findUniqueOrThrow({
      where: { id: proposalId },
      select: { id: true, title: true, labId: true, lab: { select: { slug: true, members: { select: { userId: true } } } } },
    });
    await tx.proposalTransition.create({ data: { proposalId, actorId, from, to: input.to, note: input.note ?? null } });
    if (state) {
      await tx.proposalVersion.create({
        data: { proposalId, kind: "STAGE", name: `${from} → ${input.to}`, state: new Uint8Array(state), createdById: actorId },
      });
    }
    await recordLabActivity(tx, { labId: proposal.labId, actorId, kind: "proposal.moved", proposalId, details: { title: proposal.title, from, to: input.to } });
    const recipients = proposal.lab.members.map((member) => member.userId).filter((userId) => userId !== actorId);
    if (recipients.length) {
      await tx.notification.createMany({
        data: recipients.map((userId) => ({
          userId,
          kind: "proposal.moved",
          title: messageKey("notifications.proposalMoved", { title: proposal.title, stage: input.to }),
          link: `/laboratori/${proposal.lab.slug}/proposte/${proposalId}`,
        })),
      });
    }
    return proposal;
  });
  emitAccessChange({ labId: proposal.labId, proposalId });
  return proposal;
}
