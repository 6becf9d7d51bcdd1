import { describe, expect, it } from "vitest";
import { ROOM_COMMAND_TYPES, ROOM_LIMITS, type RoomCommandInput, type RoomCommandType } from "~/sessions/room-commands";
import { applyRoomCommand, createRoomState, timerRemainingMs, type RoomState } from "~/sessions/room-state";
import { roomViewFor } from "~/sessions/room-view";
import { AGENDA, createRoom, deepFreeze, facilitator, member, observer, sequentialIds, type Room } from "./room-helpers";
import { mulberry32 } from "../../support/random";

const ada = member("ada");
const bea = member("bea");

/** A live room on its first item, with one card by ada and one cluster. */
function liveRoom(options: { roundTrip?: boolean } = {}): Room & { cardId: string; clusterId: string } {
  const room = createRoom(options);
  room.run(facilitator, { type: "session.start" });
  const cardId = room.run(ada, { type: "card.add", text: "Orto condiviso", anonymous: false }).createdId!;
  const clusterId = room.run(facilitator, { type: "cluster.create", name: "Spazi" }).createdId!;
  return Object.assign(room, { cardId, clusterId });
}

/** One valid command of every kind, against liveRoom()'s ids. */
const sampleCommands = (ids: { cardId: string; clusterId: string; roundId?: string; actionId?: string }): Record<RoomCommandType, RoomCommandInput> => ({
  "session.start": { type: "session.start" },
  "session.end": { type: "session.end" },
  "timer.start": { type: "timer.start", durationMs: 60_000 },
  "timer.pause": { type: "timer.pause" },
  "timer.resume": { type: "timer.resume" },
  "timer.extend": { type: "timer.extend", ms: 60_000 },
  "timer.stop": { type: "timer.stop" },
  "agenda.next": { type: "agenda.next" },
  "agenda.goto": { type: "agenda.goto", itemId: "item-3" },
  "focus.set": { type: "focus.set", focus: { kind: "board" } },
  "attendance.mark": { type: "attendance.mark", userId: "carla", present: true },
  "attendance.check-in": { type: "attendance.check-in" },
  "card.add": { type: "card.add", text: "Idea", anonymous: true },
  "card.edit": { type: "card.edit", cardId: ids.cardId, text: "Idea rivista" },
  "card.remove": { type: "card.remove", cardId: ids.cardId },
  "cards.reveal": { type: "cards.reveal" },
  "cluster.create": { type: "cluster.create", name: "Gruppo" },
  "cluster.rename": { type: "cluster.rename", clusterId: ids.clusterId, name: "Nuovo nome" },
  "cluster.remove": { type: "cluster.remove", clusterId: ids.clusterId },
  "card.move": { type: "card.move", cardId: ids.cardId, clusterId: ids.clusterId },
  "voting.open": { type: "voting.open", budget: 5, maxPerCard: 2 },
  "vote.cast": { type: "vote.cast", targetId: ids.cardId },
  "vote.retract": { type: "vote.retract", targetId: ids.cardId },
  "voting.reveal": { type: "voting.reveal" },
  "voting.close": { type: "voting.close" },
  "consent.open": { type: "consent.open", question: "Adottiamo?" },
  "consent.respond": { type: "consent.respond", roundId: ids.roundId ?? "round-x", answer: "agree" },
  "consent.close": { type: "consent.close", roundId: ids.roundId ?? "round-x" },
  "action.add": { type: "action.add", text: "Scrivere al Comune" },
  "action.remove": { type: "action.remove", actionId: ids.actionId ?? "action-x" },
});

describe("a whole meeting", () => {
  it("accepts every command's happy path, numbering events, and a reloaded state behaves the same", () => {
    const room = createRoom({ roundTrip: true });
    const start = room.now;

    // Pre-work: ideas on the board before the session starts.
    const pre = room.run(ada, { type: "card.add", text: "  Orto condiviso  ", anonymous: false });
    expect(room.state.cards).toEqual([{ id: pre.createdId, authorId: "ada", text: "Orto condiviso", anonymous: false, clusterId: null, createdAt: start }]);
    expect(room.state.status).toBe("scheduled");

    room.run(facilitator, { type: "session.start" });
    expect(room.state).toMatchObject({ status: "live", startedAt: start, currentItemId: "item-1", currentItemSince: start, timer: { state: "idle", durationMs: 300_000 } });

    room.run(ada, { type: "attendance.check-in" });
    room.run(facilitator, { type: "attendance.mark", userId: "carla", present: true });
    expect(room.state.attendance).toEqual({ ada: { present: true, via: "device", since: start }, carla: { present: true, via: "facilitator", since: start } });

    room.run(facilitator, { type: "focus.set", focus: { kind: "proposal", proposalId: "proposal-1" } });
    expect(room.state.focus).toEqual({ kind: "proposal", proposalId: "proposal-1" });

    room.run(facilitator, { type: "timer.start" });
    room.tick(10_000);
    room.run(facilitator, { type: "timer.pause" });
    room.tick(5_000);
    room.run(facilitator, { type: "timer.resume" });
    room.run(facilitator, { type: "timer.extend", ms: 60_000 });
    room.tick(20_000);
    room.run(facilitator, { type: "timer.stop" });
    expect(room.state.timer).toEqual({ state: "finished", durationMs: 360_000, startedAt: null, accumulatedMs: 30_000 });

    room.run(facilitator, { type: "agenda.next" });
    expect(room.state.currentItemId).toBe("item-2");
    expect(room.state.agenda[0].spentMs).toBe(35_000);

    const anonymous = room.run(bea, { type: "card.add", text: "Doposcuola", anonymous: true }).createdId!;
    room.run(ada, { type: "card.edit", cardId: pre.createdId!, text: "Orto condiviso nel cortile" });
    const extra = room.run(bea, { type: "card.add", text: "Da togliere", anonymous: false }).createdId!;
    room.run(bea, { type: "card.remove", cardId: extra });
    room.run(facilitator, { type: "cards.reveal" });
    expect(room.state.cards.map((card) => card.text)).toEqual(["Orto condiviso nel cortile", "Doposcuola"]);
    expect(room.state.cardsRevealed).toBe(true);

    const cluster = room.run(facilitator, { type: "cluster.create", name: "Spazi" }).createdId!;
    room.run(facilitator, { type: "cluster.rename", clusterId: cluster, name: "Spazi verdi" });
    room.run(facilitator, { type: "card.move", cardId: pre.createdId!, clusterId: cluster });
    const spare = room.run(facilitator, { type: "cluster.create", name: "Vuoto" }).createdId!;
    room.run(facilitator, { type: "cluster.remove", clusterId: spare });
    expect(room.state.clusters).toEqual([{ id: cluster, name: "Spazi verdi" }]);
    expect(room.state.cards.find((card) => card.id === pre.createdId)?.clusterId).toBe(cluster);

    room.run(facilitator, { type: "voting.open", budget: 3, maxPerCard: 2 });
    room.run(ada, { type: "vote.cast", targetId: cluster });
    room.run(ada, { type: "vote.cast", targetId: anonymous });
    room.run(ada, { type: "vote.retract", targetId: anonymous });
    room.run(bea, { type: "vote.cast", targetId: cluster });
    room.run(facilitator, { type: "voting.close" });
    room.run(facilitator, { type: "voting.reveal" });
    expect(room.state.voting).toMatchObject({ status: "ended", round: 1, countsRevealed: true, ballots: { ada: { [cluster]: 1 }, bea: { [cluster]: 1 } } });

    room.run(facilitator, { type: "agenda.goto", itemId: "item-3" });
    const round = room.run(facilitator, { type: "consent.open", question: "Adottiamo gli spazi verdi?", targetId: cluster }).createdId!;
    room.run(ada, { type: "consent.respond", roundId: round, answer: "agree" });
    room.run(bea, { type: "consent.respond", roundId: round, answer: "abstain" });
    room.run(facilitator, { type: "consent.close", roundId: round });
    expect(room.state.consentRounds[0]).toMatchObject({ status: "closed", outcome: "adopted", clusterId: cluster, cardId: null });

    const action = room.run(facilitator, { type: "action.add", text: "Chiedere il cortile", ownerId: "ada", dueDate: "2026-12-01", sourceCardId: pre.createdId }).createdId!;
    const wrong = room.run(facilitator, { type: "action.add", text: "Errore" }).createdId!;
    room.run(facilitator, { type: "action.remove", actionId: wrong });
    expect(room.state.actionItems).toEqual([{ id: action, text: "Chiedere il cortile", ownerId: "ada", dueDate: "2026-12-01", sourceCardId: pre.createdId, createdAt: room.now }]);

    room.tick(60_000);
    room.run(facilitator, { type: "session.end" });
    expect(room.state).toMatchObject({ status: "ended", endedAt: room.now, currentItemSince: null });
    expect(room.state.agenda.map((item) => item.spentMs)).toEqual([35_000, 0, 60_000]);

    expect(new Set(room.events.map((event) => event.type))).toEqual(new Set(ROOM_COMMAND_TYPES));
    expect(room.events.map((event) => event.version)).toEqual(room.events.map((_, index) => index + 1));
    expect(room.events[0]).toEqual({
      type: "card.add",
      version: 1,
      actorId: "ada",
      at: start,
      command: { type: "card.add", text: "Orto condiviso", anonymous: false },
      createdId: pre.createdId,
    });
  });
});

describe("malformed commands", () => {
  const longText = "x".repeat(ROOM_LIMITS.cardText + 1);
  const junk: [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "session.start"],
    ["an array", [{ type: "session.start" }]],
    ["an empty object", {}],
    ["an unknown type", { type: "session.restart" }],
    ["a type of the wrong type", { type: 7 }],
    ["a prototype key as type", { type: "__proto__" }],
    ["an unexpected field", { type: "session.end", force: true }],
    ["a card without text", { type: "card.add", anonymous: false }],
    ["a card with numeric text", { type: "card.add", text: 42 }],
    ["a card of spaces", { type: "card.add", text: "   " }],
    ["an oversized card", { type: "card.add", text: longText }],
    ["a string for a boolean", { type: "card.add", text: "ok", anonymous: "yes" }],
    ["an oversized cluster name", { type: "cluster.create", name: "x".repeat(81) }],
    ["an oversized question", { type: "consent.open", question: "x".repeat(301) }],
    ["an id like __proto__", { type: "card.remove", cardId: "__proto__" }],
    ["an id that is too long", { type: "card.remove", cardId: "a".repeat(65) }],
    ["an id with spaces", { type: "agenda.goto", itemId: "item 1" }],
    ["a fractional extension", { type: "timer.extend", ms: 1500.5 }],
    ["a too short extension", { type: "timer.extend", ms: 999 }],
    ["a too long extension", { type: "timer.extend", ms: 60 * 60 * 1000 + 1 }],
    ["an infinite duration", { type: "timer.start", durationMs: Number.POSITIVE_INFINITY }],
    ["a NaN duration", { type: "timer.start", durationMs: Number.NaN }],
    ["a duration as string", { type: "timer.start", durationMs: "60000" }],
    ["a zero budget", { type: "voting.open", budget: 0, maxPerCard: 1 }],
    ["an oversized budget", { type: "voting.open", budget: 21, maxPerCard: 1 }],
    ["a per-card maximum above the budget", { type: "voting.open", budget: 3, maxPerCard: 4 }],
    ["an objection without reason", { type: "consent.respond", roundId: "r-1", answer: "object" }],
    ["an objection with a blank reason", { type: "consent.respond", roundId: "r-1", answer: "object", reason: "   " }],
    ["an oversized reason", { type: "consent.respond", roundId: "r-1", answer: "object", reason: "x".repeat(501) }],
    ["an unknown answer", { type: "consent.respond", roundId: "r-1", answer: "maybe" }],
    ["a day that does not exist", { type: "action.add", text: "Fare", dueDate: "2026-02-30" }],
    ["a date with time", { type: "action.add", text: "Fare", dueDate: "2026-02-01T10:00" }],
    ["an unknown focus", { type: "focus.set", focus: { kind: "elsewhere" } }],
    ["a proposal focus without id", { type: "focus.set", focus: { kind: "proposal" } }],
    ["attendance without present", { type: "attendance.mark", userId: "carla" }],
  ];

  it.each(junk)("refuses %s as invalid without changing the room", (_name, command) => {
    const room = liveRoom();
    const before = room.state;
    const error = room.refuse(facilitator, command);
    expect(error.code).toBe("invalid");
    expect(error.reason).toBe("invalid-command");
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(room.state).toBe(before);
  });

  it("never throws or changes the room on random junk, and refuses whatever is not a command", () => {
    const random = mulberry32(4242);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    const junkValue = (depth: number): unknown => {
      const kind = pick(["number", "string", "bool", "null", "array", "object", "undefined"] as const);
      if (kind === "number") return pick([0, -1, 1e308, Number.NaN, random() * 1e6, 3.5]);
      if (kind === "string") return pick(["", " ", "x".repeat(600), "__proto__", "constructor", "item-1", "😀".repeat(300)]);
      if (kind === "bool") return random() < 0.5;
      if (kind === "null") return null;
      if (kind === "undefined") return undefined;
      if (depth > 2) return {};
      if (kind === "array") return Array.from({ length: Math.floor(random() * 3) }, () => junkValue(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(["text", "budget", "ms", "cardId", "focus", "answer", "x"]), junkValue(depth + 1)]));
    };
    const room = liveRoom();
    const state = deepFreeze(room.state);
    const snapshot = structuredClone(state);
    for (let index = 0; index < 500; index++) {
      const command = random() < 0.8 ? { type: pick(ROOM_COMMAND_TYPES), ...(junkValue(0) as object) } : junkValue(0);
      const result = applyRoomCommand(state, command, facilitator, { now: room.now, newId: sequentialIds() });
      if (typeof command !== "object" || command === null || Array.isArray(command)) expect(result.ok).toBe(false);
      if (!result.ok) expect(["invalid", "conflict", "not-found"]).toContain(result.error.code);
    }
    expect(state).toStrictEqual(snapshot);
  });
});

describe("who may send what", () => {
  it("refuses every command from an observer, even well-formed ones", () => {
    const room = liveRoom();
    for (const command of Object.values(sampleCommands(room))) {
      const error = room.refuse(observer, command);
      expect(error).toMatchObject({ code: "forbidden", reason: "role-forbidden" });
    }
  });

  it("refuses members the commands that steer the meeting", () => {
    const room = liveRoom();
    const memberCommands = ["attendance.check-in", "card.add", "card.edit", "card.remove", "vote.cast", "vote.retract", "consent.respond"];
    for (const [type, command] of Object.entries(sampleCommands(room))) {
      if (memberCommands.includes(type)) continue;
      expect(room.refuse(bea, command)).toMatchObject({ code: "forbidden", reason: "role-forbidden" });
    }
  });

  it("lets only the author or a facilitator edit and remove a card", () => {
    const room = liveRoom();
    expect(room.refuse(bea, { type: "card.edit", cardId: room.cardId, text: "Mio" })).toMatchObject({ code: "forbidden", reason: "not-card-author" });
    expect(room.refuse(bea, { type: "card.remove", cardId: room.cardId })).toMatchObject({ code: "forbidden", reason: "not-card-author" });
    room.run(facilitator, { type: "card.edit", cardId: room.cardId, text: "Riformulata dal facilitatore" });
    expect(room.state.cards[0]).toMatchObject({ authorId: "ada", text: "Riformulata dal facilitatore" });
    room.run(facilitator, { type: "card.remove", cardId: room.cardId });
    expect(room.state.cards).toEqual([]);
  });

  it("checks the command before the role, and the role before the room", () => {
    const room = createRoom();
    expect(room.refuse(observer, { type: "card.add" }).code).toBe("invalid");
    expect(room.refuse(observer, { type: "timer.start" }).code).toBe("forbidden");
    expect(room.refuse(facilitator, { type: "timer.start" }).reason).toBe("session-not-started");
  });
});

describe("session lifecycle", () => {
  it("before the start takes only pre-work (cards and clusters) and session.start", () => {
    const room = createRoom();
    const cardId = room.run(ada, { type: "card.add", text: "Prima", anonymous: true }).createdId!;
    const clusterId = room.run(facilitator, { type: "cluster.create", name: "Gruppo" }).createdId!;
    room.run(facilitator, { type: "card.move", cardId, clusterId });
    for (const command of Object.values(sampleCommands({ cardId, clusterId }))) {
      if (["session.start", "card.add", "card.edit", "card.remove", "cluster.create", "cluster.rename", "cluster.remove", "card.move"].includes(command.type)) continue;
      expect(room.refuse(facilitator, command)).toMatchObject({ code: "conflict", reason: "session-not-started" });
    }
  });

  it("starts once", () => {
    const room = liveRoom();
    expect(room.refuse(facilitator, { type: "session.start" })).toMatchObject({ code: "conflict", reason: "session-already-started" });
  });

  it("starts on no item when the agenda is empty", () => {
    const room = createRoom({ state: createRoomState({ agenda: [] }) });
    room.run(facilitator, { type: "session.start" });
    expect(room.state).toMatchObject({ currentItemId: null, currentItemSince: null, timer: { durationMs: 0 } });
    expect(room.refuse(facilitator, { type: "agenda.next" }).reason).toBe("agenda-at-end");
    expect(room.refuse(facilitator, { type: "timer.start" }).reason).toBe("no-duration");
    room.run(facilitator, { type: "timer.start", durationMs: 120_000 });
  });

  it("ending stops the timer, ends voting and closes open consent rounds without an outcome", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "timer.start" });
    room.run(facilitator, { type: "voting.open", budget: 2, maxPerCard: 1 });
    room.run(ada, { type: "vote.cast", targetId: room.cardId });
    const roundId = room.run(facilitator, { type: "consent.open", question: "Va bene?" }).createdId!;
    room.run(ada, { type: "consent.respond", roundId, answer: "agree" });
    room.tick(42_000);
    room.run(facilitator, { type: "session.end" });
    expect(room.state.timer).toEqual({ state: "finished", durationMs: 300_000, startedAt: null, accumulatedMs: 42_000 });
    expect(room.state.voting).toMatchObject({ status: "ended", ballots: { ada: { [room.cardId]: 1 } } });
    expect(room.state.consentRounds[0]).toMatchObject({ status: "closed", outcome: null, closedAt: room.now });
    expect(room.state.agenda[0].spentMs).toBe(42_000);
  });

  it("refuses everything once ended, from anyone", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "session.end" });
    for (const command of Object.values(sampleCommands(room))) {
      expect(room.refuse(facilitator, command)).toMatchObject({ code: "conflict", reason: "session-ended" });
      if (command.type === "card.add") expect(room.refuse(ada, command).reason).toBe("session-ended");
    }
  });
});

describe("the phase timer", () => {
  it("derives remaining time from start, pauses, resumes and extensions", () => {
    const room = liveRoom();
    const t0 = room.now;
    room.run(facilitator, { type: "timer.start", durationMs: 60_000 });
    expect(room.state.timer).toEqual({ state: "running", durationMs: 60_000, startedAt: t0, accumulatedMs: 0 });
    expect(timerRemainingMs(room.state.timer, t0 + 15_000)).toBe(45_000);

    room.tick(20_000);
    room.run(facilitator, { type: "timer.pause" });
    expect(room.state.timer).toEqual({ state: "paused", durationMs: 60_000, startedAt: null, accumulatedMs: 20_000 });
    // A paused timer does not move however long the pause.
    expect(timerRemainingMs(room.state.timer, room.now + 3_600_000)).toBe(40_000);

    room.tick(100_000);
    room.run(facilitator, { type: "timer.resume" });
    expect(room.state.timer).toEqual({ state: "running", durationMs: 60_000, startedAt: room.now, accumulatedMs: 20_000 });
    expect(timerRemainingMs(room.state.timer, room.now + 10_000)).toBe(30_000);

    room.tick(50_000);
    expect(timerRemainingMs(room.state.timer, room.now)).toBe(0);
    // Out of time, still running: two more minutes.
    room.run(facilitator, { type: "timer.extend", ms: 120_000 });
    expect(timerRemainingMs(room.state.timer, room.now)).toBe(110_000);

    room.tick(10_000);
    room.run(facilitator, { type: "timer.stop" });
    expect(room.state.timer).toEqual({ state: "finished", durationMs: 180_000, startedAt: null, accumulatedMs: 80_000 });
    expect(timerRemainingMs(room.state.timer, room.now + 999_999)).toBe(100_000);
  });

  it("never counts negative time when a clock goes backwards", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "timer.start", durationMs: 60_000 });
    expect(timerRemainingMs(room.state.timer, room.now - 5_000)).toBe(60_000);
    room.tick(-5_000);
    room.run(facilitator, { type: "timer.pause" });
    expect(room.state.timer.accumulatedMs).toBe(0);
  });

  it("defaults to the current item's timebox and refuses moves that make no sense", () => {
    const room = liveRoom();
    expect(room.refuse(facilitator, { type: "timer.pause" }).reason).toBe("timer-not-running");
    expect(room.refuse(facilitator, { type: "timer.resume" }).reason).toBe("timer-not-paused");
    expect(room.refuse(facilitator, { type: "timer.extend", ms: 1000 }).reason).toBe("timer-not-active");
    expect(room.refuse(facilitator, { type: "timer.stop" }).reason).toBe("timer-not-active");
    room.run(facilitator, { type: "timer.start" });
    expect(room.state.timer.durationMs).toBe(AGENDA[0].timeboxSeconds * 1000);
    expect(room.refuse(facilitator, { type: "timer.start" })).toMatchObject({ code: "conflict", reason: "timer-running" });
    expect(room.refuse(facilitator, { type: "timer.resume" }).reason).toBe("timer-not-paused");
    room.run(facilitator, { type: "timer.pause" });
    expect(room.refuse(facilitator, { type: "timer.pause" }).reason).toBe("timer-not-running");
    // Starting from paused begins a fresh phase.
    room.tick(1000);
    room.run(facilitator, { type: "timer.start", durationMs: 5000 });
    expect(room.state.timer).toEqual({ state: "running", durationMs: 5000, startedAt: room.now, accumulatedMs: 0 });
  });

  it("stays under the maximum duration", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "timer.start", durationMs: ROOM_LIMITS.timerMaxMs - 1000 });
    room.run(facilitator, { type: "timer.extend", ms: 1000 });
    expect(room.refuse(facilitator, { type: "timer.extend", ms: 1000 })).toMatchObject({ code: "conflict", reason: "timer-limit" });
  });
});

describe("the agenda", () => {
  it("adds the time actually spent to the item left, also when coming back to it", () => {
    const room = liveRoom();
    room.tick(7 * 60_000);
    room.run(facilitator, { type: "agenda.next" });
    room.tick(12 * 60_000);
    room.run(facilitator, { type: "agenda.goto", itemId: "item-1" });
    room.tick(60_000);
    room.run(facilitator, { type: "agenda.goto", itemId: "item-3" });
    expect(room.state.agenda.map((item) => item.spentMs)).toEqual([8 * 60_000, 12 * 60_000, 0]);
    expect(room.state.currentItemSince).toBe(room.now);
  });

  it("resets the timer to the new item's timebox", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "timer.start" });
    room.tick(1000);
    room.run(facilitator, { type: "agenda.next" });
    expect(room.state.timer).toEqual({ state: "idle", durationMs: 900_000, startedAt: null, accumulatedMs: 0 });
    expect(room.state.agenda[1].proposalId).toBe("proposal-1");
  });

  it("refuses next on the last item, unknown items and the item already current", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "agenda.goto", itemId: "item-3" });
    expect(room.refuse(facilitator, { type: "agenda.next" })).toMatchObject({ code: "conflict", reason: "agenda-at-end" });
    expect(room.refuse(facilitator, { type: "agenda.goto", itemId: "item-9" })).toMatchObject({ code: "not-found", reason: "item-not-found" });
    expect(room.refuse(facilitator, { type: "agenda.goto", itemId: "item-3" })).toMatchObject({ code: "conflict", reason: "agenda-same-item" });
  });
});

describe("attendance", () => {
  it("records device check-ins and facilitator ticks, keeping the first arrival", () => {
    const room = liveRoom();
    const arrival = room.now;
    room.run(ada, { type: "attendance.check-in" });
    room.tick(60_000);
    room.run(ada, { type: "attendance.check-in" });
    room.run(facilitator, { type: "attendance.mark", userId: "ada", present: true });
    expect(room.state.attendance.ada).toEqual({ present: true, via: "device", since: arrival });
    room.run(facilitator, { type: "attendance.mark", userId: "ada", present: false });
    expect(room.state.attendance.ada).toEqual({ present: false, via: "facilitator", since: room.now });
    room.tick(1000);
    room.run(ada, { type: "attendance.check-in" });
    expect(room.state.attendance.ada).toEqual({ present: true, via: "device", since: room.now });
  });

  it("holds a bounded number of people", () => {
    const state = createRoomState({ agenda: AGENDA });
    const full: RoomState = {
      ...state,
      status: "live",
      attendance: Object.fromEntries(Array.from({ length: ROOM_LIMITS.attendance }, (_, index) => [`u${index}`, { present: true, via: "device" as const, since: 0 }])),
    };
    const room = createRoom({ state: full });
    expect(room.refuse(facilitator, { type: "attendance.mark", userId: "newcomer", present: true }).reason).toBe("limit-reached");
    room.run(facilitator, { type: "attendance.mark", userId: "u1", present: false });
  });
});

describe("cards and clusters", () => {
  it("refuses unknown cards and clusters and a second reveal", () => {
    const room = liveRoom();
    expect(room.refuse(facilitator, { type: "card.edit", cardId: "nope", text: "x" })).toMatchObject({ code: "not-found", reason: "card-not-found" });
    expect(room.refuse(ada, { type: "card.remove", cardId: "nope" })).toMatchObject({ code: "not-found", reason: "card-not-found" });
    expect(room.refuse(facilitator, { type: "card.move", cardId: "nope", clusterId: null }).reason).toBe("card-not-found");
    expect(room.refuse(facilitator, { type: "card.move", cardId: room.cardId, clusterId: "nope" })).toMatchObject({ code: "not-found", reason: "cluster-not-found" });
    expect(room.refuse(facilitator, { type: "cluster.rename", clusterId: "nope", name: "x" }).reason).toBe("cluster-not-found");
    expect(room.refuse(facilitator, { type: "cluster.remove", clusterId: "nope" }).reason).toBe("cluster-not-found");
    room.run(facilitator, { type: "cards.reveal" });
    expect(room.refuse(facilitator, { type: "cards.reveal" })).toMatchObject({ code: "conflict", reason: "cards-already-revealed" });
  });

  it("moves a card to the end of the board, into a cluster and back out", () => {
    const room = liveRoom();
    const second = room.run(bea, { type: "card.add", text: "Seconda", anonymous: false }).createdId!;
    room.run(facilitator, { type: "card.move", cardId: room.cardId, clusterId: room.clusterId });
    expect(room.state.cards.map((card) => [card.id, card.clusterId])).toEqual([
      [second, null],
      [room.cardId, room.clusterId],
    ]);
    room.run(facilitator, { type: "card.move", cardId: room.cardId, clusterId: null });
    expect(room.state.cards[1].clusterId).toBeNull();
  });

  it("sends a removed cluster's cards back to the unclustered pile", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "card.move", cardId: room.cardId, clusterId: room.clusterId });
    room.run(facilitator, { type: "cluster.remove", clusterId: room.clusterId });
    expect(room.state.clusters).toEqual([]);
    expect(room.state.cards).toEqual([expect.objectContaining({ id: room.cardId, clusterId: null })]);
  });

  it("gives the dots on a removed card or cluster back while voting is open, and drops links to it", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "voting.open", budget: 4, maxPerCard: 2 });
    room.run(ada, { type: "vote.cast", targetId: room.cardId });
    room.run(ada, { type: "vote.cast", targetId: room.clusterId });
    room.run(bea, { type: "vote.cast", targetId: room.cardId });
    const roundId = room.run(facilitator, { type: "consent.open", question: "Questa?", targetId: room.cardId }).createdId!;
    room.run(facilitator, { type: "action.add", text: "Seguire", sourceCardId: room.cardId });
    room.run(ada, { type: "card.remove", cardId: room.cardId });
    expect(room.state.voting.ballots).toEqual({ ada: { [room.clusterId]: 1 } });
    expect(room.state.consentRounds.find((round) => round.id === roundId)?.cardId).toBeNull();
    expect(room.state.actionItems[0].sourceCardId).toBeNull();
    room.run(facilitator, { type: "cluster.remove", clusterId: room.clusterId });
    expect(room.state.voting.ballots).toEqual({});
  });

  it("keeps cards and clusters that hold the result of an ended vote", () => {
    const room = liveRoom();
    const unvoted = room.run(bea, { type: "card.add", text: "Senza punti", anonymous: false }).createdId!;
    room.run(facilitator, { type: "voting.open", budget: 2, maxPerCard: 1 });
    room.run(ada, { type: "vote.cast", targetId: room.cardId });
    room.run(ada, { type: "vote.cast", targetId: room.clusterId });
    room.run(facilitator, { type: "voting.close" });
    expect(room.refuse(ada, { type: "card.remove", cardId: room.cardId })).toMatchObject({ code: "conflict", reason: "target-has-votes" });
    expect(room.refuse(facilitator, { type: "cluster.remove", clusterId: room.clusterId }).reason).toBe("target-has-votes");
    room.run(bea, { type: "card.remove", cardId: unvoted });
  });

  it("holds a bounded number of cards and clusters", () => {
    const state = createRoomState({
      agenda: AGENDA,
      cards: Array.from({ length: ROOM_LIMITS.cards }, (_, index) => ({ id: `c${index}`, authorId: "ada", text: "Idea", anonymous: false, createdAt: 0 })),
    });
    const room = createRoom({ state });
    expect(room.refuse(ada, { type: "card.add", text: "Una di troppo", anonymous: false })).toMatchObject({ code: "conflict", reason: "limit-reached" });
    const clusters = createRoom({ state: { ...createRoomState({ agenda: AGENDA }), clusters: Array.from({ length: ROOM_LIMITS.clusters }, (_, index) => ({ id: `k${index}`, name: "G" })) } });
    expect(clusters.refuse(facilitator, { type: "cluster.create", name: "Ancora" }).reason).toBe("limit-reached");
  });
});

describe("consent rounds", () => {
  const outcomeOf = (answers: { answer: "agree" | "abstain" | "object"; reason?: string }[]) => {
    const room = liveRoom();
    const roundId = room.run(facilitator, { type: "consent.open", question: "Procediamo?" }).createdId!;
    answers.forEach((answer, index) => room.run(member(`p${index}`), { type: "consent.respond", roundId, ...answer }));
    room.run(facilitator, { type: "consent.close", roundId });
    return room.state.consentRounds[0].outcome;
  };

  it.each([
    ["nobody answers", [], "not-adopted"],
    ["everyone agrees", [{ answer: "agree" }, { answer: "agree" }], "adopted"],
    ["agreements and abstentions", [{ answer: "agree" }, { answer: "abstain" }], "adopted"],
    ["abstentions only", [{ answer: "abstain" }], "adopted"],
    ["one objection among agreements", [{ answer: "agree" }, { answer: "object", reason: "Costa troppo" }, { answer: "agree" }], "not-adopted"],
  ] as const)("%s → %s", (_name, answers, expected) => {
    expect(outcomeOf([...answers])).toBe(expected);
  });

  it("lets people change their answer while the round is open, and counts the last one", () => {
    const room = liveRoom();
    const roundId = room.run(facilitator, { type: "consent.open", question: "Procediamo?" }).createdId!;
    room.run(ada, { type: "consent.respond", roundId, answer: "object", reason: "  Manca il budget  " });
    expect(room.state.consentRounds[0].responses.ada).toEqual({ answer: "object", reason: "Manca il budget" });
    room.run(ada, { type: "consent.respond", roundId, answer: "agree" });
    room.run(facilitator, { type: "consent.close", roundId });
    expect(room.state.consentRounds[0]).toMatchObject({ outcome: "adopted", responses: { ada: { answer: "agree", reason: null } }, closedAt: room.now });
  });

  it("refuses answers to closed or unknown rounds, closing twice and two open rounds", () => {
    const room = liveRoom();
    const roundId = room.run(facilitator, { type: "consent.open", question: "Uno?" }).createdId!;
    expect(room.refuse(facilitator, { type: "consent.open", question: "Due?" })).toMatchObject({ code: "conflict", reason: "consent-round-open" });
    room.run(facilitator, { type: "consent.close", roundId });
    expect(room.refuse(ada, { type: "consent.respond", roundId, answer: "agree" })).toMatchObject({ code: "conflict", reason: "round-closed" });
    expect(room.refuse(facilitator, { type: "consent.close", roundId }).reason).toBe("round-closed");
    expect(room.refuse(ada, { type: "consent.respond", roundId: "nope", answer: "agree" })).toMatchObject({ code: "not-found", reason: "round-not-found" });
    expect(room.refuse(facilitator, { type: "consent.close", roundId: "nope" }).reason).toBe("round-not-found");
    room.run(facilitator, { type: "consent.open", question: "Due?" });
  });

  it("links a round to a card or a cluster, and refuses unknown targets", () => {
    const room = liveRoom();
    const onCard = room.run(facilitator, { type: "consent.open", question: "La carta?", targetId: room.cardId }).createdId!;
    room.run(facilitator, { type: "consent.close", roundId: onCard });
    room.run(facilitator, { type: "consent.open", question: "Il gruppo?", targetId: room.clusterId });
    expect(room.state.consentRounds.map((round) => [round.cardId, round.clusterId])).toEqual([
      [room.cardId, null],
      [null, room.clusterId],
    ]);
    const other = createRoom();
    other.run(facilitator, { type: "session.start" });
    expect(other.refuse(facilitator, { type: "consent.open", question: "?", targetId: "nope" })).toMatchObject({ code: "not-found", reason: "target-not-found" });
  });
});

describe("action items", () => {
  it("are added by facilitators with optional owner, due day and source card", () => {
    const room = liveRoom();
    const id = room.run(facilitator, { type: "action.add", text: "  Chiamare la scuola ", ownerId: null, dueDate: null }).createdId!;
    expect(room.state.actionItems).toEqual([{ id, text: "Chiamare la scuola", ownerId: null, dueDate: null, sourceCardId: null, createdAt: room.now }]);
    expect(room.refuse(facilitator, { type: "action.add", text: "x", sourceCardId: "nope" })).toMatchObject({ code: "not-found", reason: "card-not-found" });
    expect(room.refuse(facilitator, { type: "action.remove", actionId: "nope" })).toMatchObject({ code: "not-found", reason: "action-not-found" });
    expect(room.refuse(ada, { type: "action.add", text: "Io" }).code).toBe("forbidden");
  });
});

describe("a saved room", () => {
  it("is plain JSON: a reloaded state gives the same results and the same views, command after command", () => {
    const room = liveRoom();
    room.run(facilitator, { type: "voting.open", budget: 3, maxPerCard: 2 });
    room.run(ada, { type: "vote.cast", targetId: room.cardId });
    room.run(bea, { type: "card.add", text: "Segreta", anonymous: true });
    room.run(facilitator, { type: "timer.start" });
    const roundId = room.run(facilitator, { type: "consent.open", question: "Ok?" }).createdId!;
    room.run(bea, { type: "consent.respond", roundId, answer: "object", reason: "No" });

    let live = room.state;
    let reloaded: RoomState = JSON.parse(JSON.stringify(room.state));
    expect(reloaded).toStrictEqual(live);
    const commands: [typeof ada, RoomCommandInput][] = [
      [ada, { type: "vote.cast", targetId: room.cardId }],
      [ada, { type: "vote.cast", targetId: room.cardId }],
      [bea, { type: "vote.retract", targetId: room.cardId }],
      [facilitator, { type: "timer.pause" }],
      [facilitator, { type: "consent.close", roundId }],
      [facilitator, { type: "session.end" }],
    ];
    for (const [actor, command] of commands) {
      const context = { now: room.now + 1000, newId: () => "same-id" };
      const a = applyRoomCommand(live, command, actor, context);
      const b = applyRoomCommand(reloaded, command, actor, context);
      expect(b).toStrictEqual(a);
      for (const viewer of [ada, bea, facilitator, observer]) expect(roomViewFor(reloaded, viewer, context.now)).toStrictEqual(roomViewFor(live, viewer, context.now));
      if (a.ok && b.ok) {
        live = a.state;
        reloaded = JSON.parse(JSON.stringify(b.state));
      }
    }
    expect(live.status).toBe("ended");
  });
});
