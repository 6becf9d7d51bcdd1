import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { disconnectDatabase, migrateDatabase } from "~/db.server";
import { loadDocumentState } from "~/models/collab-document.server";
import { registerDocumentKind } from "~/policies";
import { openDocument, typeAndWaitForRelay } from "../../support/collab-client";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { serveScriptArguments } from "../../support/serve-script";
import { loginCookie, startTestServer } from "../../support/server";

const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const dataDir = mkdtempSync(path.join(tmpdir(), "twb-shutdown-"));

beforeAll(async () => {
  // The flush must be checked after the server closed its database, so the embedded database
  // of this file lives in a folder (an in-memory one would vanish with the close).
  if (!process.env.DATABASE_URL) {
    await disconnectDatabase();
    process.env.DATA_DIR = dataDir;
    await migrateDatabase();
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

registerDocumentKind("test-shutdown", () => "edit");

describe("graceful shutdown", () => {
  it("stores every open collaborative document before closing the database", async () => {
    const server = await startTestServer();
    const person = await createTestUser();
    const cookie = await loginCookie(server.url, person.email, TEST_PASSWORD);
    const name = `test-shutdown:${randomUUID()}`;
    const writer = await openDocument(server.url, name, cookie);
    const witness = await openDocument(server.url, name, cookie);
    if (writer.status !== "synced" || witness.status !== "synced") throw new Error("not synced");
    // Relayed means applied by the server; its debounced save has not run yet.
    await typeAndWaitForRelay(writer.document, witness.document, "Ultima modifica prima della chiusura");

    await server.close();

    const stored = await loadDocumentState(name);
    expect(stored).not.toBeNull();
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored!);
    expect(reloaded.getText("body").toString()).toBe("Ultima modifica prima della chiusura");
    writer.provider.destroy();
    witness.provider.destroy();
  });
});

/** Runs the server as `npm run serve` (and `npm start` after its build) would, with its own data folder and port. */
function runServerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [tsxCli, ...serveScriptArguments()], {
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: mkdtempSync(path.join(tmpdir(), "twb-proc-")), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe("the server process", () => {
  it("exits 0 on SIGTERM after answering /healthz", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const server = runServerProcess({ PORT: String(port) });
    const deadline = Date.now() + 60_000;
    let health: unknown = null;
    while (Date.now() < deadline && !health) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(health, server.output()).toEqual({ status: "ok", database: "embedded" });
    server.child.kill("SIGTERM");
    expect(await server.exited, server.output()).toBe(0);
    expect(server.output()).toContain("Chiuso.");
  }, 90_000);

  it("refuses to start in production without SESSION_SECRET, saying why", async () => {
    const server = runServerProcess({ NODE_ENV: "production", SESSION_SECRET: "", PORT: "0" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("SESSION_SECRET è obbligatorio in produzione");
  }, 60_000);
});
