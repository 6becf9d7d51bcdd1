import { describe, expect, it } from "vitest";
import { ROOM_ERROR_REASONS } from "~/sessions/room-errors";
import { ROOM_COMMAND_TYPES, isoDateSchema, roomCommandSchema } from "~/sessions/room-commands";
import { createRoomState } from "~/sessions/room-state";
import { AGENDA } from "./room-helpers";

describe("roomCommandSchema", () => {
  it("knows exactly the command kinds listed in ROOM_COMMAND_TYPES", () => {
    const accepted = ROOM_COMMAND_TYPES.filter((type) => {
      const issues = roomCommandSchema.safeParse({ type }).error?.issues ?? [];
      return !issues.some((issue) => issue.code === "invalid_union_discriminator");
    });
    expect(accepted).toEqual([...ROOM_COMMAND_TYPES]);
    expect(new Set(ROOM_COMMAND_TYPES).size).toBe(ROOM_COMMAND_TYPES.length);
  });

  it("trims texts, fills defaults and keeps limits at their edges", () => {
    expect(roomCommandSchema.parse({ type: "card.add", text: "  idea  " })).toEqual({ type: "card.add", text: "idea", anonymous: false });
    expect(roomCommandSchema.safeParse({ type: "card.add", text: "x".repeat(500) }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "card.add", text: ` ${"x".repeat(500)} ` }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "cluster.create", name: "x".repeat(80) }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "consent.open", question: "x".repeat(300) }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "timer.extend", ms: 1000 }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "timer.extend", ms: 3_600_000 }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "voting.open", budget: 20, maxPerCard: 20 }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "voting.open", budget: 1, maxPerCard: 1 }).success).toBe(true);
  });

  it("asks a reason for objections only", () => {
    expect(roomCommandSchema.safeParse({ type: "consent.respond", roundId: "r1", answer: "agree" }).success).toBe(true);
    expect(roomCommandSchema.safeParse({ type: "consent.respond", roundId: "r1", answer: "abstain", reason: "Non so" }).success).toBe(true);
    const objection = roomCommandSchema.safeParse({ type: "consent.respond", roundId: "r1", answer: "object" });
    expect(objection.error?.issues.map((issue) => issue.path.join("."))).toEqual(["reason"]);
  });

  it("says which field is wrong", () => {
    const result = roomCommandSchema.safeParse({ type: "voting.open", budget: 3, maxPerCard: 5 });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["maxPerCard"]);
  });

  it("takes calendar days that exist", () => {
    expect(isoDateSchema.safeParse("2028-02-29").success).toBe(true);
    expect(isoDateSchema.safeParse("2026-02-29").success).toBe(false);
    expect(isoDateSchema.safeParse("2026-13-01").success).toBe(false);
    expect(isoDateSchema.safeParse("1/2/2026").success).toBe(false);
  });
});

describe("createRoomState", () => {
  it("starts a scheduled room with the agenda and the pre-work cards", () => {
    const state = createRoomState({ agenda: AGENDA, cards: [{ id: "c1", authorId: "ada", text: " Prima idea ", anonymous: true, createdAt: 5 }] });
    expect(state).toEqual({
      version: 0,
      status: "scheduled",
      startedAt: null,
      endedAt: null,
      agenda: [
        { id: "item-1", title: "Benvenuto", timeboxSeconds: 300, proposalId: null, spentMs: 0 },
        { id: "item-2", title: "Idee", timeboxSeconds: 900, proposalId: "proposal-1", spentMs: 0 },
        { id: "item-3", title: "Decisioni", timeboxSeconds: 600, proposalId: null, spentMs: 0 },
      ],
      currentItemId: null,
      currentItemSince: null,
      timer: { state: "idle", durationMs: 300_000, startedAt: null, accumulatedMs: 0 },
      focus: { kind: "agenda" },
      attendance: {},
      cards: [{ id: "c1", authorId: "ada", text: "Prima idea", anonymous: true, clusterId: null, createdAt: 5 }],
      cardsRevealed: false,
      clusters: [],
      voting: { status: "closed", round: 0, budget: 0, maxPerCard: 0, countsRevealed: false, ballots: {} },
      consentRounds: [],
      actionItems: [],
    });
  });

  it("refuses duplicate ids and malformed items", () => {
    expect(() => createRoomState({ agenda: [AGENDA[0], AGENDA[0]] })).toThrow(/Duplicate agenda item id/);
    expect(() => createRoomState({ agenda: [{ id: "x", title: "", timeboxSeconds: 60 }] })).toThrow();
    expect(() => createRoomState({ agenda: [{ id: "x", title: "Ok", timeboxSeconds: -1 }] })).toThrow();
    const card = { id: "c1", authorId: "ada", text: "Idea", anonymous: false, createdAt: 0 };
    expect(() => createRoomState({ agenda: [], cards: [card, card] })).toThrow(/Duplicate card id/);
  });
});

describe("ROOM_ERROR_REASONS", () => {
  it("are unique keys", () => {
    expect(new Set(ROOM_ERROR_REASONS).size).toBe(ROOM_ERROR_REASONS.length);
  });
});
