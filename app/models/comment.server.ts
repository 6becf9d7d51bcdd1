import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { findMentions } from "~/utils/mentions";
import { messageKey } from "~/utils/messages";
import { announceToDocument } from "~/services/live-documents.server";
import { recordLabActivity } from "./lab.server";
import { proposalDocumentName } from "./proposal.server";

type Tx = Prisma.TransactionClient;

/** Where a thread sits in the text: Yjs relative positions of the passage's start and end. */
export type ThreadAnchor = { from: unknown; to: unknown };

/** A proposal's comment threads with their comments, oldest first. */
export function listCommentThreads(proposalId: string) {
  return prisma.commentThread.findMany({
    where: { proposalId },
    orderBy: { createdAt: "asc" },
    include: {
      createdBy: { select: { id: true, name: true } },
      resolvedBy: { select: { id: true, name: true } },
      comments: { orderBy: { createdAt: "asc" }, include: { author: { select: { id: true, name: true } } } },
    },
  });
}

/** One thread of a proposal (for policy checks), or null. */
export function getCommentThread(proposalId: string, threadId: string) {
  return prisma.commentThread.findFirst({ where: { id: threadId, proposalId }, select: { id: true, createdById: true, resolvedAt: true } });
}

async function notifyMentions(tx: Tx, input: { proposalId: string; labId: string; labSlug: string; proposalTitle: string; authorId: string; authorName: string; body: string }) {
  const members = await tx.labMember.findMany({ where: { labId: input.labId }, select: { user: { select: { id: true, name: true } } } });
  const mentioned = findMentions(input.body, members.map((member) => member.user)).filter((userId) => userId !== input.authorId);
  if (mentioned.length === 0) return [];
  await tx.notification.createMany({
    data: mentioned.map((userId) => ({
      userId,
      kind: "comment.mention",
      title: messageKey("notifications.mentioned", { name: input.authorName, title: input.proposalTitle }),
      link: `/laboratori/${input.labSlug}/proposte/${input.proposalId}#comments`,
    })),
  });
  return mentioned;
}

type CommentAuthor = { id: string; name: string };
type ProposalRef = { id: string; title: string; lab: { id: string; slug: string } };

/** Starts a thread on a passage with its first comment; mentioned lab members are notified. */
export async function createCommentThread(author: CommentAuthor, proposal: ProposalRef, input: { anchor: ThreadAnchor; quote: string; body: string }) {
  const created = await prisma.$transaction(async (tx) => {
    const thread = await tx.commentThread.create({
      data: {
        proposalId: proposal.id,
        anchor: input.anchor as Prisma.InputJsonValue,
        quote: input.quote,
        createdById: author.id,
        comments: { create: { authorId: author.id, body: input.body } },
      },
    });
    const mentioned = await notifyMentions(tx, { proposalId: proposal.id, labId: proposal.lab.id, labSlug: proposal.lab.slug, proposalTitle: proposal.title, authorId: author.id, authorName: author.name, body: input.body });
    await recordLabActivity(tx, { labId: proposal.lab.id, actorId: author.id, kind: "comment.added", proposalId: proposal.id, details: { title: proposal.title } });
    return { thread, mentioned };
  });
  announceCommentsChanged(proposal.id);
  return created;
}

/** People with the proposal open see comment changes without reloading. */
function announceCommentsChanged(proposalId: string) {
  announceToDocument(proposalDocumentName(proposalId), { type: "comments" });
}

/** Adds a reply to a thread (reopening it if it was resolved); mentioned lab members are notified. */
export async function replyToThread(author: CommentAuthor, proposal: ProposalRef, threadId: string, body: string) {
  const replied = await prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { threadId, authorId: author.id, body } });
    await tx.commentThread.update({ where: { id: threadId }, data: { resolvedAt: null, resolvedById: null } });
    const mentioned = await notifyMentions(tx, { proposalId: proposal.id, labId: proposal.lab.id, labSlug: proposal.lab.slug, proposalTitle: proposal.title, authorId: author.id, authorName: author.name, body });
    await recordLabActivity(tx, { labId: proposal.lab.id, actorId: author.id, kind: "comment.added", proposalId: proposal.id, details: { title: proposal.title } });
    return { comment, mentioned };
  });
  announceCommentsChanged(proposal.id);
  return replied;
}

/** Resolves or reopens a thread. */
export async function setThreadResolved(actorId: string, threadId: string, resolved: boolean) {
  const thread = await prisma.commentThread.update({
    where: { id: threadId },
    data: resolved ? { resolvedAt: new Date(), resolvedById: actorId } : { resolvedAt: null, resolvedById: null },
  });
  announceCommentsChanged(thread.proposalId);
  return thread;
}
