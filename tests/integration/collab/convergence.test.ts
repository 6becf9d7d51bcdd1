// Seeded random concurrent editing: 3-12 replicas insert and delete tokens in one document while
// they randomly drop their connection (editing on offline) and come back. Once everyone is back and
// acknowledged, every replica, a fresh client and a reload from the database must hold the same
// document, containing each surviving token once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadDocumentState } from "~/models/collab-document.server";
import { registerDocumentKind } from "~/policies";
import type { RunningServer } from "../../../server/app";
import { connectReplica, waitForAcknowledgements, type Replica } from "../../support/collab-client";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";
import { countTokens, eventually, insertTokenAtBoundary, runSeed, seededRandom, sleep, tokensIn, type Random } from "./support";

registerDocumentKind("converge", () => "edit");

const seed = runSeed();
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  console.log(`convergence: seed ${seed} (COLLAB_SEED=${seed} replays it)`);
  server = await startTestServer();
  const person = await createTestUser();
  cookie = await loginCookie(server.url, person.email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

type Client = { document: Y.Doc; replica?: Replica; connecting?: Promise<void> };

/** Deletes one whole token (as this replica sees it), so tokens never end up split. */
function deleteRandomToken(text: Y.Text, random: Random): void {
  const current = text.toString();
  const tokens = tokensIn(current);
  if (tokens.length === 0) return;
  const occurrence = random.int(0, tokens.length - 1);
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) index = current.indexOf("[", index + 1);
  text.delete(index, current.indexOf("]", index) - index + 1);
}

async function runSession(name: string, random: Random, clientCount: number, steps: number) {
  const clients: Client[] = Array.from({ length: clientCount }, () => ({ document: new Y.Doc() }));
  const connect = (client: Client) => {
    client.connecting = connectReplica(server.url, name, cookie, client.document).then((replica) => {
      client.replica = replica;
      client.connecting = undefined;
    });
    return client.connecting;
  };
  await Promise.all(clients.map(connect));

  let disconnects = 0;
  for (let step = 0; step < steps; step++) {
    const client = random.pick(clients);
    const text = client.document.getText("body");
    const roll = random.next();
    if (!client.replica && !client.connecting && roll < 0.3) {
      void connect(client);
    } else if (client.replica && roll < 0.04) {
      // Offline: the replica keeps editing; its changes reach the server when it reconnects.
      client.replica.destroy();
      client.replica = undefined;
      disconnects += 1;
    } else if (roll < 0.7) {
      insertTokenAtBoundary(text, `[s${step}]`, random);
    } else {
      deleteRandomToken(text, random);
    }
    if (random.next() < 0.5) await sleep(random.int(0, 6));
  }

  await Promise.all(clients.map((client) => client.connecting ?? (client.replica ? undefined : connect(client))));
  for (const client of clients) await waitForAcknowledgements(client.replica!.provider);
  const texts = () => clients.map((client) => client.document.getText("body").toString());
  await eventually(
    () => new Set(texts()).size === 1,
    () => `${clientCount} replicas of ${name} did not converge (seed ${seed})`,
  );

  const expected = texts()[0];
  const stateVector = Y.encodeStateVector(clients[0].document);
  for (const client of clients) expect(Y.encodeStateVector(client.document), `seed ${seed}`).toEqual(stateVector);

  const fresh = await connectReplica(server.url, name, cookie);
  expect(fresh.document.getText("body").toString(), `seed ${seed}: fresh client`).toBe(expected);
  fresh.destroy();

  const stored = await loadDocumentState(name);
  const reloaded = new Y.Doc();
  Y.applyUpdate(reloaded, stored!);
  expect(reloaded.getText("body").toString(), `seed ${seed}: reload from the database`).toBe(expected);
  expect(Y.encodeStateVector(reloaded), `seed ${seed}`).toEqual(stateVector);
  expect([...countTokens(expected).values()].every((count) => count === 1), `seed ${seed}: no token twice`).toBe(true);

  for (const client of clients) client.replica?.destroy();
  return { disconnects, tokens: tokensIn(expected).length };
}

describe("convergence under concurrent edits, disconnects and reconnects", () => {
  it("brings every replica, a fresh client and the database to the same document", async () => {
    const random = seededRandom(seed);
    for (let session = 0; session < 3; session++) {
      const clientCount = random.int(3, 12);
      const result = await runSession(`converge:${randomUUID()}`, random, clientCount, 400);
      console.log(`convergence session ${session}: ${clientCount} replicas, ${result.disconnects} disconnects, ${result.tokens} tokens left`);
      // Otherwise the session did not exercise what it claims to.
      expect(result.disconnects, `seed ${seed}`).toBeGreaterThan(0);
    }
  }, 90_000);
});
