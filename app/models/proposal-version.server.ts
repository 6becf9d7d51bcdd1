import { addMinutes, subMinutes } from "date-fns";
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

/** What a throttled history write did, and the earliest time another one could be due. */
export type ThrottledWrite = { written: boolean; notBefore: Date | null };

/**
 * Keeps an automatic version while people edit: called whenever the collaboration server stores
 * a proposal, it adds one only if the last version (of any kind) is older than
 * AUTOMATIC_VERSION_MINUTES. `notBefore` lets the caller skip asking again until then (null: the
 * proposal does not exist). The state is read only when a version is actually written.
 */
export async function createAutomaticVersionIfDue(proposalId: string, state: () => Uint8Array, now = new Date()): Promise<ThrottledWrite> {
  const latest = await prisma.proposalVersion.findFirst({ where: { proposalId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (latest && latest.createdAt > subMinutes(now, AUTOMATIC_VERSION_MINUTES)) {
    return { written: false, notBefore: addMinutes(latest.createdAt, AUTOMATIC_VERSION_MINUTES) };
  }
  if (!(await prisma.proposal.count({ where: { id: proposalId } }))) return { written: false, notBefore: null };
  await prisma.proposalVersion.create({ data: { proposalId, kind: "AUTOMATIC", state: new Uint8Array(state()), createdAt: now } });
  return { written: true, notBefore: addMinutes(now, AUTOMATIC_VERSION_MINUTES) };
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

/**
 * Notes in the lab's feed that someone edited a proposal's text, at most once per person every
 * EDIT_ACTIVITY_MINUTES; `notBefore` as for createAutomaticVersionIfDue.
 */
export async function recordProposalEdited(proposalId: string, userId: string, now = new Date()): Promise<ThrottledWrite> {
  const latest = await prisma.labActivity.findFirst({
    where: { proposalId, actorId: userId, kind: "proposal.edited" },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  if (latest && latest.createdAt > subMinutes(now, EDIT_ACTIVITY_MINUTES)) {
    return { written: false, notBefore: addMinutes(latest.createdAt, EDIT_ACTIVITY_MINUTES) };
  }
  const proposal = await prisma.proposal.findUnique({ where: { id: proposalId }, select: { labId: true, title: true } });
  if (!proposal) return { written: false, notBefore: null };
  await prisma.$transaction((tx) => recordLabActivity(tx, { labId: proposal.labId, actorId: userId, kind: "proposal.edited", proposalId, details: { title: proposal.title } }));
  return { written: true, notBefore: addMinutes(now, EDIT_ACTIVITY_MINUTES) };
}
