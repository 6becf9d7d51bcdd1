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

/** Logs in through the real /login form and returns the session cookie ("name=value"). */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`login failed for ${email}: HTTP ${response.status}`);
  return cookie.split(";")[0];
}
