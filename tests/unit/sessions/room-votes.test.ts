import { describe, expect, it } from "vitest";
import type { RoomActor } from "~/policies";
import { applyRoomCommand, createRoomState, type RoomResult, type RoomState } from "~/sessions/room-state";
import { countVotesCast, tallyVotes } from "~/sessions/room-votes";
import { AGENDA, createRoom, deepFreeze, facilitator, member, sequentialIds } from "./room-helpers";
import { mulberry32 } from "../../support/random";

const ada = member("ada");
const bea = member("bea");

function votingRoom(budget: number, maxPerCard: number) {
  const room = createRoom();
  room.run(facilitator, { type: "session.start" });
  const cards = ["Orto", "Biblioteca", "Ciclofficina"].map((text) => room.run(ada, { type: "card.add", text, anonymous: false }).createdId!);
  const cluster = room.run(facilitator, { type: "cluster.create", name: "Spazi" }).createdId!;
  room.run(facilitator, { type: "voting.open", budget, maxPerCard });
  return Object.assign(room, { cards, cluster });
}

describe("dot voting", () => {
  it("spends the budget exactly, no more", () => {
    const room = votingRoom(3, 3);
    for (let dot = 0; dot < 3; dot++) room.run(ada, { type: "vote.cast", targetId: room.cards[dot % 2] });
    expect(room.refuse(ada, { type: "vote.cast", targetId: room.cards[2] })).toMatchObject({ code: "conflict", reason: "budget-exhausted" });
    room.run(ada, { type: "vote.retract", targetId: room.cards[0] });
    room.run(ada, { type: "vote.cast", targetId: room.cards[2] });
    expect(room.state.voting.ballots.ada).toEqual({ [room.cards[0]]: 1, [room.cards[1]]: 1, [room.cards[2]]: 1 });
  });

  it("puts at most maxPerCard dots on one card or cluster", () => {
    const room = votingRoom(5, 2);
    room.run(ada, { type: "vote.cast", targetId: room.cluster });
    room.run(ada, { type: "vote.cast", targetId: room.cluster });
    expect(room.refuse(ada, { type: "vote.cast", targetId: room.cluster })).toMatchObject({ code: "conflict", reason: "max-per-card" });
    // The maximum is per voter: another person may still vote for it.
    room.run(bea, { type: "vote.cast", targetId: room.cluster });
  });

  it("retracts only dots one has, and forgets empty ballots", () => {
    const room = votingRoom(3, 2);
    expect(room.refuse(ada, { type: "vote.retract", targetId: room.cards[0] })).toMatchObject({ code: "conflict", reason: "no-dot-to-retract" });
    room.run(bea, { type: "vote.cast", targetId: room.cards[0] });
    expect(room.refuse(ada, { type: "vote.retract", targetId: room.cards[0] }).reason).toBe("no-dot-to-retract");
    room.run(ada, { type: "vote.cast", targetId: room.cards[0] });
    room.run(ada, { type: "vote.retract", targetId: room.cards[0] });
    expect(room.state.voting.ballots).toEqual({ bea: { [room.cards[0]]: 1 } });
  });

  it("takes dots only on existing targets while voting is open", () => {
    const room = votingRoom(3, 2);
    expect(room.refuse(ada, { type: "vote.cast", targetId: "nope" })).toMatchObject({ code: "not-found", reason: "target-not-found" });
    room.run(facilitator, { type: "voting.close" });
    expect(room.refuse(ada, { type: "vote.cast", targetId: room.cards[0] })).toMatchObject({ code: "conflict", reason: "voting-not-open" });
    expect(room.refuse(ada, { type: "vote.retract", targetId: room.cards[0] }).reason).toBe("voting-not-open");
    expect(room.refuse(facilitator, { type: "voting.close" }).reason).toBe("voting-not-open");

    const before = createRoom();
    before.run(facilitator, { type: "session.start" });
    const card = before.run(ada, { type: "card.add", text: "Idea", anonymous: false }).createdId!;
    expect(before.refuse(ada, { type: "vote.cast", targetId: card }).reason).toBe("voting-not-open");
    expect(before.refuse(facilitator, { type: "voting.reveal" }).reason).toBe("voting-not-open");
  });

  it("reveals counts once, and a new round starts from empty ballots", () => {
    const room = votingRoom(2, 1);
    expect(room.refuse(facilitator, { type: "voting.open", budget: 2, maxPerCard: 1 })).toMatchObject({ code: "conflict", reason: "voting-already-open" });
    room.run(ada, { type: "vote.cast", targetId: room.cards[0] });
    room.run(facilitator, { type: "voting.reveal" });
    expect(room.refuse(facilitator, { type: "voting.reveal" })).toMatchObject({ code: "conflict", reason: "counts-already-revealed" });
    room.run(facilitator, { type: "voting.close" });
    room.run(facilitator, { type: "voting.open", budget: 4, maxPerCard: 4 });
    expect(room.state.voting).toEqual({ status: "open", round: 2, budget: 4, maxPerCard: 4, countsRevealed: false, ballots: {} });
  });
});

describe("tallyVotes and countVotesCast", () => {
  it("sum dots per target, most first, ties in board order (clusters, then cards)", () => {
    const room = votingRoom(5, 3);
    const [orto, biblioteca, ciclofficina] = room.cards;
    for (const [voter, target] of [
      [ada, ciclofficina],
      [ada, ciclofficina],
      [bea, ciclofficina],
      [bea, biblioteca],
      [member("carla"), room.cluster],
      [member("carla"), orto],
      [member("carla"), biblioteca],
    ] as const) {
      room.run(voter, { type: "vote.cast", targetId: target });
    }
    expect(tallyVotes(room.state)).toEqual([
      { targetId: ciclofficina, kind: "card", dots: 3, voters: 2 },
      { targetId: biblioteca, kind: "card", dots: 2, voters: 2 },
      { targetId: room.cluster, kind: "cluster", dots: 1, voters: 1 },
      { targetId: orto, kind: "card", dots: 1, voters: 1 },
    ]);
    expect(countVotesCast(room.state)).toBe(7);
  });

  it("are empty before any vote", () => {
    const state = createRoomState({ agenda: AGENDA });
    expect(tallyVotes(state)).toEqual([]);
    expect(countVotesCast(state)).toBe(0);
  });
});

type Apply = typeof applyRoomCommand;

/**
 * Drives a room with a long seeded sequence of casts, retracts, new cards, removed targets and
 * new rounds from many voters, and checks every answer and the ballots against a separate,
 * deliberately naive model of the rules. Returns the mismatches (empty when the room is right) and
 * which answers the run met, to be sure it went through every rule.
 */
function checkVotesAgainstModel(apply: Apply, seed: number, steps: number): { mismatches: string[]; seen: Set<string> } {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const voters: RoomActor[] = Array.from({ length: 9 }, (_, index) => member(`v${index}`));
  const newId = sequentialIds("t");
  let now = 1_000;
  let state: RoomState = createRoomState({
    agenda: AGENDA,
    cards: Array.from({ length: 5 }, (_, index) => ({ id: `card-${index}`, authorId: "v0", text: `Idea ${index}`, anonymous: index % 2 === 0, createdAt: 0 })),
  });

  // The model: plain maps, rules written out once more, independently of the room's code.
  const targets = new Set(state.cards.map((card) => card.id));
  let open = false;
  let budget = 0;
  let max = 0;
  let ballots = new Map<string, Map<string, number>>();
  const dots = (voter: string, target: string) => ballots.get(voter)?.get(target) ?? 0;
  const used = (voter: string) => [...(ballots.get(voter)?.values() ?? [])].reduce((sum, value) => sum + value, 0);
  const setDots = (voter: string, target: string, value: number) => {
    const ballot = ballots.get(voter) ?? new Map<string, number>();
    if (value === 0) ballot.delete(target);
    else ballot.set(target, value);
    if (ballot.size === 0) ballots.delete(voter);
    else ballots.set(voter, ballot);
  };
  const modelBallots = () => Object.fromEntries([...ballots].map(([voter, ballot]) => [voter, Object.fromEntries(ballot)]));

  const mismatches: string[] = [];
  const seen = new Set<string>();
  const step = (actor: RoomActor, command: Record<string, unknown>, expected: string | "ok"): RoomResult => {
    now += 500;
    const result = apply(deepFreeze(state), command, actor, { now, newId });
    const got = result.ok ? "ok" : result.error.reason;
    seen.add(got);
    if (got !== expected) mismatches.push(`${actor.userId} ${JSON.stringify(command)}: expected ${expected}, got ${got}`);
    if (result.ok) state = result.state;
    return result;
  };

  const start = (actor: RoomActor, command: Record<string, unknown>) => step(actor, command, "ok");
  start(facilitator, { type: "session.start" });
  for (const name of ["A", "B"]) {
    const result = start(facilitator, { type: "cluster.create", name });
    if (result.ok) targets.add(result.event.createdId!);
  }
  start(facilitator, { type: "voting.open", budget: 5, maxPerCard: 2 });
  [open, budget, max] = [true, 5, 2];

  for (let index = 0; index < steps && mismatches.length === 0; index++) {
    const roll = random();
    if (roll < 0.015) {
      // A card or cluster goes away: its dots go back, unless they are an ended vote's result.
      const target = pick([...targets]);
      if (target === undefined) continue;
      const isCluster = state.clusters.some((cluster) => cluster.id === target);
      const hasDots = [...ballots.values()].some((ballot) => (ballot.get(target) ?? 0) > 0);
      const expected = !open && hasDots ? "target-has-votes" : "ok";
      const result = step(facilitator, isCluster ? { type: "cluster.remove", clusterId: target } : { type: "card.remove", cardId: target }, expected);
      if (result.ok) {
        targets.delete(target);
        for (const voter of [...ballots.keys()]) setDots(voter, target, 0);
      }
    } else if (roll < 0.035) {
      const result = step(pick(voters), { type: "card.add", text: "Nuova idea", anonymous: false }, "ok");
      if (result.ok) targets.add(result.event.createdId!);
    } else if (roll < 0.045) {
      if (open) {
        step(facilitator, { type: "voting.close" }, "ok");
        open = false;
      } else {
        const nextBudget = 1 + Math.floor(random() * 8);
        const nextMax = 1 + Math.floor(random() * nextBudget);
        step(facilitator, { type: "voting.open", budget: nextBudget, maxPerCard: nextMax }, "ok");
        [open, budget, max, ballots] = [true, nextBudget, nextMax, new Map()];
      }
    } else {
      const voter = pick(voters);
      const target = random() < 0.05 ? "no-such-target" : (pick([...targets]) ?? "no-such-target");
      if (random() < 0.65) {
        const expected = !open
          ? "voting-not-open"
          : !targets.has(target)
            ? "target-not-found"
            : used(voter.userId) >= budget
              ? "budget-exhausted"
              : dots(voter.userId, target) >= max
                ? "max-per-card"
                : "ok";
        if (step(voter, { type: "vote.cast", targetId: target }, expected).ok) setDots(voter.userId, target, dots(voter.userId, target) + 1);
      } else {
        const expected = !open ? "voting-not-open" : dots(voter.userId, target) === 0 ? "no-dot-to-retract" : "ok";
        if (step(voter, { type: "vote.retract", targetId: target }, expected).ok) setDots(voter.userId, target, dots(voter.userId, target) - 1);
      }
    }

    // Whatever happened, the room's ballots are the model's, and no voter is over a limit.
    const actual = state.voting.ballots;
    if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(modelBallots()))) {
      mismatches.push(`step ${index}: ballots ${JSON.stringify(actual)} differ from the model ${JSON.stringify(modelBallots())}`);
    }
    for (const [voter, ballot] of Object.entries(actual)) {
      const values = Object.values(ballot);
      if (values.reduce((sum, value) => sum + value, 0) > state.voting.budget) mismatches.push(`step ${index}: ${voter} is over budget`);
      if (values.some((value) => value > state.voting.maxPerCard || value <= 0)) mismatches.push(`step ${index}: ${voter} breaks the per-target limits`);
    }
    const modelTotal = [...ballots.keys()].reduce((sum, voter) => sum + used(voter), 0);
    if (countVotesCast(state) !== modelTotal) mismatches.push(`step ${index}: ${countVotesCast(state)} dots counted, model has ${modelTotal}`);
  }
  return { mismatches, seen };
}

function sortKeys(ballots: Record<string, Record<string, number>>) {
  return Object.keys(ballots)
    .sort()
    .map((voter) => [voter, Object.entries(ballots[voter]).sort(([a], [b]) => a.localeCompare(b))]);
}

describe("vote rules under a long random sequence", () => {
  it.each([1, 2, 3, 20261124])("seed %i: the room agrees with the model at every step", (seed) => {
    const { mismatches, seen } = checkVotesAgainstModel(applyRoomCommand, seed, 3000);
    expect(mismatches).toEqual([]);
    for (const answer of ["ok", "budget-exhausted", "max-per-card", "no-dot-to-retract", "target-not-found", "voting-not-open", "target-has-votes"]) expect(seen).toContain(answer);
  });

  // The check has teeth: a room that lets a dot through past a limit is caught.
  it.each(["max-per-card", "budget-exhausted"] as const)("catches a room that ignores %s", (broken) => {
    const sloppy: Apply = (state, command, actor, context) => {
      const result = applyRoomCommand(state, command, actor, context);
      if (result.ok || result.error.reason !== broken) return result;
      const targetId = (command as { targetId: string }).targetId;
      const ballot = state.voting.ballots[actor.userId] ?? {};
      const ballots = { ...state.voting.ballots, [actor.userId]: { ...ballot, [targetId]: (ballot[targetId] ?? 0) + 1 } };
      const next = { ...state, version: state.version + 1, voting: { ...state.voting, ballots } };
      return { ok: true, state: next, event: { type: "vote.cast", version: next.version, actorId: actor.userId, at: context.now, command: { type: "vote.cast", targetId }, createdId: null } };
    };
    expect(checkVotesAgainstModel(sloppy, 7, 3000).mismatches.length).toBeGreaterThan(0);
  });
});
