// "Durable to the last keystroke": an edit the server acknowledged survives a kill -9 of the server
// at any moment, even when every client disappears at the same instant.
//
// The real server runs in a child process (tests/support/collab-test-server.ts) on a data folder
// (or a fresh PostgreSQL database with TEST_DATABASE_URL). Replicas type unique tokens at token
// boundaries into two documents, one update message per token; a token counts as acknowledged when
// the SyncStatus answering its message arrives (Hocuspocus answers a connection's update messages
// in order, one SyncStatus each, after applying them: see AckTracker in tests/support/collab-client.ts).
// At a seeded random moment the server gets SIGKILL and every
// provider is destroyed in the same tick; the server restarts on the same data and a fresh client
// must see every acknowledged token exactly once. The replicas then reconnect (pushing what was never
// acknowledged) and type on in the next round; at the end all of them must converge.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as Y from "yjs";
import { connectReplica, waitForAcknowledgements, type Replica } from "../../support/collab-client";
import { createTestDatabase } from "../../support/postgres";
import { loginCookie } from "../../support/server";
import {
  countTokens,
  eventually,
  insertTokenAtBoundary,
  runSeed,
  seededRandom,
  sleep,
  startServerProcess,
  startTyping,
  type ServerProcess,
  type Typist,
} from "./support";

const ROUNDS = 3;
const DOCUMENTS = 2;
const REPLICAS_PER_DOCUMENT = 3;
const EMAIL = `durable-${randomUUID().slice(0, 8)}@test.example`;
const PASSWORD = "durable-password-123";

const seed = runSeed();
const random = seededRandom(seed);
const dataDir = mkdtempSync(path.join(tmpdir(), "twb-durable-"));
let serverEnv: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;
let server: ServerProcess | undefined;

beforeAll(async () => {
  console.log(`durability: seed ${seed} (COLLAB_SEED=${seed} replays it)`);
  // DATA_DIR also holds the development session secret, so cookies outlive restarts in both modes.
  serverEnv = {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NODE_ENV: "development",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    COLLAB_TEST_USER_EMAIL: EMAIL,
    COLLAB_TEST_USER_PASSWORD: PASSWORD,
  };
  if (inject("testDatabaseUrl")) {
    // A database of its own: the child seeds the network into it and is killed mid-transaction.
    const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    dropDatabase = database.drop;
    serverEnv.DATABASE_URL = database.url;
  }
});

afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function restartServer(): Promise<ServerProcess> {
  server = await startServerProcess(serverEnv);
  return server;
}

async function textOnFreshClient(url: string, cookie: string, name: string): Promise<string> {
  const fresh = await connectReplica(url, name, cookie);
  const text = fresh.document.getText("body").toString();
  fresh.destroy();
  return text;
}

describe("durability under kill -9", () => {
  it(
    "keeps every acknowledged edit exactly once across kills of server and clients, and replicas converge",
    async () => {
      const names = Array.from({ length: DOCUMENTS }, () => `durable:${randomUUID()}`);
      const replicas = new Map(names.map((name) => [name, Array.from({ length: REPLICAS_PER_DOCUMENT }, () => new Y.Doc())]));
      const acknowledged = new Map(names.map((name) => [name, new Set<string>()]));
      const typed = new Map(names.map((name) => [name, new Set<string>()]));

      let running = await restartServer();
      const cookie = await loginCookie(running.url, EMAIL, PASSWORD);

      for (let round = 0; round < ROUNDS; round++) {
        const typists: Array<Typist & { name: string }> = [];
        for (const name of names) {
          for (const [index, document] of replicas.get(name)!.entries()) {
            const replica = await connectReplica(running.url, name, cookie, document);
            typists.push({ ...startTyping(replica, `d${names.indexOf(name)}c${index}.r${round}`, random), name });
          }
        }

        const killAfter = random.int(500, 1_500);
        await sleep(killAfter);
        // The same tick: the server dies and every client vanishes with it.
        running.child.kill("SIGKILL");
        for (const typist of typists) {
          typist.stop();
          typist.replica.destroy();
        }
        await running.exited;

        let roundAcknowledged = 0;
        for (const typist of typists) {
          for (const token of typist.sent) typed.get(typist.name)!.add(token);
          for (const token of typist.acknowledged) acknowledged.get(typist.name)!.add(token);
          roundAcknowledged += typist.acknowledged.size;
        }
        const roundSent = typists.reduce((sum, typist) => sum + typist.sent.length, 0);
        console.log(`durability round ${round}: killed after ${killAfter} ms, ${roundAcknowledged} of ${roundSent} tokens acknowledged`);
        // Otherwise the round proves nothing (the kill came before any acknowledgement).
        expect(roundAcknowledged, `seed ${seed}`).toBeGreaterThan(10);

        running = await restartServer();
        for (const name of names) {
          const counts = countTokens(await textOnFreshClient(running.url, cookie, name));
          const lost = [...acknowledged.get(name)!].filter((token) => !counts.has(token));
          const duplicated = [...counts].filter(([, count]) => count > 1).map(([token]) => token);
          const unknown = [...counts.keys()].filter((token) => !typed.get(name)!.has(token));
          expect({ lost, duplicated, unknown }, `seed ${seed}, round ${round}, ${name}`).toEqual({ lost: [], duplicated: [], unknown: [] });
        }
      }

      // The replicas reconnect: what they typed but never got acknowledged now reaches the server.
      const connected: Replica[] = [];
      for (const name of names) {
        for (const document of replicas.get(name)!) connected.push(await connectReplica(running.url, name, cookie, document));
      }
      for (const replica of connected) await waitForAcknowledgements(replica.provider);
      for (const name of names) {
        const documents = replicas.get(name)!;
        await eventually(
          () => documents.every((document) => document.getText("body").toString() === documents[0].getText("body").toString()),
          () => `replicas of ${name} did not converge (seed ${seed})`,
        );
        const fresh = await textOnFreshClient(running.url, cookie, name);
        expect(fresh, `seed ${seed}`).toBe(documents[0].getText("body").toString());
        const counts = countTokens(fresh);
        expect([...counts.keys()].sort(), `seed ${seed}: every token typed, once`).toEqual([...typed.get(name)!].sort());
        expect([...counts.values()].every((count) => count === 1), `seed ${seed}`).toBe(true);
      }
      for (const replica of connected) replica.destroy();
    },
    120_000,
  );
});
