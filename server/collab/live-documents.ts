import type { Hocuspocus } from "@hocuspocus/server";
import { registerDocumentAnnouncer, registerLiveDocuments } from "~/services/live-documents.server";

/**
 * Lets domain code change a document through Hocuspocus (a direct connection), so open editors
 * receive the change like any other edit. The durable persistence logs server-side changes from
 * its onChange hook, and disconnecting runs the store hook, which waits for that log write: when
 * the applier resolves, the change is durable. Announcements (comments changed, say) go to the
 * document's open connections as stateless messages. Returns the function that unregisters both.
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
  registerDocumentAnnouncer((name, announcement) => {
    hocuspocus.documents.get(name)?.broadcastStateless(JSON.stringify(announcement));
  });
  return () => {
    registerLiveDocuments(undefined);
    registerDocumentAnnouncer(undefined);
  };
}
