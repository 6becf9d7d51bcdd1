// The server relays each update to the other connections of its document and acknowledges it to
// its sender, without sending the sender its own update back (it has it: one socket write fewer
// per change). Raw sockets, so every frame is seen.
import { randomUUID } from "node:crypto";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { registerDocumentKind } from "~/policies";
import type { RunningServer } from "../../../server/app";
import { collabFrames, connectReplica, readServerFrame } from "../../support/collab-client";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";
import { sleep } from "./support";

registerDocumentKind("echo", () => "edit");

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const person = await createTestUser();
  cookie = await loginCookie(server.url, person.email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

/** The document updates (sync "update" messages) among the frames a socket received. */
function updatesIn(frames: Uint8Array[]): Uint8Array[] {
  return frames.flatMap((data) => {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return [];
    return [decoding.readVarUint8Array(decoder)];
  });
}

async function openRaw(name: string) {
  const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab`, { headers: { cookie } });
  const frames: Uint8Array[] = [];
  socket.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const waitFor = async (predicate: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error("timed out waiting for the server");
      await sleep(10);
    }
  };
  const kinds = () => frames.map((frame) => readServerFrame(frame).kind);
  socket.send(collabFrames.auth(name));
  await waitFor(() => kinds().includes("authenticated"));
  socket.send(collabFrames.syncStep1(name));
  await waitFor(() => kinds().includes("sync"));
  await sleep(50);
  frames.length = 0;
  return { socket, frames, waitFor, acknowledgements: () => kinds().filter((kind) => kind === "acknowledged").length };
}

describe("relaying updates", () => {
  it("sends an update to the others and its acknowledgement, not the update itself, to its sender", async () => {
    const name = `echo:${randomUUID()}`;
    const writer = await openRaw(name);
    const reader = await openRaw(name);
    const source = new Y.Doc();
    const sent: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => sent.push(update));

    for (const word of ["uno ", "due ", "tre "]) {
      source.getText("body").insert(0, word);
      writer.socket.send(collabFrames.update(name, sent.at(-1)!));
      await writer.waitFor(() => writer.acknowledgements() === sent.length);
      await reader.waitFor(() => updatesIn(reader.frames).length === sent.length);
    }
    await sleep(100);
    expect(updatesIn(reader.frames)).toEqual(sent);
    expect(updatesIn(writer.frames)).toEqual([]);

    // The writer still receives everyone else's updates.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(source));
    const before = Y.encodeStateVector(other);
    other.getText("body").insert(0, "quattro ");
    const fromReader = Y.encodeStateAsUpdate(other, before);
    reader.socket.send(collabFrames.update(name, fromReader));
    await writer.waitFor(() => updatesIn(writer.frames).length === 1);
    Y.applyUpdate(source, updatesIn(writer.frames)[0]);
    expect(source.getText("body").toString()).toBe("quattro tre due uno ");

    writer.socket.close();
    reader.socket.close();
    const fresh = await connectReplica(server.url, name, cookie);
    expect(fresh.document.getText("body").toString()).toBe("quattro tre due uno ");
    fresh.destroy();
  });
});
