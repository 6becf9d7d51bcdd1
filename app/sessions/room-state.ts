import { canChangeCard, canSendRoomCommand, type RoomActor } from "~/policies/session";
import { ROOM_LIMITS, roomCommandSchema, roomSetupSchema, type RoomCommand, type RoomCommandOf, type RoomCommandType, type RoomSetup } from "./room-commands";
import { roomError, type RoomError, type RoomErrorReason } from "./room-errors";
import { ballotOf, dotsOn, dotsUsed } from "./room-votes";

// The state of one live session room and the only way to change it (issue #4, "During the
// session"). The socket.io server keeps one RoomState per session in memory, feeds it commands one
// at a time, saves the result (LabSession.roomState) and broadcasts roomViewFor() to each viewer.
// Everything here is pure: no clock (callers pass `now`), no ids of its own (`newId`), no I/O, and
// the state is plain JSON, so what is saved and loaded behaves exactly like what was in memory.

export type SessionStatus = "scheduled" | "live" | "ended";

export type AgendaItem = {
  id: string;
  title: string;
  timeboxSeconds: number;
  proposalId: string | null;
  /** Time actually spent on the item, added each time the room moves away from it. */
  spentMs: number;
};

/**
 * The shared phase timer. Remaining time is derived (durationMs minus elapsed), never stored, so
 * every client counts down locally from the same numbers and nothing needs a tick on the server.
 */
export type PhaseTimer = {
  state: "idle" | "running" | "paused" | "finished";
  durationMs: number;
  /** When the current run started (epoch ms); null unless running. */
  startedAt: number | null;
  /** Time elapsed in earlier runs (before pauses). */
  accumulatedMs: number;
};

/** Where the facilitator brings everyone: the agenda, the card board, or a proposal's document. */
export type RoomFocus = { kind: "agenda" } | { kind: "board" } | { kind: "proposal"; proposalId: string };

export type Attendance = { present: boolean; via: "device" | "facilitator"; since: number };

export type Card = { id: string; authorId: string; text: string; anonymous: boolean; clusterId: string | null; createdAt: number };

export type Cluster = { id: string; name: string };

/** One voter's dots, per card or cluster id. */
export type Ballot = Record<string, number>;

export type Voting = {
  status: "closed" | "open" | "ended";
  /** How many times voting was opened; a new round starts from empty ballots. */
  round: number;
  budget: number;
  maxPerCard: number;
  countsRevealed: boolean;
  ballots: Record<string, Ballot>;
};

export type ConsentAnswer = "agree" | "abstain" | "object";

export type ConsentRound = {
  id: string;
  question: string;
  status: "open" | "closed";
  responses: Record<string, { answer: ConsentAnswer; reason: string | null }>;
  /** Set when a facilitator closes the round; null while open, or when the session ended first. */
  outcome: "adopted" | "not-adopted" | null;
  cardId: string | null;
  clusterId: string | null;
  openedAt: number;
  closedAt: number | null;
};

export type ActionItem = {
  id: string;
  text: string;
  ownerId: string | null;
  /** A calendar day, YYYY-MM-DD. */
  dueDate: string | null;
  sourceCardId: string | null;
  createdAt: number;
};

/** Everything a session room holds: plain JSON (numbers are epoch ms), saved after every accepted command. */
export type RoomState = {
  /** Bumped by every accepted command: clients drop views older than the one they have. */
  version: number;
  status: SessionStatus;
  startedAt: number | null;
  endedAt: number | null;
  agenda: AgendaItem[];
  currentItemId: string | null;
  /** When the room moved to the current item, to measure the time actually spent on it. */
  currentItemSince: number | null;
  timer: PhaseTimer;
  focus: RoomFocus;
  attendance: Record<string, Attendance>;
  cards: Card[];
  cardsRevealed: boolean;
  clusters: Cluster[];
  voting: Voting;
  consentRounds: ConsentRound[];
  actionItems: ActionItem[];
};

export type RoomContext = { now: number; newId: () => string };

/**
 * What happened, for the server's log and persistence. It names the actor even for anonymous
 * cards and votes: never broadcast events, broadcast roomViewFor() instead.
 */
export type RoomEvent = {
  type: RoomCommandType;
  version: number;
  actorId: string;
  at: number;
  command: RoomCommand;
  /** The id of what the command created (card, cluster, consent round, action item), else null. */
  createdId: string | null;
};

export type RoomResult = { ok: true; state: RoomState; event: RoomEvent } | { ok: false; error: RoomError };

const idleTimer = (durationMs: number): PhaseTimer => ({ state: "idle", durationMs, startedAt: null, accumulatedMs: 0 });

/** A new room for a scheduled session: its agenda, and the cards members wrote beforehand (throws on malformed input). */
export function createRoomState(input: RoomSetup): RoomState {
  const setup = roomSetupSchema.parse(input);
  return {
    version: 0,
    status: "scheduled",
    startedAt: null,
    endedAt: null,
    agenda: setup.agenda.map((item) => ({ id: item.id, title: item.title, timeboxSeconds: item.timeboxSeconds, proposalId: item.proposalId ?? null, spentMs: 0 })),
    currentItemId: null,
    currentItemSince: null,
    timer: idleTimer((setup.agenda[0]?.timeboxSeconds ?? 0) * 1000),
    focus: { kind: "agenda" },
    attendance: {},
    cards: setup.cards.map((card) => ({ ...card, clusterId: null })),
    cardsRevealed: false,
    clusters: [],
    voting: { status: "closed", round: 0, budget: 0, maxPerCard: 0, countsRevealed: false, ballots: {} },
    consentRounds: [],
    actionItems: [],
  };
}

/** Time the phase timer has run, pauses excluded (never negative, even if clocks disagree). */
export function timerElapsedMs(timer: PhaseTimer, now: number): number {
  const running = timer.state === "running" && timer.startedAt !== null ? Math.max(0, now - timer.startedAt) : 0;
  return timer.accumulatedMs + running;
}

/** Time left on the phase timer, 0 once it has run out. */
export function timerRemainingMs(timer: PhaseTimer, now: number): number {
  return Math.max(0, timer.durationMs - timerElapsedMs(timer, now));
}

/** The agenda item the room is on, or null before the start (or with an empty agenda). */
export function currentAgendaItem(state: RoomState): AgendaItem | null {
  return state.agenda.find((item) => item.id === state.currentItemId) ?? null;
}

// Commands that make sense before the session starts: members put ideas on the board (pre-work)
// and the facilitator may group them. Everything else waits for session.start.
const PREWORK_COMMANDS: ReadonlySet<RoomCommandType> = new Set([
  "card.add",
  "card.edit",
  "card.remove",
  "cluster.create",
  "cluster.rename",
  "cluster.remove",
  "card.move",
]);

type Step = { ok: true; state: RoomState; createdId?: string } | { ok: false; error: RoomError };
type Handler<T extends RoomCommandType> = (state: RoomState, command: RoomCommandOf<T>, actor: RoomActor, context: RoomContext) => Step;

const done = (state: RoomState, createdId?: string): Step => ({ ok: true, state, createdId });
const conflict = (reason: RoomErrorReason, message: string): Step => ({ ok: false, error: roomError("conflict", reason, message) });
const notFound = (reason: RoomErrorReason, message: string): Step => ({ ok: false, error: roomError("not-found", reason, message) });

/**
 * Applies one command from one person to a room: validates it, asks the policy, checks the room's
 * rules and returns the next state (the input is never changed) with the event, or why it was refused.
 */
export function applyRoomCommand(state: RoomState, rawCommand: unknown, actor: RoomActor, context: RoomContext): RoomResult {
  const parsed = roomCommandSchema.safeParse(rawCommand);
  if (!parsed.success) {
    return { ok: false, error: roomError("invalid", "invalid-command", "Malformed room command", parsed.error.issues) };
  }
  const command = parsed.data;
  if (!canSendRoomCommand(actor.role, command.type)) {
    return { ok: false, error: roomError("forbidden", "role-forbidden", `${actor.role} may not send ${command.type}`) };
  }
  if (state.status === "ended") return { ok: false, error: roomError("conflict", "session-ended", "The session has ended") };
  if (state.status === "scheduled" && command.type !== "session.start" && !PREWORK_COMMANDS.has(command.type)) {
    return { ok: false, error: roomError("conflict", "session-not-started", `${command.type} needs a live session`) };
  }

  const handler = HANDLERS[command.type] as Handler<RoomCommandType>;
  const step = handler(state, command, actor, context);
  if (!step.ok) return step;
  const version = state.version + 1;
  return {
    ok: true,
    state: { ...step.state, version },
    event: { type: command.type, version, actorId: actor.userId, at: context.now, command, createdId: step.createdId ?? null },
  };
}

/** Leaves the current item (adding the time spent on it) for another, whose timebox the timer now shows. */
function moveToItem(state: RoomState, itemId: string, now: number): RoomState {
  const agenda = leaveCurrentItem(state, now);
  const next = agenda.find((item) => item.id === itemId);
  return { ...state, agenda, currentItemId: itemId, currentItemSince: now, timer: idleTimer((next?.timeboxSeconds ?? 0) * 1000) };
}

function leaveCurrentItem(state: RoomState, now: number): AgendaItem[] {
  if (state.currentItemId === null || state.currentItemSince === null) return state.agenda;
  const spent = Math.max(0, now - state.currentItemSince);
  return state.agenda.map((item) => (item.id === state.currentItemId ? { ...item, spentMs: item.spentMs + spent } : item));
}

const findCard = (state: RoomState, cardId: string) => state.cards.find((card) => card.id === cardId);
const findCluster = (state: RoomState, clusterId: string) => state.clusters.find((cluster) => cluster.id === clusterId);
const findRound = (state: RoomState, roundId: string) => state.consentRounds.find((round) => round.id === roundId);

/** Whether anyone has a dot on a target. */
const hasDots = (state: RoomState, targetId: string) => Object.values(state.voting.ballots).some((ballot) => dotsOn(ballot, targetId) > 0);

/**
 * A board item (card or cluster) goes away: its dots go back to the voters and links to it are
 * dropped. Once voting has ended the dots are the result, so such a target cannot be removed.
 */
function withoutTarget(state: RoomState, targetId: string): RoomState | null {
  if (state.voting.status === "ended" && hasDots(state, targetId)) return null;
  const ballots: Record<string, Ballot> = Object.fromEntries(
    Object.entries(state.voting.ballots)
      .map(([userId, ballot]): [string, Ballot] => {
        const { [targetId]: _removed, ...rest } = ballot;
        return [userId, rest];
      })
      .filter(([, ballot]) => Object.keys(ballot).length > 0),
  );
  return {
    ...state,
    voting: { ...state.voting, ballots },
    consentRounds: state.consentRounds.map((round) =>
      round.cardId === targetId || round.clusterId === targetId
        ? { ...round, cardId: round.cardId === targetId ? null : round.cardId, clusterId: round.clusterId === targetId ? null : round.clusterId }
        : round,
    ),
    actionItems: state.actionItems.map((action) => (action.sourceCardId === targetId ? { ...action, sourceCardId: null } : action)),
  };
}

const HANDLERS: { [T in RoomCommandType]: Handler<T> } = {
  "session.start": (state, _command, _actor, { now }) => {
    if (state.status !== "scheduled") return conflict("session-already-started", "The session has already started");
    const first = state.agenda[0] ?? null;
    return done({
      ...state,
      status: "live",
      startedAt: now,
      currentItemId: first?.id ?? null,
      currentItemSince: first ? now : null,
      timer: idleTimer((first?.timeboxSeconds ?? 0) * 1000),
    });
  },

  // Ending closes what is still open: voting ends as it stands; an open consent round closes
  // without an outcome, because only a facilitator closing it takes a decision.
  "session.end": (state, _command, _actor, { now }) => {
    const timer: PhaseTimer =
      state.timer.state === "running" || state.timer.state === "paused"
        ? { ...state.timer, state: "finished", startedAt: null, accumulatedMs: timerElapsedMs(state.timer, now) }
        : state.timer;
    return done({
      ...state,
      status: "ended",
      endedAt: now,
      agenda: leaveCurrentItem(state, now),
      currentItemSince: null,
      timer,
      voting: state.voting.status === "open" ? { ...state.voting, status: "ended" } : state.voting,
      consentRounds: state.consentRounds.map((round) => (round.status === "open" ? { ...round, status: "closed", closedAt: now } : round)),
    });
  },

  // Starting again from paused or finished begins a fresh phase.
  "timer.start": (state, command, _actor, { now }) => {
    if (state.timer.state === "running") return conflict("timer-running", "The timer is already running");
    const durationMs = command.durationMs ?? (currentAgendaItem(state)?.timeboxSeconds ?? 0) * 1000;
    if (durationMs <= 0) return conflict("no-duration", "No duration given and the current item has no timebox");
    return done({ ...state, timer: { state: "running", durationMs, startedAt: now, accumulatedMs: 0 } });
  },

  "timer.pause": (state, _command, _actor, { now }) => {
    if (state.timer.state !== "running") return conflict("timer-not-running", "The timer is not running");
    return done({ ...state, timer: { ...state.timer, state: "paused", startedAt: null, accumulatedMs: timerElapsedMs(state.timer, now) } });
  },

  "timer.resume": (state, _command, _actor, { now }) => {
    if (state.timer.state !== "paused") return conflict("timer-not-paused", "The timer is not paused");
    return done({ ...state, timer: { ...state.timer, state: "running", startedAt: now } });
  },

  // Extending works on a running timer even after it ran out ("two more minutes"), and on a paused one.
  "timer.extend": (state, command) => {
    if (state.timer.state !== "running" && state.timer.state !== "paused") return conflict("timer-not-active", "The timer is not running or paused");
    const durationMs = state.timer.durationMs + command.ms;
    if (durationMs > ROOM_LIMITS.timerMaxMs) return conflict("timer-limit", "The timer would run longer than the limit");
    return done({ ...state, timer: { ...state.timer, durationMs } });
  },

  "timer.stop": (state, _command, _actor, { now }) => {
    if (state.timer.state !== "running" && state.timer.state !== "paused") return conflict("timer-not-active", "The timer is not running or paused");
    return done({ ...state, timer: { ...state.timer, state: "finished", startedAt: null, accumulatedMs: timerElapsedMs(state.timer, now) } });
  },

  "agenda.next": (state, _command, _actor, { now }) => {
    const index = state.agenda.findIndex((item) => item.id === state.currentItemId);
    const next = state.agenda[index + 1];
    if (index < 0 || !next) return conflict("agenda-at-end", "There is no next agenda item");
    return done(moveToItem(state, next.id, now));
  },

  "agenda.goto": (state, command, _actor, { now }) => {
    if (!state.agenda.some((item) => item.id === command.itemId)) return notFound("item-not-found", "No such agenda item");
    if (state.currentItemId === command.itemId) return conflict("agenda-same-item", "The room is already on this item");
    return done(moveToItem(state, command.itemId, now));
  },

  "focus.set": (state, command) => done({ ...state, focus: command.focus }),

  // The facilitator ticks people in the room who have no device (or marks someone gone). Ticking
  // someone already present keeps how and since when they are here.
  "attendance.mark": (state, command, _actor, { now }) => {
    const current = Object.hasOwn(state.attendance, command.userId) ? state.attendance[command.userId] : undefined;
    if (!current && Object.keys(state.attendance).length >= ROOM_LIMITS.attendance) return conflict("limit-reached", "Too many attendees");
    const next: Attendance = command.present && current?.present ? current : { present: command.present, via: "facilitator", since: now };
    return done({ ...state, attendance: { ...state.attendance, [command.userId]: next } });
  },

  // Sent by the server when a person's device joins the room. Reconnecting keeps the first arrival time.
  "attendance.check-in": (state, _command, actor, { now }) => {
    const current = Object.hasOwn(state.attendance, actor.userId) ? state.attendance[actor.userId] : undefined;
    if (!current && Object.keys(state.attendance).length >= ROOM_LIMITS.attendance) return conflict("limit-reached", "Too many attendees");
    const since = current?.present ? current.since : now;
    return done({ ...state, attendance: { ...state.attendance, [actor.userId]: { present: true, via: "device", since } } });
  },

  "card.add": (state, command, actor, { now, newId }) => {
    if (state.cards.length >= ROOM_LIMITS.cards) return conflict("limit-reached", "The board is full");
    const card: Card = { id: newId(), authorId: actor.userId, text: command.text, anonymous: command.anonymous, clusterId: null, createdAt: now };
    return done({ ...state, cards: [...state.cards, card] }, card.id);
  },

  "card.edit": (state, command, actor) => {
    const card = findCard(state, command.cardId);
    if (!card) return notFound("card-not-found", "No such card");
    if (!canChangeCard(actor, card)) return { ok: false, error: roomError("forbidden", "not-card-author", "Only the author or a facilitator edits a card") };
    return done({ ...state, cards: state.cards.map((entry) => (entry.id === card.id ? { ...entry, text: command.text } : entry)) });
  },

  "card.remove": (state, command, actor) => {
    const card = findCard(state, command.cardId);
    if (!card) return notFound("card-not-found", "No such card");
    if (!canChangeCard(actor, card)) return { ok: false, error: roomError("forbidden", "not-card-author", "Only the author or a facilitator removes a card") };
    const cleared = withoutTarget(state, card.id);
    if (!cleared) return conflict("target-has-votes", "The card has dots from a vote that has ended");
    return done({ ...cleared, cards: state.cards.filter((entry) => entry.id !== card.id) });
  },

  "cards.reveal": (state) => {
    if (state.cardsRevealed) return conflict("cards-already-revealed", "The cards are already revealed");
    return done({ ...state, cardsRevealed: true });
  },

  "cluster.create": (state, command, _actor, { newId }) => {
    if (state.clusters.length >= ROOM_LIMITS.clusters) return conflict("limit-reached", "Too many clusters");
    const cluster: Cluster = { id: newId(), name: command.name };
    return done({ ...state, clusters: [...state.clusters, cluster] }, cluster.id);
  },

  "cluster.rename": (state, command) => {
    if (!findCluster(state, command.clusterId)) return notFound("cluster-not-found", "No such cluster");
    return done({ ...state, clusters: state.clusters.map((cluster) => (cluster.id === command.clusterId ? { ...cluster, name: command.name } : cluster)) });
  },

  // Removing a group keeps its ideas: its cards go back to the unclustered pile.
  "cluster.remove": (state, command) => {
    if (!findCluster(state, command.clusterId)) return notFound("cluster-not-found", "No such cluster");
    const cleared = withoutTarget(state, command.clusterId);
    if (!cleared) return conflict("target-has-votes", "The cluster has dots from a vote that has ended");
    return done({
      ...cleared,
      clusters: state.clusters.filter((cluster) => cluster.id !== command.clusterId),
      cards: state.cards.map((card) => (card.clusterId === command.clusterId ? { ...card, clusterId: null } : card)),
    });
  },

  // A moved card goes to the end of the board, so it shows last in its new group (drag or keyboard alike).
  "card.move": (state, command) => {
    const card = findCard(state, command.cardId);
    if (!card) return notFound("card-not-found", "No such card");
    if (command.clusterId !== null && !findCluster(state, command.clusterId)) return notFound("cluster-not-found", "No such cluster");
    return done({ ...state, cards: [...state.cards.filter((entry) => entry.id !== card.id), { ...card, clusterId: command.clusterId }] });
  },

  // Opening again after a vote has ended starts a new round from empty ballots (a run-off).
  "voting.open": (state, command) => {
    if (state.voting.status === "open") return conflict("voting-already-open", "Voting is already open");
    return done({
      ...state,
      voting: { status: "open", round: state.voting.round + 1, budget: command.budget, maxPerCard: command.maxPerCard, countsRevealed: false, ballots: {} },
    });
  },

  "vote.cast": (state, command, actor) => {
    if (state.voting.status !== "open") return conflict("voting-not-open", "Voting is not open");
    if (!findCard(state, command.targetId) && !findCluster(state, command.targetId)) return notFound("target-not-found", "No such card or cluster");
    const ballot = ballotOf(state, actor.userId);
    if (dotsUsed(ballot) >= state.voting.budget) return conflict("budget-exhausted", "No dots left");
    const onTarget = dotsOn(ballot, command.targetId);
    if (onTarget >= state.voting.maxPerCard) return conflict("max-per-card", "No more dots allowed on this target");
    const next: Ballot = { ...ballot, [command.targetId]: onTarget + 1 };
    return done({ ...state, voting: { ...state.voting, ballots: { ...state.voting.ballots, [actor.userId]: next } } });
  },

  "vote.retract": (state, command, actor) => {
    if (state.voting.status !== "open") return conflict("voting-not-open", "Voting is not open");
    const ballot = ballotOf(state, actor.userId);
    const onTarget = dotsOn(ballot, command.targetId);
    if (onTarget <= 0) return conflict("no-dot-to-retract", "You have no dot on this target");
    const { [command.targetId]: _removed, ...rest } = ballot ?? {};
    const next: Ballot = onTarget > 1 ? { ...rest, [command.targetId]: onTarget - 1 } : rest;
    const { [actor.userId]: _old, ...others } = state.voting.ballots;
    const ballots = Object.keys(next).length > 0 ? { ...others, [actor.userId]: next } : others;
    return done({ ...state, voting: { ...state.voting, ballots } });
  },

  // Counts may be revealed while voting is still open (live counts) or after it ended.
  "voting.reveal": (state) => {
    if (state.voting.status === "closed") return conflict("voting-not-open", "No vote to reveal");
    if (state.voting.countsRevealed) return conflict("counts-already-revealed", "The counts are already revealed");
    return done({ ...state, voting: { ...state.voting, countsRevealed: true } });
  },

  "voting.close": (state) => {
    if (state.voting.status !== "open") return conflict("voting-not-open", "Voting is not open");
    return done({ ...state, voting: { ...state.voting, status: "ended" } });
  },

  // One open round at a time: everyone answers the same question.
  "consent.open": (state, command, _actor, { now, newId }) => {
    if (state.consentRounds.some((round) => round.status === "open")) return conflict("consent-round-open", "Another consent round is open");
    if (state.consentRounds.length >= ROOM_LIMITS.consentRounds) return conflict("limit-reached", "Too many consent rounds");
    let cardId: string | null = null;
    let clusterId: string | null = null;
    if (command.targetId !== undefined) {
      if (findCard(state, command.targetId)) cardId = command.targetId;
      else if (findCluster(state, command.targetId)) clusterId = command.targetId;
      else return notFound("target-not-found", "No such card or cluster");
    }
    const round: ConsentRound = {
      id: newId(),
      question: command.question,
      status: "open",
      responses: {},
      outcome: null,
      cardId,
      clusterId,
      openedAt: now,
      closedAt: null,
    };
    return done({ ...state, consentRounds: [...state.consentRounds, round] }, round.id);
  },

  // Answering again replaces the earlier answer while the round is open.
  "consent.respond": (state, command, actor) => {
    const round = findRound(state, command.roundId);
    if (!round) return notFound("round-not-found", "No such consent round");
    if (round.status !== "open") return conflict("round-closed", "The consent round is closed");
    const response = { answer: command.answer, reason: command.reason ?? null };
    return done({
      ...state,
      consentRounds: state.consentRounds.map((entry) => (entry.id === round.id ? { ...entry, responses: { ...entry.responses, [actor.userId]: response } } : entry)),
    });
  },

  // Consent: adopted when nobody objects. With no response at all nothing was consented to.
  "consent.close": (state, command, _actor, { now }) => {
    const round = findRound(state, command.roundId);
    if (!round) return notFound("round-not-found", "No such consent round");
    if (round.status !== "open") return conflict("round-closed", "The consent round is closed");
    const responses = Object.values(round.responses);
    const outcome = responses.length > 0 && responses.every((response) => response.answer !== "object") ? "adopted" : "not-adopted";
    return done({
      ...state,
      consentRounds: state.consentRounds.map((entry) => (entry.id === round.id ? { ...entry, status: "closed", outcome, closedAt: now } : entry)),
    });
  },

  "action.add": (state, command, _actor, { now, newId }) => {
    if (state.actionItems.length >= ROOM_LIMITS.actionItems) return conflict("limit-reached", "Too many action items");
    const sourceCardId = command.sourceCardId ?? null;
    if (sourceCardId !== null && !findCard(state, sourceCardId)) return notFound("card-not-found", "No such card");
    const action: ActionItem = { id: newId(), text: command.text, ownerId: command.ownerId ?? null, dueDate: command.dueDate ?? null, sourceCardId, createdAt: now };
    return done({ ...state, actionItems: [...state.actionItems, action] }, action.id);
  },

  "action.remove": (state, command) => {
    if (!state.actionItems.some((action) => action.id === command.actionId)) return notFound("action-not-found", "No such action item");
    return done({ ...state, actionItems: state.actionItems.filter((action) => action.id !== command.actionId) });
  },
};
