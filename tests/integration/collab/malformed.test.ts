// Hostile or broken clients on /collab: thousands of garbage and mutated frames before and after
// authentication, a frame over the 2 MiB cap and updates past MAX_DOCUMENT_BYTES. The server must
// stay up, close only the offending connection, log nothing it refused, and leave another client
// editing another document undisturbed, its document intact.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { loadDocumentState } from "~/models/collab-document.server";
import { registerDocumentKind } from "~/policies";
import type { RunningServer } from "../../../server/app";
import { MAX_DOCUMENT_BYTES } from "../../../server/collab/persistence";
import { COLLAB_MAX_MESSAGE_BYTES } from "../../../server/collab/upgrade";
import { collabFrames, connectReplica, readServerFrame, waitForAcknowledgements, type ServerFrame } from "../../support/collab-client";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";
import { countTokens, runSeed, seededRandom, sleep, startTyping, type Random, type Typist } from "./support";

registerDocumentKind("fuzz", () => "edit");
registerDocumentKind("fuzz-read", () => "read");

const seed = runSeed();
const random = seededRandom(seed);
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  console.log(`malformed: seed ${seed} (COLLAB_SEED=${seed} replays it)`);
  server = await startTestServer();
  const person = await createTestUser();
  cookie = await loginCookie(server.url, person.email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

// Hocuspocus logs every refused frame; thousands of stack traces would bury the test report.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A WebSocket on /collab that speaks the protocol by hand. */
class RawSocket {
  readonly frames: ServerFrame[] = [];
  closeCode: number | null = null;
  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => {
      try {
        this.frames.push(readServerFrame(new Uint8Array(data)));
      } catch {
        // Frames the server answers with are well-formed; anything else is not our concern here.
      }
    });
    socket.on("close", (code) => (this.closeCode = code));
    socket.on("error", () => undefined);
  }

  static open(headers: Record<string, string> = { cookie }): Promise<RawSocket> {
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab`, { headers, maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new RawSocket(socket)));
      socket.once("error", reject);
    });
  }

  /** Opens a socket and authenticates `name` on it. */
  static async authenticated(name: string): Promise<RawSocket> {
    const raw = await RawSocket.open();
    raw.send(collabFrames.auth(name));
    await raw.waitFor((frame) => frame.document === name && frame.kind === "authenticated");
    raw.send(collabFrames.syncStep1(name));
    await raw.waitFor((frame) => frame.document === name && frame.kind === "sync");
    return raw;
  }

  send(data: Uint8Array | string) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }

  get open() {
    return this.socket.readyState === WebSocket.OPEN;
  }

  async waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(this.frames)}`);
      await sleep(10);
    }
  }

  async waitForClose(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null) {
      if (Date.now() > deadline) throw new Error("the server did not close the socket");
      await sleep(10);
    }
    return this.closeCode;
  }

  terminate() {
    this.socket.terminate();
  }
}

/** Random bytes, or a valid frame with a few bytes flipped, cut short or extended. */
function mutate(valid: Uint8Array, random: Random): Uint8Array {
  const roll = random.next();
  if (roll < 0.15) return Uint8Array.from({ length: random.int(0, 300) }, () => random.int(0, 255));
  const bytes = Uint8Array.from(valid);
  if (roll < 0.3) return bytes.slice(0, random.int(0, bytes.length - 1));
  if (roll < 0.4) return Uint8Array.from([...bytes, ...Array.from({ length: random.int(1, 20) }, () => random.int(0, 255))]);
  for (let flips = random.int(1, 3); flips > 0; flips--) bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
  return bytes;
}

/** Updates of a growing document, as a real editor would send them. */
function updateSource() {
  const document = new Y.Doc();
  const updates: Uint8Array[] = [];
  document.on("update", (update: Uint8Array) => updates.push(update));
  return {
    document,
    next(text: string) {
      const body = document.getText("body");
      body.insert(random.int(0, body.length), text);
      return updates.shift()!;
    },
  };
}

/** Another person editing another document throughout, whose every acknowledged edit must survive. */
async function startBystander() {
  const name = `fuzz:bystander-${randomUUID()}`;
  const replica = await connectReplica(server.url, name, cookie);
  let disconnects = 0;
  replica.provider.on("close", () => (disconnects += 1));
  replica.provider.configuration.websocketProvider.on("disconnect", () => (disconnects += 1));
  const typist: Typist = startTyping(replica, "bystander", random, [10, 25]);
  return {
    async finish() {
      // However quick the test, the bystander types through a stretch of it.
      while (typist.sent.length < 30) await sleep(20);
      typist.stop();
      await waitForAcknowledgements(replica.provider);
      replica.destroy();
      expect(disconnects, "the bystander was never disconnected").toBe(0);
      const fresh = await connectReplica(server.url, name, cookie);
      const counts = countTokens(fresh.document.getText("body").toString());
      fresh.destroy();
      expect(typist.sent.filter((token) => counts.get(token) !== 1), `seed ${seed}: bystander tokens not there exactly once`).toEqual([]);
      expect(counts.size).toBe(typist.sent.length);
    },
  };
}

async function expectHealthy() {
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
}

/** The document as the database holds it (snapshot + log). */
async function storedText(name: string): Promise<string> {
  const state = await loadDocumentState(name);
  const document = new Y.Doc();
  if (state) Y.applyUpdate(document, state);
  return document.getText("body").toString();
}

describe("malformed input on /collab", () => {
  it("survives thousands of garbage and mutated frames before authentication", async () => {
    const bystander = await startBystander();
    const target = `fuzz:${randomUUID()}`;
    const source = updateSource();
    const templates = [collabFrames.auth(target), collabFrames.syncStep1(target), collabFrames.update(target, source.next("abc"))];
    let sent = 0;
    for (let round = 0; round < 30; round++) {
      const sockets = await Promise.all(Array.from({ length: 4 }, (_, index) => RawSocket.open(index === 0 ? {} : { cookie })));
      for (let frame = 0; frame < 30; frame++) {
        for (const socket of sockets) {
          if (random.next() < 0.01) socket.send("a text frame");
          else socket.send(mutate(random.pick(templates), random));
          sent += 1;
        }
      }
      await sleep(random.int(0, 20));
      for (const socket of sockets) socket.terminate();
    }
    expect(sent).toBeGreaterThanOrEqual(3_000);
    await expectHealthy();
    await bystander.finish();
  });

  it("closes an authenticated connection that sends a malformed update, and logs nothing for it", async () => {
    const name = `fuzz:${randomUUID()}`;
    const raw = await RawSocket.authenticated(name);
    const source = updateSource();
    raw.send(collabFrames.update(name, source.next("valido")));
    await raw.waitFor((frame) => frame.kind === "acknowledged" && frame.applied);
    expect(await storedText(name)).toBe("valido");

    raw.send(collabFrames.update(name, new Uint8Array([5, 200, 1, 2])));
    expect(await raw.waitFor((frame) => frame.kind === "closed")).toMatchObject({ document: name, reason: "malformed-update" });
    // The refused connection is gone: what it sends now is not applied until it authenticates again.
    raw.send(collabFrames.update(name, source.next(" dopo la chiusura")));
    await sleep(200);
    expect(raw.frames.filter((frame) => frame.kind === "acknowledged")).toHaveLength(1);
    expect(await storedText(name)).toBe("valido");
    raw.terminate();

    const fresh = await connectReplica(server.url, name, cookie);
    expect(fresh.document.getText("body").toString()).toBe("valido");
    fresh.destroy();
  });

  it("neither applies nor logs the updates of a read-only connection", async () => {
    const name = `fuzz-read:${randomUUID()}`;
    const raw = await RawSocket.authenticated(name);
    raw.send(collabFrames.update(name, updateSource().next("scritto da chi legge")));
    expect(await raw.waitFor((frame) => frame.kind === "acknowledged")).toMatchObject({ applied: false });
    raw.terminate();
    expect(await storedText(name)).toBe("");
  });

  it("survives thousands of mutated updates after authentication; the document still loads", async () => {
    const bystander = await startBystander();
    const name = `fuzz:${randomUUID()}`;
    const source = updateSource();
    let sent = 0;
    let closedByServer = 0;
    for (let round = 0; round < 40; round++) {
      const raw = await RawSocket.authenticated(name);
      for (let frame = 0; frame < 60; frame++) {
        const valid = collabFrames.update(name, source.next(`t${round}.${frame} `), { syncType: random.pick([1, 2]) });
        raw.send(random.next() < 0.2 ? valid : mutate(valid, random));
        sent += 1;
      }
      await sleep(random.int(5, 30));
      if (raw.frames.some((frame) => frame.kind === "closed") || !raw.open) closedByServer += 1;
      raw.terminate();
    }
    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(closedByServer, "malformed updates closed their connections").toBeGreaterThan(0);
    await expectHealthy();

    // Whatever was accepted loads again, from memory and from the database.
    const fresh = await connectReplica(server.url, name, cookie);
    const live = fresh.document.getText("body").toString();
    fresh.destroy();
    const stored = await loadDocumentState(name);
    const reloaded = new Y.Doc();
    if (stored) Y.applyUpdate(reloaded, stored);
    expect(reloaded.getText("body").toString()).toBe(live);
    await bystander.finish();
  });

  it("closes a socket whose frame exceeds the 2 MiB cap", async () => {
    const bystander = await startBystander();
    const name = `fuzz:${randomUUID()}`;
    const raw = await RawSocket.authenticated(name);
    raw.send(new Uint8Array(COLLAB_MAX_MESSAGE_BYTES + 1));
    expect(await raw.waitForClose()).toBe(1009);
    expect(await storedText(name)).toBe("");
    await expectHealthy();
    await bystander.finish();
  });

  it("refuses an update that would take a document past MAX_DOCUMENT_BYTES, logging nothing, and still accepts deletions", async () => {
    const bystander = await startBystander();
    const name = `fuzz:${randomUUID()}`;
    const source = updateSource();
    const chunk = 1_900_000; // under the 2 MiB frame cap with the message header
    const accepted = Math.floor(MAX_DOCUMENT_BYTES / chunk);
    const raw = await RawSocket.authenticated(name);
    for (let i = 0; i < accepted; i++) {
      raw.send(collabFrames.update(name, source.next(String.fromCharCode(97 + i).repeat(chunk))));
      await raw.waitFor((frame) => frame.kind === "acknowledged" && frame.applied);
      raw.frames.length = 0;
    }
    expect((await storedText(name)).length).toBe(accepted * chunk);

    raw.send(collabFrames.update(name, source.next("z".repeat(chunk))));
    expect(await raw.waitFor((frame) => frame.kind === "closed", 30_000)).toMatchObject({ reason: "document-too-large" });
    raw.terminate();
    const stored = await storedText(name);
    expect(stored.length).toBe(accepted * chunk);
    expect(stored).not.toContain("z");

    // A person can still open the full document and trim it.
    const editor = await connectReplica(server.url, name, cookie, undefined, 30_000);
    editor.document.getText("body").delete(0, chunk);
    await waitForAcknowledgements(editor.provider, 30_000);
    editor.destroy();
    expect((await storedText(name)).length).toBe((accepted - 1) * chunk);
    await expectHealthy();
    await bystander.finish();
  }, 90_000);
});
