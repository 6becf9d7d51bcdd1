import { randomUUID } from "node:crypto";
import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { registerDocumentKind } from "~/policies";
import type { RunningServer } from "../../../server/app";
import { closeDocument, openDocument, typeAndWaitForRelay } from "../../support/collab-client";
import { createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
let cookie: string;

// The app registers no document kind yet (lab proposals arrive with issue #3): these tests
// register kinds of their own through the same policy module the server asks.
registerDocumentKind("test-edit", () => "edit");
registerDocumentKind("test-read", () => "read");

beforeAll(async () => {
  server = await startTestServer();
  const person = await createTestUser();
  cookie = await loginCookie(server.url, person.email, TEST_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

/** The HTTP status a raw WebSocket upgrade gets. */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace("http", "ws")}${path}`, { headers });
    socket.on("open", () => {
      socket.close();
      resolve(101);
    });
    socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.on("error", reject);
  });
}

describe("/collab (Hocuspocus)", () => {
  it("refuses a connection without a session", async () => {
    const outcome = await openDocument(server.url, `test-edit:${randomUUID()}`);
    expect(outcome.status).toBe("refused");
  });

  it("refuses a signed-in person a document kind that does not exist", async () => {
    const outcome = await openDocument(server.url, `secret:${randomUUID()}`, cookie);
    expect(outcome.status).toBe("refused");
  });

  it("lets a signed-in person edit a document the policy allows, and two clients converge", async () => {
    const name = `test-edit:${randomUUID()}`;
    const first = await openDocument(server.url, name, cookie);
    const second = await openDocument(server.url, name, cookie);
    if (first.status !== "synced" || second.status !== "synced") throw new Error("not synced");
    await typeAndWaitForRelay(first.document, second.document, "Doposcuola inclusivo");
    expect(second.document.getText("body").toString()).toBe("Doposcuola inclusivo");
    closeDocument(first);
    closeDocument(second);
  });

  it("discards the updates of a read-only connection", async () => {
    const name = `test-read:${randomUUID()}`;
    const reader = await openDocument(server.url, name, cookie);
    if (reader.status !== "synced") throw new Error("not synced");
    reader.document.getText("body").insert(0, "should not land");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fresh = await openDocument(server.url, name, cookie);
    if (fresh.status !== "synced") throw new Error("not synced");
    expect(fresh.document.getText("body").toString()).toBe("");
    closeDocument(reader);
    closeDocument(fresh);
  });

  it("refuses upgrades from another site's Origin and unknown WebSocket paths", async () => {
    expect(await upgradeStatus("/collab", { cookie, origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus("/collab", { cookie, origin: server.url })).toBe(101);
    expect(await upgradeStatus("/somewhere-else", { cookie })).toBe(404);
  });
});

describe("/socket.io/", () => {
  function connect(headers: Record<string, string>) {
    return connectSocket(server.url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: headers, reconnection: false });
  }

  it("refuses a socket without a session", async () => {
    const socket = connect({});
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error.message).toBe("unauthorized");
    socket.close();
  });

  it("authenticates a socket from the session cookie", async () => {
    const socket = connect({ cookie });
    const ready = await new Promise<{ userId: string; name: string }>((resolve, reject) => {
      socket.on("session:ready", resolve);
      socket.on("connect_error", reject);
    });
    expect(ready.name).toMatch(/^Persona /);
    socket.close();
  });

  it("refuses a socket from another site's Origin", async () => {
    const socket = connectSocket(server.url, { path: "/socket.io/", transports: ["polling"], extraHeaders: { cookie, origin: "https://evil.example" }, reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
    expect(error).toBeInstanceOf(Error);
    socket.close();
  });
});
