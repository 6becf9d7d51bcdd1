import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import { isSameOrigin } from "../origin";

// Larger frames are refused by ws before they reach Hocuspocus (documented in README).
export const COLLAB_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * What Hocuspocus 4 reads of the upgrade request: its headers (onAuthenticate finds the session
 * cookie there) and its URL's query. Hocuspocus parses that URL again for every message it handles
 * (its hook payloads carry `requestParameters`); a path-only URL is its cheap branch, where a full
 * Fetch Request's absolute URL costs a `new URL()` per message (bench:collab, README "Benchmarks").
 */
function toHocuspocusRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const upgradeRequest: Pick<Request, "url" | "headers"> = { url: request.url ?? "/", headers };
  return upgradeRequest as Request;
}

/** Accepts WebSocket upgrades on /collab and hands each socket to Hocuspocus. */
export function createCollabUpgradeHandler(hocuspocus: Hocuspocus, allowedOrigin?: string) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_MAX_MESSAGE_BYTES });
  wss.on("connection", (websocket, request: IncomingMessage) => {
    const connection = hocuspocus.handleConnection(websocket, toHocuspocusRequest(request));
    websocket.on("message", (data: Buffer, isBinary) => {
      if (!isBinary) return websocket.close(1003, "binary frames only");
      connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    websocket.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() } as CloseEvent));
    websocket.on("error", () => websocket.terminate());
  });

  return {
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      if (!isSameOrigin(request, allowedOrigin)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(request, socket, head, (websocket) => wss.emit("connection", websocket, request));
    },
    /** Drops the sockets still open (their documents were already stored) and stops the server. */
    close: () =>
      new Promise<void>((resolve) => {
        for (const websocket of wss.clients) websocket.terminate();
        wss.close(() => resolve());
      }),
  };
}
