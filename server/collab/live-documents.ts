import type { Hocuspocus } from "@hocuspocus/server";
import { registerLiveDocuments } from "~/services/live-documents.server";

/**
 * Lets domain code change a document through Hocuspocus (a direct connection), so open editors
 * receive the change like any other edit. The durable persistence logs server-side changes from
 * its onChange hook, and disconnecting runs the store hook, which waits for that log write: when
 * the applier resolves, the change is durable. Returns the function that unregisters it.
 */
export function serveLiveDocuments(hocuspocus: Hocuspocus): () => void {
  registerLiveDocuments(async (name, change) => {
    const connection = await hocuspocus.openDirectConnection(name, { system: true });
    try {
      await connection.transact((live) => change(live));
    } finally {
      await connection.disconnect();
    }
  });
  return () => registerLiveDocuments(undefined);
}
