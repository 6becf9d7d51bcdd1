import { z } from "zod";

// "Turn into a proposal" on a session's board (issue #4): a cluster, or one or more cards.
// Card and cluster ids are the room's own (app/sessions/room-state.ts).

const roomId = z.string().trim().min(1).max(100);

/** The form (or fetch body) that starts a draft proposal from a session's ideas. */
export const proposalFromCardsSchema = z.union([
  z.object({ clusterId: roomId }).strict(),
  z.object({ cardIds: z.array(roomId).min(1).max(200) }).strict(),
]);

/** Reads the form: `clusterId`, or one or more `cardId` fields. */
export function readProposalFromCardsForm(formData: FormData) {
  const clusterId = formData.get("clusterId");
  const cardIds = formData.getAll("cardId");
  return proposalFromCardsSchema.safeParse(clusterId !== null ? { clusterId } : { cardIds });
}
