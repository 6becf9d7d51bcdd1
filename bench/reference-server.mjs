// Benchmark child: the reference Yjs server (@y/websocket-server 0.1.1, the y-websocket 2 protocol),
// as its bin script runs it: no auth, no persistence (YPERSISTENCE unset), on a loopback port.
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";
import { answerBenchParent, profileLoadWindows } from "./child.ts";

delete process.env.YPERSISTENCE;
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", setupWSConnection);
const server = http.createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "text/plain" });
  response.end("okay");
});
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.send?.({ type: "ready", url: `http://127.0.0.1:${port}` });
});
// BENCH_REFERENCE_PROFILE=<folder>: a CPU profile of each measured load window, as BENCH_APP_PROFILE for the app.
answerBenchParent({
  beforeStats: await profileLoadWindows(process.env.BENCH_REFERENCE_PROFILE),
  close: () => {
    for (const ws of wss.clients) ws.terminate();
    server.close();
  },
});
