import { describe, expect, it } from "vitest";
import { allowedRoomCommands } from "~/policies";
import { roomViewFor } from "~/sessions/room-view";
import { createRoom, deepFreeze, facilitator, member, observer } from "./room-helpers";

const ada = member("ada");
const bea = member("bea");

/** A live room with ada's anonymous card, bea's signed card and a cluster. */
function board() {
  const room = createRoom();
  room.run(facilitator, { type: "session.start" });
  const secret = room.run(ada, { type: "card.add", text: "Idea anonima", anonymous: true }).createdId!;
  const signed = room.run(bea, { type: "card.add", text: "Idea firmata", anonymous: false }).createdId!;
  const cluster = room.run(facilitator, { type: "cluster.create", name: "Gruppo" }).createdId!;
  return Object.assign(room, { secret, signed, cluster });
}

describe("cards in a view", () => {
  it("hide anonymous authors from everyone but the author, facilitators included", () => {
    const room = board();
    const card = (viewer: typeof ada) => roomViewFor(room.state, viewer, room.now).cards.find((entry) => entry.id === room.secret);
    expect(card(ada)).toMatchObject({ authorId: "ada", mine: true, anonymous: true, text: "Idea anonima", hidden: false });
    for (const viewer of [bea, facilitator, observer]) expect(card(viewer)).toMatchObject({ authorId: null, mine: false, anonymous: true });
    room.run(facilitator, { type: "cards.reveal" });
    for (const viewer of [bea, facilitator, observer]) expect(card(viewer)).toMatchObject({ authorId: null, text: "Idea anonima", hidden: false });
  });

  it("hide the text of other people's anonymous cards until the reveal, and never the signed ones", () => {
    const room = board();
    const view = roomViewFor(room.state, bea, room.now);
    expect(view.cards).toEqual([
      { id: room.secret, authorId: null, mine: false, anonymous: true, text: null, hidden: true, clusterId: null, createdAt: room.now },
      { id: room.signed, authorId: "bea", mine: true, anonymous: false, text: "Idea firmata", hidden: false, clusterId: null, createdAt: room.now },
    ]);
    expect(roomViewFor(room.state, facilitator, room.now).cards[0]).toMatchObject({ text: null, hidden: true });
    expect(roomViewFor(room.state, ada, room.now).cards[1]).toMatchObject({ authorId: "bea", text: "Idea firmata", mine: false });
    expect(JSON.stringify(roomViewFor(room.state, facilitator, room.now))).not.toContain("Idea anonima");
  });
});

describe("votes in a view", () => {
  it("show each voter only their own dots and what they have left until the counts are revealed", () => {
    const room = board();
    room.run(facilitator, { type: "voting.open", budget: 4, maxPerCard: 2 });
    room.run(ada, { type: "vote.cast", targetId: room.signed });
    room.run(ada, { type: "vote.cast", targetId: room.signed });
    room.run(bea, { type: "vote.cast", targetId: room.cluster });

    const adaView = roomViewFor(room.state, ada, room.now).voting;
    expect(adaView).toEqual({ status: "open", round: 1, budget: 4, maxPerCard: 2, countsRevealed: false, myDots: { [room.signed]: 2 }, dotsLeft: 2, voters: 2, totals: null });
    expect(roomViewFor(room.state, facilitator, room.now).voting).toMatchObject({ myDots: {}, dotsLeft: 4, totals: null });
    expect(roomViewFor(room.state, observer, room.now).voting.totals).toBeNull();

    room.run(facilitator, { type: "voting.close" });
    expect(roomViewFor(room.state, bea, room.now).voting.totals).toBeNull();
    room.run(facilitator, { type: "voting.reveal" });
    for (const viewer of [ada, bea, facilitator, observer]) {
      expect(roomViewFor(room.state, viewer, room.now).voting.totals).toEqual({ [room.signed]: 2, [room.cluster]: 1 });
    }
  });

  it("never leak who voted for what before the reveal", () => {
    const room = board();
    room.run(facilitator, { type: "voting.open", budget: 2, maxPerCard: 2 });
    room.run(ada, { type: "vote.cast", targetId: room.signed });
    const serialized = JSON.stringify(roomViewFor(room.state, bea, room.now).voting);
    expect(serialized).not.toContain("ada");
    expect(serialized).not.toContain(room.signed);
  });
});

describe("consent rounds in a view", () => {
  it("show counts and reasons to all, the names of objectors to facilitators only, and each person their own answer", () => {
    const room = board();
    const roundId = room.run(facilitator, { type: "consent.open", question: "Adottiamo?" }).createdId!;
    room.run(ada, { type: "consent.respond", roundId, answer: "object", reason: "Non ci sono fondi" });
    room.run(bea, { type: "consent.respond", roundId, answer: "agree" });
    room.run(member("carla"), { type: "consent.respond", roundId, answer: "abstain" });

    const forFacilitator = roomViewFor(room.state, facilitator, room.now).consentRounds[0];
    expect(forFacilitator).toMatchObject({ counts: { agree: 1, abstain: 1, object: 1 }, objections: [{ reason: "Non ci sono fondi", userId: "ada" }], myResponse: null });
    const forBea = roomViewFor(room.state, bea, room.now).consentRounds[0];
    expect(forBea).toMatchObject({ counts: { agree: 1, abstain: 1, object: 1 }, objections: [{ reason: "Non ci sono fondi", userId: null }], myResponse: { answer: "agree", reason: null } });
    expect(JSON.stringify(forBea)).not.toContain("ada");
    expect(roomViewFor(room.state, observer, room.now).consentRounds[0].objections).toEqual([{ reason: "Non ci sono fondi", userId: null }]);
    expect(roomViewFor(room.state, ada, room.now).consentRounds[0].myResponse).toEqual({ answer: "object", reason: "Non ci sono fondi" });
  });
});

describe("the timer in a view", () => {
  it("computes remaining, elapsed and overrun time from now", () => {
    const room = board();
    const t0 = room.now;
    room.run(facilitator, { type: "timer.start", durationMs: 60_000 });
    expect(roomViewFor(room.state, ada, t0 + 20_000).timer).toEqual({
      state: "running",
      durationMs: 60_000,
      startedAt: t0,
      accumulatedMs: 0,
      elapsedMs: 20_000,
      remainingMs: 40_000,
      overrunMs: 0,
      expired: false,
    });
    expect(roomViewFor(room.state, ada, t0 + 75_000).timer).toMatchObject({ remainingMs: 0, overrunMs: 15_000, expired: true });
    expect(roomViewFor(room.state, ada, t0 + 75_000)).toMatchObject({ now: t0 + 75_000, currentItemElapsedMs: 75_000 });
  });
});

describe("a view", () => {
  it("carries the viewer's abilities and never shares objects with the state", () => {
    const room = board();
    const state = deepFreeze(room.state);
    const view = roomViewFor(state, bea, room.now);
    expect(view.me).toEqual({ userId: "bea", role: "MEMBER", abilities: allowedRoomCommands("MEMBER") });
    expect(roomViewFor(state, observer, room.now).me.abilities).toEqual([]);
    // The server may decorate a view before sending it: that must not reach the room.
    view.agenda[0].title = "changed";
    view.clusters[0].name = "changed";
    (view.focus as { kind: string }).kind = "board";
    expect(state.agenda[0].title).not.toBe("changed");
  });
});
