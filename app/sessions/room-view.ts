import { allowedRoomCommands, type RoomActor } from "~/policies/session";
import type { RoomCommandType } from "./room-commands";
import {
  timerElapsedMs,
  type ActionItem,
  type AgendaItem,
  type Ballot,
  type Cluster,
  type ConsentAnswer,
  type PhaseTimer,
  type RoomFocus,
  type RoomState,
  type SessionStatus,
} from "./room-state";
import { ballotOf, dotsUsed, tallyVotes } from "./room-votes";

// What one participant of a live session may see (issue #4). The server broadcasts a view per
// viewer, never the state: anonymous authors, hidden cards, other people's dots before the reveal
// and the names of objectors stay on the server.

export type CardView = {
  id: string;
  /** Null for anonymous cards, for everyone but the author (facilitators included). */
  authorId: string | null;
  mine: boolean;
  anonymous: boolean;
  /** Null while hidden: someone else's anonymous card before the cards are revealed. */
  text: string | null;
  hidden: boolean;
  clusterId: string | null;
  createdAt: number;
};

export type TimerView = PhaseTimer & {
  elapsedMs: number;
  remainingMs: number;
  /** Time run past the end (shown to the facilitator as "over by"). */
  overrunMs: number;
  expired: boolean;
};

export type VotingView = {
  status: "closed" | "open" | "ended";
  round: number;
  budget: number;
  maxPerCard: number;
  countsRevealed: boolean;
  /** The viewer's own dots per target. */
  myDots: Ballot;
  dotsLeft: number;
  /** How many people have put at least one dot (shows participation without showing choices). */
  voters: number;
  /** Total dots per target, only once the facilitator reveals the counts. */
  totals: Record<string, number> | null;
};

export type ConsentRoundView = {
  id: string;
  question: string;
  status: "open" | "closed";
  outcome: "adopted" | "not-adopted" | null;
  cardId: string | null;
  clusterId: string | null;
  openedAt: number;
  closedAt: number | null;
  counts: Record<ConsentAnswer, number>;
  myResponse: { answer: ConsentAnswer; reason: string | null } | null;
  /** Every objection with its reason; who objected is shown to facilitators only. */
  objections: { reason: string | null; userId: string | null }[];
};

export type RoomView = {
  version: number;
  /** The server's clock when the view was made, so clients can correct their own when counting down. */
  now: number;
  status: SessionStatus;
  startedAt: number | null;
  endedAt: number | null;
  agenda: AgendaItem[];
  currentItemId: string | null;
  /** Time spent on the current item so far (its spentMs does not include it yet). */
  currentItemElapsedMs: number;
  timer: TimerView;
  focus: RoomFocus;
  /** Who is present (checked in or ticked by the facilitator); how is in the state, for the minutes. */
  present: string[];
  cards: CardView[];
  cardsRevealed: boolean;
  clusters: Cluster[];
  voting: VotingView;
  consentRounds: ConsentRoundView[];
  actionItems: ActionItem[];
  me: { userId: string; role: RoomActor["role"]; abilities: RoomCommandType[] };
};

/** The room as one participant may see it at `now`. */
export function roomViewFor(state: RoomState, viewer: RoomActor, now: number): RoomView {
  const facilitator = viewer.role === "FACILITATOR";
  const elapsedMs = timerElapsedMs(state.timer, now);
  const ballot = ballotOf(state, viewer.userId);
  const voters = Object.values(state.voting.ballots).filter((entry) => dotsUsed(entry) > 0).length;

  return {
    version: state.version,
    now,
    status: state.status,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    agenda: state.agenda.map((item) => ({ ...item })),
    currentItemId: state.currentItemId,
    currentItemElapsedMs: state.currentItemSince === null ? 0 : Math.max(0, now - state.currentItemSince),
    timer: {
      ...state.timer,
      elapsedMs,
      remainingMs: Math.max(0, state.timer.durationMs - elapsedMs),
      overrunMs: Math.max(0, elapsedMs - state.timer.durationMs),
      expired: state.timer.state === "running" && elapsedMs >= state.timer.durationMs,
    },
    focus: { ...state.focus },
    present: Object.entries(state.attendance).flatMap(([userId, entry]) => (entry.present ? [userId] : [])),
    cards: state.cards.map((card) => {
      const mine = card.authorId === viewer.userId;
      const hidden = card.anonymous && !mine && !state.cardsRevealed;
      return {
        id: card.id,
        authorId: card.anonymous && !mine ? null : card.authorId,
        mine,
        anonymous: card.anonymous,
        text: hidden ? null : card.text,
        hidden,
        clusterId: card.clusterId,
        createdAt: card.createdAt,
      };
    }),
    cardsRevealed: state.cardsRevealed,
    clusters: state.clusters.map((cluster) => ({ ...cluster })),
    voting: {
      status: state.voting.status,
      round: state.voting.round,
      budget: state.voting.budget,
      maxPerCard: state.voting.maxPerCard,
      countsRevealed: state.voting.countsRevealed,
      myDots: { ...ballot },
      dotsLeft: Math.max(0, state.voting.budget - dotsUsed(ballot)),
      voters,
      totals: state.voting.countsRevealed ? Object.fromEntries(tallyVotes(state).map((entry) => [entry.targetId, entry.dots])) : null,
    },
    consentRounds: state.consentRounds.map((round) => {
      const counts: Record<ConsentAnswer, number> = { agree: 0, abstain: 0, object: 0 };
      const objections: ConsentRoundView["objections"] = [];
      for (const [userId, response] of Object.entries(round.responses)) {
        counts[response.answer] += 1;
        if (response.answer === "object") objections.push({ reason: response.reason, userId: facilitator ? userId : null });
      }
      const mine = Object.hasOwn(round.responses, viewer.userId) ? round.responses[viewer.userId] : null;
      return {
        id: round.id,
        question: round.question,
        status: round.status,
        outcome: round.outcome,
        cardId: round.cardId,
        clusterId: round.clusterId,
        openedAt: round.openedAt,
        closedAt: round.closedAt,
        counts,
        myResponse: mine ? { ...mine } : null,
        objections,
      };
    }),
    actionItems: state.actionItems.map((action) => ({ ...action })),
    me: { userId: viewer.userId, role: viewer.role, abilities: allowedRoomCommands(viewer.role) },
  };
}
