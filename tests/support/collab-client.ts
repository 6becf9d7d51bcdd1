import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

/** A WebSocket class for Node that presents a browser's session cookie (and optionally an Origin). */
function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export type CollabOutcome = { status: "synced"; provider: HocuspocusProvider; document: Y.Doc } | { status: "refused"; reason: string };

/** Opens a document on /collab as a real provider would and reports whether the server let it in. */
export function openDocument(baseUrl: string, name: string, cookie?: string, timeoutMs = 10_000): Promise<CollabOutcome> {
  const document = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, "ws")}/collab`,
    WebSocketPolyfill: webSocketWith(cookie ? { cookie } : {}),
    maxAttempts: 1,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from /collab for ${name}`)), timeoutMs);
    const provider = new HocuspocusProvider({
      websocketProvider,
      name,
      document,
      token: "session-cookie",
      onSynced: () => {
        clearTimeout(timer);
        resolve({ status: "synced", provider, document });
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        provider.destroy();
        websocketProvider.destroy();
        resolve({ status: "refused", reason });
      },
    });
    provider.attach();
  });
}

/** Closes a provider and its socket. */
export function closeDocument(outcome: CollabOutcome) {
  if (outcome.status !== "synced") return;
  outcome.provider.configuration.websocketProvider.destroy();
  outcome.provider.destroy();
}

/** Types into one replica and resolves once the server has relayed it to the other. */
export async function typeAndWaitForRelay(writer: Y.Doc, witness: Y.Doc, text: string): Promise<void> {
  const arrived = new Promise<void>((resolve) => witness.getText("body").observe(() => resolve()));
  writer.getText("body").insert(0, text);
  await arrived;
}
