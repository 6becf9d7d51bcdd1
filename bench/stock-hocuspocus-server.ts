// Benchmark child: stock Hocuspocus 4.7 as its own Server class runs it (no extensions: no auth, no
// persistence; default settings) on a loopback port. Not a target of the issue: it shows how much
// of the app's cost is Hocuspocus itself and how much is authorization plus the durable log. Since
// session 13 it runs the same patched Hocuspocus as the app (patches/@hocuspocus+server+4.7.0.patch).
import { Server } from "@hocuspocus/server";
import { answerBenchParent, profileLoadWindows } from "./child";

const server = new Server({ quiet: true, address: "127.0.0.1", port: 0, stopOnSignals: false });
await server.listen();
process.send?.({ type: "ready", url: `http://127.0.0.1:${server.address.port}` });
// BENCH_STOCK_PROFILE=<folder>: a CPU profile of each measured load window, as BENCH_APP_PROFILE for the app.
answerBenchParent({
  beforeStats: await profileLoadWindows(process.env.BENCH_STOCK_PROFILE),
  close: () => server.destroy(),
});
