// After the session (issue #4) over HTTP, /collab and socket.io: the minutes page drafts the
// minutes for a facilitator, closing turns open editors read-only and evicts the live room, the
// final minutes download as PDF, and the board's ideas become a draft proposal.
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { scheduleLabSession } from "~/models/lab-session.server";
import { getSessionMinutesContent, minutesDocumentName } from "~/models/session-minutes.server";
import { saveSessionRoom } from "~/models/session-room.server";
import type { RoomState } from "~/sessions/room-state";
import type { RunningServer } from "../../../server/app";
import type { CommandAck, JoinAck } from "../../../server/realtime/session-rooms";
import { closeDocument, openDocument } from "../../support/collab-client";
import { playMeeting } from "../../support/ended-meeting";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A lab with a facilitator, a member and an observer (logged in) and a session whose meeting has ended. */
async function endedScene() {
  const [facilitator, member, observer, outsider] = await Promise.all([createTestUser({ role: "FACILITATOR" }), createTestUser(), createTestUser(), createTestUser()]);
  const lab = await createTestLab([
    { userId: facilitator.id, role: "FACILITATOR" },
    { userId: member.id, role: "MEMBER" },
    { userId: observer.id, role: "OBSERVER" },
  ]);
  const session = await scheduleLabSession(facilitator.id, lab, {
    title: "Verbale di prova",
    goal: "Provare il verbale dopo la sessione",
    date: `${new Date().getFullYear() + 1}-03-10`,
    time: "17:00",
    durationMinutes: 60,
    videoUrl: "https://meet.jit.si/twb-verbale",
    agenda: [
      { title: "Benvenuto", minutes: 5 },
      { title: "Idee", minutes: 15 },
      { title: "Decisioni", minutes: 10 },
    ],
  });
  const stored = await prisma.labSession.findUniqueOrThrow({ where: { id: session.id }, select: { roomState: true } });
  const meeting = playMeeting(stored.roomState as unknown as RoomState, { facilitator: facilitator.id, anna: member.id, bruno: observer.id, carla: "guest-carla", dario: "guest-dario" });
  await saveSessionRoom(session.id, meeting.state);
  const [facilitatorCookie, memberCookie, observerCookie, outsiderCookie] = await Promise.all(
    [facilitator, member, observer, outsider].map((user) => loginCookie(server.url, user.email, TEST_PASSWORD)),
  );
  const base = `${server.url}/laboratori/${lab.slug}/sessioni/${session.id}`;
  return { lab, session, meeting, base, cookies: { facilitator: facilitatorCookie, member: memberCookie, observer: observerCookie, outsider: outsiderCookie } };
}

const post = (url: string, cookie: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body), redirect: "manual" });

function waitForStateless(provider: HocuspocusProvider, ms = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no stateless message within ${ms} ms`)), ms);
    provider.on("stateless", ({ payload }: { payload: string }) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe("session minutes over HTTP and /collab", () => {
  it("a facilitator's visit drafts them; closing freezes open editors, evicts the room and makes the PDF available", async () => {
    const { session, base, cookies } = await endedScene();

    // Before a facilitator opens them there are none: readers are told so.
    const early = await fetch(`${base}/verbale`, { headers: { cookie: cookies.member } });
    expect(early.status).toBe(200);
    expect(await early.text()).toContain("non hanno ancora preparato il verbale");
    expect((await fetch(`${base}/verbale`, { headers: { cookie: cookies.outsider } })).status).toBe(403);

    const page = await fetch(`${base}/verbale`, { headers: { cookie: cookies.facilitator } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Chiudi la sessione");
    expect(await getSessionMinutesContent(session.id)).not.toBeNull();
    expect((await fetch(`${base}/verbale.pdf`, { headers: { cookie: cookies.member } })).status).toBe(404);

    // A facilitator edits live, a member reads; a member in the room waits for its end.
    const editor = await openDocument(server.url, minutesDocumentName(session.id), cookies.facilitator);
    const reader = await openDocument(server.url, minutesDocumentName(session.id), cookies.member);
    if (editor.status !== "synced" || reader.status !== "synced") throw new Error("minutes refused");
    expect(editor.provider.authorizedScope).toBe("read-write");
    expect(reader.provider.authorizedScope).toBe("readonly");
    const socket = connectSocket(server.url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie: cookies.member }, reconnection: false, forceNew: true });
    try {
      await new Promise<void>((resolve, reject) => socket.on("connect", resolve).on("connect_error", reject));
      const joined = await socket.emitWithAck("room:join", { sessionId: session.id }) as JoinAck;
      expect(joined.ok).toBe(true);
      const roomClosed = new Promise<{ reason: string }>((resolve) => socket.on("room:error", resolve));

      expect((await post(`${base}/verbale`, cookies.member, { intent: "close" })).status).toBe(403);
      const frozen = waitForStateless(editor.provider);
      const closing = await post(`${base}/verbale`, cookies.facilitator, { intent: "close" });
      expect(closing.status).toBe(302);
      expect(closing.headers.get("location")).toBe(`/laboratori/${base.split("/laboratori/")[1]}/verbale`);
      expect(JSON.parse(await frozen)).toEqual({ type: "access", access: "read" });
      expect((await roomClosed).reason).toBe("session-ended");
      const refused = await socket.emitWithAck("room:command", { sessionId: session.id, command: { type: "card.add", text: "Troppo tardi" } }) as CommandAck;
      expect(refused.ok).toBe(false);
      const rejoin = await socket.emitWithAck("room:join", { sessionId: session.id }) as JoinAck;
      expect(rejoin.ok ? "joined" : rejoin.error.reason).toBe("room-unavailable");
    } finally {
      socket.close();
      closeDocument(editor);
      closeDocument(reader);
    }
    expect((await prisma.labSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("CLOSED");

    // Final minutes: a plain page, and a PDF for anyone who may see the session.
    const final = await (await fetch(`${base}/verbale`, { headers: { cookie: cookies.observer } })).text();
    expect(final).toContain("Verbale definitivo");
    expect(final).toContain("Chiedere i costi alle scuole");
    expect(final).not.toContain("Chiudi la sessione");
    const pdf = await fetch(`${base}/verbale.pdf`, { headers: { cookie: cookies.member } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe('attachment; filename="verbale-verbale-di-prova.pdf"');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await fetch(`${base}/verbale.pdf`, { headers: { cookie: cookies.outsider } })).status).toBe(403);
    const reopened = await openDocument(server.url, minutesDocumentName(session.id), cookies.facilitator);
    if (reopened.status !== "synced") throw new Error("closed minutes refused");
    expect(reopened.provider.authorizedScope).toBe("readonly");
    closeDocument(reopened);
    // The session page links the minutes.
    expect(await (await fetch(base, { headers: { cookie: cookies.member } })).text()).toContain(`/sessioni/${session.id}/verbale`);
  });

  it("a cluster or a card becomes a draft proposal: JSON for the room's button, a redirect for a form; observers may not", async () => {
    const { lab, base, cookies, meeting } = await endedScene();
    const json = await post(`${base}/proposta`, cookies.member, { clusterId: meeting.ids.cluster }, { Accept: "application/json" });
    expect(json.status).toBe(201);
    const created = (await json.json()) as { proposalUrl: string; proposalId: string; title: string };
    expect(created.title).toBe("Scuola ed estate");
    expect(created.proposalUrl).toBe(`/laboratori/${lab.slug}/proposte/${created.proposalId}`);
    // The proposal page lists the session it came from.
    expect(await (await fetch(`${server.url}${created.proposalUrl}`, { headers: { cookie: cookies.member } })).text()).toContain("proposal-sessions");

    const form = await post(`${base}/proposta`, cookies.facilitator, { cardId: meeting.ids.looseCard });
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toMatch(new RegExp(`^/laboratori/${lab.slug}/proposte/[0-9a-f-]{36}$`));

    expect((await post(`${base}/proposta`, cookies.observer, { cardId: meeting.ids.looseCard }, { Accept: "application/json" })).status).toBe(403);
    expect((await post(`${base}/proposta`, cookies.member, { cardId: "no-such-card" }, { Accept: "application/json" })).status).toBe(404);
    expect((await post(`${base}/proposta`, cookies.member, {}, { Accept: "application/json" })).status).toBe(400);
  });
});
