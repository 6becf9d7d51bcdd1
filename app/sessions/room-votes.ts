import type { Ballot, RoomState } from "./room-state";

// Dot voting (issue #4): each voter has a budget of dots and may put up to maxPerCard of them on
// one card or cluster. Shared by the room, the views, the minutes and the benchmark.

/** A voter's dots on the one target, 0 when none. */
export function dotsOn(ballot: Ballot | undefined, targetId: string): number {
  return ballot && Object.hasOwn(ballot, targetId) ? ballot[targetId] : 0;
}

/** All the dots on one ballot. */
export function dotsUsed(ballot: Ballot | undefined): number {
  if (!ballot) return 0;
  let total = 0;
  for (const dots of Object.values(ballot)) total += dots;
  return total;
}

/** One voter's ballot, or undefined when they have not voted (safe for any user id). */
export function ballotOf(state: RoomState, userId: string): Ballot | undefined {
  return Object.hasOwn(state.voting.ballots, userId) ? state.voting.ballots[userId] : undefined;
}

export type VoteTally = { targetId: string; kind: "card" | "cluster"; dots: number; voters: number };

/**
 * Total dots per target that received any, most dots first; ties keep the board's order
 * (clusters, then cards), so the minutes read the same every time.
 */
export function tallyVotes(state: RoomState): VoteTally[] {
  const totals = new Map<string, { dots: number; voters: number }>();
  for (const ballot of Object.values(state.voting.ballots)) {
    for (const [targetId, dots] of Object.entries(ballot)) {
      if (dots <= 0) continue;
      const entry = totals.get(targetId) ?? { dots: 0, voters: 0 };
      totals.set(targetId, { dots: entry.dots + dots, voters: entry.voters + 1 });
    }
  }
  const board = [
    ...state.clusters.map((cluster) => ({ targetId: cluster.id, kind: "cluster" as const })),
    ...state.cards.map((card) => ({ targetId: card.id, kind: "card" as const })),
  ];
  return board
    .flatMap((target) => {
      const total = totals.get(target.targetId);
      return total ? [{ ...target, ...total }] : [];
    })
    .sort((a, b) => b.dots - a.dots);
}

/** How many dots have been cast in the current round, by everyone. */
export function countVotesCast(state: RoomState): number {
  let total = 0;
  for (const ballot of Object.values(state.voting.ballots)) total += dotsUsed(ballot);
  return total;
}
