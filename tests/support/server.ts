import { existsSync } from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../../server/app";

/** Starts the real app (built web UI, /collab, /socket.io/) on a free loopback port. */
export async function startTestServer(): Promise<RunningServer> {
  if (!existsSync(path.resolve("build/server/index.js"))) {
    throw new Error("The web app is not built: run `npm run build` first (npm test does it).");
  }
  return startServer({ host: "127.0.0.1", port: 0, log: () => undefined });
}

export { loginCookie } from "./login";
