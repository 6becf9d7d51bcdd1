import type { Hocuspocus } from "@hocuspocus/server";
import { getSessionUserById } from "~/models/user.server";
import { getProposalLabId, loadProposalAccess } from "~/models/proposal-access.server";
import { getSessionLabId, loadMinutesAccess } from "~/models/session-minutes.server";
import { documentAccess, registerDocumentKind, type DocumentAccess } from "~/policies";
import { onAccessChange, type AccessChange } from "~/services/access-events.server";
import { toActor } from "~/services/auth.server";
import type { CollabContext } from "./hocuspocus";

// Proposals are the collaborative documents of labs: "proposal:<id>".
registerDocumentKind("proposal", (actor, id) => (/^[0-9a-f-]{36}$/i.test(id) ? loadProposalAccess(actor, id) : "none"));
// A session's minutes (issue #4): "minutes:<sessionId>".
registerDocumentKind("minutes", (actor, id) => (/^[0-9a-f-]{36}$/i.test(id) ? loadMinutesAccess(actor, id) : "none"));

/** The message a connection gets when its rights change while it is open (the editor follows it). */
export type AccessStatelessMessage = { type: "access"; access: DocumentAccess };

const idOf = (kind: string, documentName: string) => (documentName.startsWith(`${kind}:`) ? documentName.slice(kind.length + 1) : null);

/** Whether an open document may be touched by a change: a proposal of the lab, or a session's minutes. */
async function concerns(documentName: string, change: AccessChange): Promise<boolean> {
  const proposalId = idOf("proposal", documentName);
  if (proposalId) {
    if (change.proposalId) return change.proposalId === proposalId;
    return !change.sessionId && (await getProposalLabId(proposalId)) === change.labId;
  }
  const sessionId = idOf("minutes", documentName);
  if (sessionId) {
    if (change.sessionId) return change.sessionId === sessionId;
    return !change.proposalId && (await getSessionLabId(sessionId)) === change.labId;
  }
  return false;
}

/**
 * Re-checks every open connection of the documents a change touches: a person removed from the
 * lab is disconnected; one who became an observer (or whose proposal left the editable stages, or
 * whose session was closed) turns read-only, and the server discards anything they still send.
 */
async function applyAccessChange(hocuspocus: Hocuspocus<CollabContext>, change: AccessChange) {
  for (const document of hocuspocus.documents.values()) {
    if (!(await concerns(document.name, change))) continue;
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
