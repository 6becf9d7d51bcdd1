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
});
