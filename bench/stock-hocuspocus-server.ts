// Benchmark child: stock Hocuspocus 4.7 as its own Server class runs it (no extensions: no auth, no
// persistence; default settings) on a loopback port. Not a target of the issue: it shows how much
// of the app's cost is Hocuspocus itself and how much is authorization plus the durable log.
import { Server } from "@hocuspocus/server";

const server = new Server({ quiet: true, address: "127.0.0.1", port: 0, stopOnSignals: false });
await server.listen();
process.send?.({ type: "ready", url: `http://127.0.0.1:${server.address.port}` });
process.on("message", async (message: { type: string; id?: number }) => {
  if (message.type === "stats") {
    const cpu = process.cpuUsage();
    if (global.gc) {
      global.gc();
      global.gc();
    }
    process.send?.({ type: "stats", id: message.id, cpu, memory: process.memoryUsage() });
  } else if (message.type === "close") {
    await server.destroy();
    process.send?.({ type: "closed" });
    process.exit(0);
  }
});
