import type { Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { registerLiveDocuments } from "~/services/live-documents.server";

/**
 * Lets domain code change a document through Hocuspocus (a direct connection), so open editors
 * receive the change like any other edit. Returns the function that unregisters it.
 */
export function serveLiveDocuments(hocuspocus: Hocuspocus): () => void {
  registerLiveDocuments(async (name, change) => {
    const context = { system: true };
    const connection = await hocuspocus.openDirectConnection(name, context);
    const document = connection.document;
    if (!document) throw new Error(`Document ${name} could not be opened`);
    // Yjs emits "update" when the outermost transaction ends: listen around it, keeping only
    // the updates of this connection's own transaction.
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array, origin: unknown) => {
      if ((origin as { context?: unknown } | null)?.context === context) updates.push(update);
    };
    document.on("update", collect);
    try {
      await connection.transact((live) => change(live));
    } finally {
      document.off("update", collect);
      await connection.disconnect();
    }
    return updates.length ? Y.mergeUpdates(updates) : null;
  });
  return () => registerLiveDocuments(undefined);
}
