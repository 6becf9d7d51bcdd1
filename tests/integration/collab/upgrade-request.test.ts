import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hocuspocus } from "@hocuspocus/server";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabUpgradeHandler } from "../../../server/collab/upgrade";

// The upgrade handler hands Hocuspocus a light request (path-only URL + headers) instead of a Fetch
// Request: every hook must still see the browser's headers and the URL's query.
describe("the request Hocuspocus gets from /collab upgrades", () => {
  const seen: Array<{ hook: string; cookie: string | null; lang: string | null }> = [];
  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [
      {
        async onAuthenticate({ requestHeaders, requestParameters }) {
          seen.push({ hook: "onAuthenticate", cookie: requestHeaders.get("cookie"), lang: requestParameters.get("lang") });
        },
        async beforeHandleMessage({ requestHeaders, requestParameters }) {
          seen.push({ hook: "beforeHandleMessage", cookie: requestHeaders.get("cookie"), lang: requestParameters.get("lang") });
        },
        async onChange({ requestHeaders, requestParameters }) {
          seen.push({ hook: "onChange", cookie: requestHeaders.get("cookie"), lang: requestParameters.get("lang") });
        },
      },
    ],
  });
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const upgrade = createCollabUpgradeHandler(hocuspocus);
    server = createServer();
    server.on("upgrade", (request, socket, head) => upgrade.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab?lang=it`;
  });

  afterAll(async () => {
    hocuspocus.closeConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("passes the cookie header and the query to onAuthenticate and to every per-message hook", async () => {
    const headers = { cookie: "twb_session=abc; other=1" };
    const websocketProvider = new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: class extends WebSocket {
        constructor(address: string | URL, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      maxAttempts: 1,
    });
    const document = new Y.Doc();
    const provider = new HocuspocusProvider({ websocketProvider, name: "upgrade-request", document, token: "t" });
    provider.attach();
    await new Promise<void>((resolve) => provider.on("synced", () => resolve()));
    document.getText("body").insert(0, "ciao");
    await expect.poll(() => seen.some((entry) => entry.hook === "onChange")).toBe(true);
    provider.destroy();
    websocketProvider.destroy();

    expect(new Set(seen.map((entry) => entry.hook))).toEqual(new Set(["onAuthenticate", "beforeHandleMessage", "onChange"]));
    for (const entry of seen) expect(entry).toMatchObject({ cookie: "twb_session=abc; other=1", lang: "it" });
  });

  // Hocuspocus (patched) reuses the last routing key a connection sent when the next message's key
  // has the same bytes: documents multiplexed on one socket, with names of equal length, must still
  // each get only their own messages.
  it("routes the messages of documents sharing one socket to their own documents", async () => {
    const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, maxAttempts: 1 });
    const names = ["shared-socket-a", "shared-socket-b", "shared-socket-ab"];
    const replicas = names.map((name) => {
      const document = new Y.Doc();
      const provider = new HocuspocusProvider({ websocketProvider, name, document, token: "t" });
      provider.attach();
      return { name, document, provider, synced: new Promise<void>((resolve) => provider.on("synced", () => resolve())) };
    });
    await Promise.all(replicas.map((replica) => replica.synced));
    for (let round = 0; round < 5; round++) {
      for (const replica of replicas) replica.document.getText("body").insert(0, `${replica.name}:${round};`);
    }
    const serverText = (name: string) => hocuspocus.documents.get(name)?.getText("body").toString();
    for (const replica of replicas) await expect.poll(() => serverText(replica.name)).toBe(replica.document.getText("body").toString());
    for (const replica of replicas) expect(serverText(replica.name)?.split(";").filter(Boolean).every((part) => part.startsWith(`${replica.name}:`))).toBe(true);
    for (const replica of replicas) replica.provider.destroy();
    websocketProvider.destroy();
  });
});
