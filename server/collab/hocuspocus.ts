import { Hocuspocus, type Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { loadDocumentState, storeDocumentState } from "~/models/collab-document.server";
import { documentAccess } from "~/policies";
import { getUserFromCookie, toActor, type SessionUser } from "~/services/auth.server";

export type CollabContext = { user: SessionUser };

/** Who may open which document: the session cookie of the upgrade request, judged by app/policies. */
const authentication: Extension = {
  async onAuthenticate({ requestHeaders, documentName, connectionConfig }) {
    const user = await getUserFromCookie(requestHeaders.get("cookie"));
    if (!user) throw new Error("unauthenticated");
    const access = await documentAccess(toActor(user), documentName);
    if (access === "none") throw new Error("forbidden");
    connectionConfig.readOnly = access === "read";
    return { user } satisfies CollabContext;
  },
};

/** Documents load from and are saved to the database as whole Yjs states. */
const persistence: Extension = {
  async onLoadDocument({ documentName, document }) {
    const state = await loadDocumentState(documentName);
    if (state) Y.applyUpdate(document, state);
  },
  async onStoreDocument({ documentName, document }) {
    await storeDocumentState(documentName, Y.encodeStateAsUpdate(document));
  },
};

/** The collaboration engine (no network of its own: server/collab/upgrade.ts feeds it sockets). */
export function createCollaboration(): Hocuspocus<CollabContext> {
  return new Hocuspocus<CollabContext>({
    name: "twb-collab",
    quiet: true,
    extensions: [authentication, persistence],
  });
}

/** Closes every connection and waits until each open document has been stored and unloaded. */
export async function flushCollaboration(hocuspocus: Hocuspocus<CollabContext>): Promise<void> {
  if (hocuspocus.getDocumentsCount() === 0) return;
  await new Promise<void>((resolve) => {
    hocuspocus.configuration.extensions.push({
      async afterUnloadDocument({ instance }) {
        if (instance.getDocumentsCount() === 0) resolve();
      },
    });
    hocuspocus.closeConnections();
    hocuspocus.flushPendingStores();
  });
}
