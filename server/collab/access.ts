import type { Hocuspocus } from "@hocuspocus/server";
import { getSessionUserById } from "~/models/user.server";
import { getProposalLabId, loadProposalAccess } from "~/models/proposal-access.server";
import { documentAccess, registerDocumentKind, type DocumentAccess } from "~/policies";
import { onAccessChange, type AccessChange } from "~/services/access-events.server";
import { toActor } from "~/services/auth.server";
import type { CollabContext } from "./hocuspocus";

// Proposals are the collaborative documents of labs: "proposal:<id>".
registerDocumentKind("proposal", (actor, id) => (/^[0-9a-f-]{36}$/i.test(id) ? loadProposalAccess(actor, id) : "none"));

/** The message a connection gets when its rights change while it is open (the editor follows it). */
export type AccessStatelessMessage = { type: "access"; access: DocumentAccess };

const proposalId = (documentName: string) => (documentName.startsWith("proposal:") ? documentName.slice("proposal:".length) : null);

/**
 * Re-checks every open connection of the documents a change touches: a person removed from the
 * lab is disconnected; one who became an observer (or whose proposal left the editable stages)
 * turns read-only, and the server discards anything they still send.
 */
async function applyAccessChange(hocuspocus: Hocuspocus<CollabContext>, change: AccessChange) {
  for (const document of hocuspocus.documents.values()) {
    const id = proposalId(document.name);
    if (!id || (change.proposalId && change.proposalId !== id)) continue;
    if (!change.proposalId && (await getProposalLabId(id)) !== change.labId) continue;
    for (const connection of document.getConnections()) {
      const context = connection.context as CollabContext | undefined;
      if (!context?.user) continue;
      // The person may have been deactivated too: read them again.
      const user = await getSessionUserById(context.user.id);
      const access = await documentAccess(toActor(user), document.name);
      if (access === "none") {
        connection.close({ code: 4403, reason: "forbidden" });
        continue;
      }
      const readOnly = access === "read";
      if (connection.readOnly !== readOnly) {
        connection.readOnly = readOnly;
        connection.sendStateless(JSON.stringify({ type: "access", access } satisfies AccessStatelessMessage));
      }
    }
  }
}

/** Makes open /collab connections follow access changes; returns the function that stops it. */
export function followAccessChanges(hocuspocus: Hocuspocus<CollabContext>): () => void {
  let queue = Promise.resolve();
  return onAccessChange((change) => {
    // One change at a time, in order, so a later change always has the last word.
    queue = queue.then(() => applyAccessChange(hocuspocus, change)).catch((error: unknown) => console.error("Access re-check failed", error));
  });
}
