import { subMinutes } from "date-fns";
import { prisma } from "~/db.server";
import { replaceDocumentContent } from "~/editor/schema/replace-content.server";
import { yjsStateToJson } from "~/editor/schema/ydoc.server";
import { changeDocument } from "~/services/live-documents.server";
import { loadDocumentState } from "./collab-document.server";
import { recordLabActivity } from "./lab.server";
import { proposalDocumentName } from "./proposal.server";

/** At most one automatic version per proposal in this many minutes of editing. */
export const AUTOMATIC_VERSION_MINUTES = 10;

/** A proposal's versions, newest first (without their contents). */
export function listProposalVersions(proposalId: string) {
  return prisma.proposalVersion.findMany({
    where: { proposalId },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, name: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/** One version with its text as ProseMirror JSON, or null. */
export async function getProposalVersion(proposalId: string, versionId: string) {
  const version = await prisma.proposalVersion.findFirst({
    where: { id: versionId, proposalId },
    include: { createdBy: { select: { name: true } } },
  });
  if (!version) return null;
  const { state, ...rest } = version;
  return { ...rest, content: yjsStateToJson(new Uint8Array(state)) };
}

/** The current text of a proposal as ProseMirror JSON. */
export async function getCurrentProposalContent(proposalId: string) {
  const state = await loadDocumentState(proposalDocumentName(proposalId));
  return state ? yjsStateToJson(state) : { type: "doc", content: [] };
}

/** Freezes the current text under a name chosen by a lab member. */
export async function createNamedVersion(actorId: string, proposalId: string, name: string) {
  const state = await loadDocumentState(proposalDocumentName(proposalId));
  if (!state) throw new Error(`Proposal ${proposalId} has no document`);
  return prisma.$transaction(async (tx) => {
    const version = await tx.proposalVersion.create({ data: { proposalId, kind: "NAMED", name, state: new Uint8Array(state), createdById: actorId } });
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { labId: true, title: true } });
    await recordLabActivity(tx, { labId: proposal.labId, actorId, kind: "proposal.version_named", proposalId, details: { title: proposal.title, name } });
    return version;
  });
}

/**
 * Keeps an automatic version while people edit: called whenever the collaboration server stores
 * a proposal, it adds one only if the last version is older than AUTOMATIC_VERSION_MINUTES.
 */
export async function createAutomaticVersionIfDue(proposalId: string, state: Uint8Array, now = new Date()): Promise<boolean> {
  const recent = await prisma.proposalVersion.count({ where: { proposalId, createdAt: { gt: subMinutes(now, AUTOMATIC_VERSION_MINUTES) } } });
  if (recent > 0) return false;
  if (!(await prisma.proposal.count({ where: { id: proposalId } }))) return false;
  await prisma.proposalVersion.create({ data: { proposalId, kind: "AUTOMATIC", state: new Uint8Array(state) } });
  return true;
}

/**
 * Brings back the text of a version as a new change on top of the current one: the current text
 * is first kept as a version of its own, so nothing is ever lost.
 */
export async function restoreProposalVersion(actorId: string, proposalId: string, versionId: string) {
  const version = await getProposalVersion(proposalId, versionId);
  if (!version) return false;
  const documentName = proposalDocumentName(proposalId);
  const current = await loadDocumentState(documentName);
  if (current) {
    await prisma.proposalVersion.create({ data: { proposalId, kind: "RESTORE", state: new Uint8Array(current), createdById: actorId } });
  }
  await changeDocument(documentName, (document) => replaceDocumentContent(document, version.content));
  await prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { labId: true, title: true } });
    await recordLabActivity(tx, { labId: proposal.labId, actorId, kind: "proposal.version_restored", proposalId, details: { title: proposal.title, name: version.name ?? "" } });
  });
  return true;
}

/** At most one "edited" entry per person and proposal in this many minutes of the lab's feed. */
export const EDIT_ACTIVITY_MINUTES = 30;

/** Notes in the lab's feed that someone edited a proposal's text (throttled per person). */
export async function recordProposalEdited(proposalId: string, userId: string, now = new Date()): Promise<boolean> {
  const recent = await prisma.labActivity.count({
    where: { proposalId, actorId: userId, kind: "proposal.edited", createdAt: { gt: subMinutes(now, EDIT_ACTIVITY_MINUTES) } },
  });
  if (recent > 0) return false;
  const proposal = await prisma.proposal.findUnique({ where: { id: proposalId }, select: { labId: true, title: true } });
  if (!proposal) return false;
  await prisma.$transaction((tx) => recordLabActivity(tx, { labId: proposal.labId, actorId: userId, kind: "proposal.edited", proposalId, details: { title: proposal.title } }));
  return true;
}
