import type { RoomActor } from "~/policies";
import { applyRoomCommand, type RoomState } from "~/sessions/room-state";

// A whole meeting played through the room's reducer, for the minutes' tests: two people check in
// from their devices, the facilitator ticks a third (and ticks a fourth who then leaves), cards
// (one anonymous) are grouped and voted on, one consent round is decided, one action is taken, and
// the session ends. Times are fixed so the minutes can be checked to the minute.

export type MeetingPeople = { facilitator: string; anna: string; bruno: string; carla: string; dario: string };

export type EndedMeeting = {
  state: RoomState;
  ids: { anonymousCard: string; namedCard: string; looseCard: string; cluster: string; round: string; action: string };
};

/** Plays the meeting on `state` (a fresh room whose agenda has at least three items). */
export function playMeeting(state: RoomState, people: MeetingPeople, start = Date.UTC(2026, 11, 3, 16, 30)): EndedMeeting {
  let now = start;
  let next = 0;
  const newId = () => `made-${++next}`;
  const facilitator: RoomActor = { userId: people.facilitator, role: "FACILITATOR" };
  const as = (userId: string): RoomActor => ({ userId, role: userId === people.facilitator ? "FACILITATOR" : "MEMBER" });
  const run = (actor: RoomActor, command: Record<string, unknown>) => {
    const result = applyRoomCommand(state, command, actor, { now, newId });
    if (!result.ok) throw new Error(`Refused ${JSON.stringify(command)}: ${result.error.message}`);
    state = result.state;
    return result.event.createdId ?? "";
  };

  run(facilitator, { type: "session.start" });
  run(as(people.anna), { type: "attendance.check-in" });
  run(as(people.bruno), { type: "attendance.check-in" });
  run(facilitator, { type: "attendance.mark", userId: people.carla, present: true });
  run(facilitator, { type: "attendance.mark", userId: people.dario, present: true });
  run(facilitator, { type: "attendance.mark", userId: people.dario, present: false });
  // Item 1 for 4 minutes.
  now += 4 * 60_000;
  run(facilitator, { type: "agenda.next" });
  const anonymousCard = run(as(people.anna), { type: "card.add", text: "Un doposcuola aperto anche d'estate", anonymous: true });
  const namedCard = run(as(people.bruno), { type: "card.add", text: "Trasporto per gli anziani del lago" });
  const looseCard = run(as(people.anna), { type: "card.add", text: "Uno sportello per le famiglie" });
  const cluster = run(facilitator, { type: "cluster.create", name: "Scuola ed estate" });
  run(facilitator, { type: "card.move", cardId: anonymousCard, clusterId: cluster });
  run(facilitator, { type: "card.move", cardId: namedCard, clusterId: cluster });
  run(facilitator, { type: "cards.reveal" });
  run(facilitator, { type: "voting.open", budget: 3, maxPerCard: 2 });
  run(as(people.anna), { type: "vote.cast", targetId: cluster });
  run(as(people.anna), { type: "vote.cast", targetId: cluster });
  run(as(people.bruno), { type: "vote.cast", targetId: namedCard });
  run(as(people.bruno), { type: "vote.cast", targetId: cluster });
  run(facilitator, { type: "voting.close" });
  // Item 2 for 20 minutes and a half (rounds to 21).
  now += 20 * 60_000 + 30_000;
  run(facilitator, { type: "agenda.next" });
  const round = run(facilitator, { type: "consent.open", question: "Proponiamo il doposcuola estivo?", targetId: cluster });
  run(as(people.anna), { type: "consent.respond", roundId: round, answer: "agree" });
  run(as(people.bruno), { type: "consent.respond", roundId: round, answer: "object", reason: "Mancano ancora i fondi" });
  run(facilitator, { type: "consent.respond", roundId: round, answer: "abstain" });
  run(facilitator, { type: "consent.close", roundId: round });
  const action = run(facilitator, { type: "action.add", text: "Chiedere i costi alle scuole", ownerId: people.bruno, dueDate: "2026-12-15", sourceCardId: namedCard });
  // Item 3 for 10 minutes, then the end.
  now += 10 * 60_000;
  run(facilitator, { type: "session.end" });
  return { state, ids: { anonymousCard, namedCard, looseCard, cluster, round, action } };
}
