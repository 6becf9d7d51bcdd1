// A live session room survives a kill -9 of the server: the app runs in a child process on a data
// folder (or its own PostgreSQL database with TEST_DATABASE_URL), seeded with the demo network,
// whose demo lab has a scheduled session. Everything the room acknowledged is there after a restart.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CommandAck, JoinAck } from "../../../server/realtime/session-rooms";
import { createTestDatabase } from "../../support/postgres";
import { loginCookie } from "../../support/server";
import { startServerProcess, type ServerProcess } from "../collab/support";

const DEMO_PASSWORD = "twb-demo-2026";
const dataDir = mkdtempSync(path.join(tmpdir(), "twb-rooms-"));
let serverEnv: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;
let server: ServerProcess | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  serverEnv = { DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development", SESSION_SECRET: randomBytes(32).toString("hex"), SEED_DEMO: "1" };
  if (inject("testDatabaseUrl")) {
    const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    dropDatabase = database.drop;
    serverEnv.DATABASE_URL = database.url;
  }
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function joinRoom(url: string, cookie: string, sessionId: string) {
  const socket = connectSocket(url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on("connect", () => resolve());
    socket.on("connect_error", reject);
  });
  const joined = (await socket.emitWithAck("room:join", { sessionId })) as JoinAck;
  if (!joined.ok) throw new Error(`join refused: ${joined.error.reason}`);
  const send = async (command: unknown) => {
    const answer = (await socket.emitWithAck("room:command", { sessionId, command })) as CommandAck;
    if (!answer.ok) throw new Error(`refused: ${answer.error.reason}`);
    return answer;
  };
  return { socket, room: joined.room, send };
}

describe("session rooms across a server kill", () => {
  it("a SIGKILL and a restart lose nothing the room acknowledged", async () => {
    server = await startServerProcess(serverEnv);
    const facilitatorCookie = await loginCookie(server.url, "facilitatore@twb.example", DEMO_PASSWORD);
    const memberCookie = await loginCookie(server.url, "membro@twb.example", DEMO_PASSWORD);
    const page = await (await fetch(`${server.url}/sessioni`, { headers: { cookie: memberCookie } })).text();
    const sessionId = page.match(/\/laboratori\/laboratorio-dsa-e-scuola\/sessioni\/([0-9a-f-]{36})/)?.[1];
    if (!sessionId) throw new Error("the demo session is not on /sessioni");

    const host = await joinRoom(server.url, facilitatorCookie, sessionId);
    const member = await joinRoom(server.url, memberCookie, sessionId);
    // The seed's pre-work: two ideas on the board before the session starts.
    expect(host.room.view.cards).toHaveLength(2);
    await host.send({ type: "session.start" });
    await host.send({ type: "timer.start" });
    const card = await member.send({ type: "card.add", text: "Un pulmino condiviso tra i comuni", anonymous: false });
    await host.send({ type: "voting.open", budget: 2, maxPerCard: 1 });
    await member.send({ type: "vote.cast", targetId: card.createdId });
    const last = await host.send({ type: "cluster.create", name: "Trasporti" });

    server.child.kill("SIGKILL");
    await server.exited;
    server = await startServerProcess(serverEnv);

    const back = await joinRoom(server.url, memberCookie, sessionId);
    const view = back.room.view;
    expect(view.version).toBeGreaterThanOrEqual(last.version);
    expect(view.status).toBe("live");
    expect(view.timer.state).toBe("running");
    expect(view.cards.map((entry) => entry.text)).toContain("Un pulmino condiviso tra i comuni");
    expect(view.clusters.map((cluster) => cluster.name)).toEqual(["Trasporti"]);
    expect(view.voting.status).toBe("open");
    expect(view.voting.myDots).toEqual({ [card.createdId!]: 1 });
    expect(view.voting.dotsLeft).toBe(1);
  }, 120_000);
});
