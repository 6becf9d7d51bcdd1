import type { AgendaItem, RoomState } from "./room-state";

// A session's agenda can change until the session starts (issue #4: the facilitator edits the
// session). The room's pre-work (cards, clusters) stays; the timer waits on the new first item.

/** The room with a new agenda, as a new version; throws once the session has started. */
export function replaceRoomAgenda(state: RoomState, agenda: Array<Omit<AgendaItem, "spentMs">>): RoomState {
  if (state.status !== "scheduled") throw new Error("The agenda of a session that has started cannot be replaced");
  return {
    ...state,
    version: state.version + 1,
    agenda: agenda.map((item) => ({ ...item, spentMs: 0 })),
    currentItemId: null,
    currentItemSince: null,
    timer: { state: "idle", durationMs: (agenda[0]?.timeboxSeconds ?? 0) * 1000, startedAt: null, accumulatedMs: 0 },
  };
}
