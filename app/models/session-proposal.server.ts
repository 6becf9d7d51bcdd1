import type { JSONContent } from "@tiptap/core";
import { prisma } from "~/db.server";
import { proposalTemplate } from "~/editor/schema/template";
import type { RoomState } from "~/sessions/room-state";
import { recordLabActivity } from "./lab.server";
import { initialProposalDocument } from "./proposal.server";

// From the board to a proposal (issue #4): one click turns a card, or a cluster with its cards,
// into a new draft proposal of the session's lab, its need section seeded with the cards' texts.

/** Which ideas the proposal starts from: some cards, or a cluster (with every card in it). */
export type CardSelection = { cardIds: string[] } | { clusterId: string };

export class NoCardsError extends Error {
  constructor() {
    super("None of the chosen cards or clusters is on the board");
    this.name = "NoCardsError";
  }
}

const TITLE_MAX = 80;
const INTRO = {
  it: (title: string) => `Idee raccolte nella sessione «${title}»:`,
  en: (title: string) => `Ideas gathered in the session "${title}":`,
};

/** A card's text as a title: its first line, cut at a word before TITLE_MAX characters. */
export function titleFromText(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0].replace(/\s+/g, " ");
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/** The welfare-product template with the cards' texts as a bullet list in its first section (the need). */
export function seededProposalContent(texts: string[], sessionTitle: string, locale: "it" | "en" = "it"): JSONContent {
  const template = proposalTemplate(locale);
  const content = [...(template.content ?? [])];
  // The first section is a heading and its guiding question: the cards go right after them.
  content.splice(
    2,
    0,
    { type: "paragraph", content: [{ type: "text", text: INTRO[locale](sessionTitle) }] },
    {
      type: "bulletList",
      content: texts.map((text) => ({ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text }] }] })),
    },
  );
  return { ...template, content };
}

/**
 * Starts a draft proposal in a session's lab from cards of its board (the caller has asked the
 * policy): titled with the cluster's name or the first card's text, its text the welfare-product
 * template with the cards seeded into the need section, linked to the session, recorded in the
 * lab's feed. Anonymous cards bring their text only; a card still hidden from the actor (someone
 * else's anonymous card before the reveal) is left out. Throws NoCardsError when nothing is left.
 */
export async function createProposalFromCards(actorId: string, sessionId: string, selection: CardSelection, locale: "it" | "en" = "it") {
  const session = await prisma.labSession.findUniqueOrThrow({ where: { id: sessionId }, select: { id: true, title: true, labId: true, roomState: true } });
  const room = session.roomState as unknown as RoomState;
  const visible = (room.cards ?? []).filter((card) => !card.anonymous || room.cardsRevealed || card.authorId === actorId);
  let title: string;
  let cards: typeof visible;
  if ("clusterId" in selection) {
    const cluster = (room.clusters ?? []).find((entry) => entry.id === selection.clusterId);
    cards = cluster ? visible.filter((card) => card.clusterId === cluster.id) : [];
    if (!cluster || cards.length === 0) throw new NoCardsError();
    title = titleFromText(cluster.name);
  } else {
    // In the order they were picked, each once.
    cards = [...new Set(selection.cardIds)].flatMap((id) => visible.filter((card) => card.id === id));
    if (cards.length === 0) throw new NoCardsError();
    title = titleFromText(cards[0].text);
  }
  const content = seededProposalContent(
    cards.map((card) => card.text),
    session.title,
    locale,
  );
  return prisma.$transaction(async (tx) => {
    const proposal = await tx.proposal.create({ data: { labId: session.labId, title, authorId: actorId, originSessionId: session.id } });
    await tx.collabDocument.create({ data: initialProposalDocument(proposal.id, content) });
    await recordLabActivity(tx, {
      labId: session.labId,
      actorId,
      kind: "proposal.created_from_session",
      proposalId: proposal.id,
      details: { title, session: session.title, sessionId: session.id, cards: cards.length },
    });
    return proposal;
  });
}
