import { HocuspocusProvider, WebSocketStatus } from "@hocuspocus/provider";
import { useEffect, useRef, useState } from "react";
import * as Y from "yjs";

export type Presence = { clientId: number; name: string; color: string; userId: string };
export type CollaborationAccess = "edit" | "read" | "refused" | null;

/** The live state of one collaborative document: provider, connection, rights and who is here. */
export type Collaboration = {
  provider: HocuspocusProvider;
  document: Y.Doc;
  status: WebSocketStatus;
  synced: boolean;
  access: CollaborationAccess;
  /** True when the server lowered this connection's rights while it was open. */
  accessChanged: boolean;
  unsyncedChanges: number;
  people: Presence[];
};

/** Things the server announces beside the text (app/services/live-documents.server.ts). */
export type Announcement = "comments";

/**
 * Connects to a document on /collab with the browser's session cookie. `onAnnouncement` hears what
 * changed beside the text (new comments, say), so the page can load it again. The provider is created
 * and destroyed inside the effect: under StrictMode a provider made during render stays dead
 * after the remount (shared/STACK.md).
 */
export function useCollaboration(
  documentName: string,
  me: { id: string; name: string; color: string },
  onAnnouncement?: (announcement: Announcement) => void,
): Collaboration | null {
  const [state, setState] = useState<Collaboration | null>(null);
  // A ref, so that a new callback on each render does not reconnect the document.
  const announce = useRef(onAnnouncement);
  announce.current = onAnnouncement;

  useEffect(() => {
    const document = new Y.Doc();
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    let current: Collaboration | undefined;
    const update = (patch: Partial<Collaboration>) => {
      if (!current) return;
      current = { ...current, ...patch };
      setState(current);
    };
    const provider = new HocuspocusProvider({
      url,
      name: documentName,
      document,
      // The server authenticates the session cookie sent with the upgrade; the token is a placeholder.
      token: "session-cookie",
      onStatus: ({ status }) => update({ status }),
      onSynced: ({ state: synced }) => update({ synced }),
      onAuthenticated: ({ scope }) => update({ access: scope === "readonly" ? "read" : "edit" }),
      onAuthenticationFailed: () => update({ access: "refused" }),
      // The server closes a document's connection when the person has lost access to it.
      onClose: ({ event }) => {
        if (event.reason === "forbidden") update({ access: "refused" });
      },
      onUnsyncedChanges: ({ number }) => update({ unsyncedChanges: number }),
      onStateless: ({ payload }) => {
        try {
          const message = JSON.parse(payload) as { type?: string; access?: "edit" | "read" };
          if (message.type === "access" && message.access) update({ access: message.access, accessChanged: message.access === "read" });
          if (message.type === "comments") announce.current?.("comments");
        } catch {
          // Other stateless messages are not ours.
        }
      },
      onAwarenessChange: ({ states }) =>
        update({
          people: states
            .filter((entry) => entry.user && typeof entry.user.name === "string")
            .map((entry) => ({ clientId: entry.clientId, name: entry.user.name, color: entry.user.color, userId: entry.user.id })),
        }),
    });
    current = { provider, document, status: WebSocketStatus.Connecting, synced: false, access: null, accessChanged: false, unsyncedChanges: 0, people: [] };
    setState(current);
    // After `current` exists: announcing ourselves fires an awareness change that lists us too.
    provider.setAwarenessField("user", { id: me.id, name: me.name, color: me.color });
    return () => {
      provider.destroy();
      document.destroy();
    };
  }, [documentName, me.id, me.name, me.color]);

  return state;
}
