import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import { isSameOrigin } from "../origin";

// Larger frames are refused by ws before they reach Hocuspocus (documented in README).
export const COLLAB_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Builds a Fetch Request from a Node upgrade request, as Hocuspocus 4 expects. */
function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, { headers });
}

/** Accepts WebSocket upgrades on /collab and hands each socket to Hocuspocus. */
export function createCollabUpgradeHandler(hocuspocus: Hocuspocus, allowedOrigin?: string) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_MAX_MESSAGE_BYTES });
  wss.on("connection", (websocket, request: IncomingMessage) => {
    const connection = hocuspocus.handleConnection(websocket, toFetchRequest(request));
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
