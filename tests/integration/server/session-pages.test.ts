// The session pages over HTTP (issue #4): who may see a session, answer it, download its .ics and
// enter its room; bad answers are refused without changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { scheduleLabSession } from "~/models/lab-session.server";
import type { RunningServer } from "../../../server/app";
import { createTestLab, createTestUser, TEST_PASSWORD } from "../../support/factories";
import { loginCookie, startTestServer } from "../../support/server";

let server: RunningServer;
let base: string;
let sessionId: string;
const cookies: Record<"facilitator" | "member" | "observer" | "outsider" | "coordinator" | "latecomer", string> = {} as never;
let memberId: string;

beforeAll(async () => {
  server = await startTestServer();
  const [facilitator, member, observer, outsider, coordinator, latecomer] = await Promise.all([
    createTestUser({ role: "FACILITATOR" }),
    createTestUser(),
    createTestUser(),
    createTestUser(),
    createTestUser({ role: "COORDINATOR" }),
    createTestUser(),
  ]);
  memberId = member.id;
  const lab = await createTestLab([
    { userId: facilitator.id, role: "FACILITATOR" },
    { userId: member.id, role: "MEMBER" },
    { userId: observer.id, role: "OBSERVER" },
  ]);
  const session = await scheduleLabSession(facilitator.id, lab, {
    title: "Sessione HTTP",
    goal: "Controllare chi vede che cosa",
    date: `${new Date().getFullYear() + 1}-04-14`,
    time: "18:00",
    durationMinutes: 60,
    videoUrl: "https://meet.jit.si/twb-http",
    agenda: [{ title: "Unico punto", minutes: 30 }],
  });
  // In the lab but without an invitation (written straight to the table, past the models that invite).
  await prisma.labMember.create({ data: { labId: lab.id, userId: latecomer.id, role: "MEMBER" } });
  sessionId = session.id;
  base = `${server.url}/laboratori/${lab.slug}/sessioni/${session.id}`;
  const people = { facilitator, member, observer, outsider, coordinator, latecomer };
  for (const [key, person] of Object.entries(people)) cookies[key as keyof typeof cookies] = await loginCookie(server.url, person.email, TEST_PASSWORD);
});

afterAll(async () => {
  await server?.close();
});

const get = (path: string, who: keyof typeof cookies) => fetch(`${base}${path}`, { headers: { cookie: cookies[who] }, redirect: "manual" });

describe("session pages", () => {
  it("the lab's people and coordinators see the session and its calendar file; outsiders get 403", async () => {
    for (const who of ["facilitator", "member", "observer", "coordinator", "latecomer"] as const) {
      expect((await get("", who)).status, who).toBe(200);
    }
    expect((await get("", "outsider")).status).toBe(403);
    expect((await get("/calendario.ics", "outsider")).status).toBe(403);
    const ics = await get("/calendario.ics", "member");
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");
  });

  it("only invited people, the lab's facilitators and coordinators enter the room", async () => {
    for (const who of ["facilitator", "member", "observer", "coordinator"] as const) {
      expect((await get("/stanza", who)).status, who).toBe(200);
    }
    expect((await get("/stanza", "latecomer")).status).toBe(403);
    expect((await get("/stanza", "outsider")).status).toBe(403);
  });

  it("an invited person answers; a bad answer is refused and changes nothing", async () => {
    const answer = (response: string, who: keyof typeof cookies = "member") =>
      fetch(base, { method: "POST", headers: { cookie: cookies[who] }, body: new URLSearchParams({ intent: "respond", response }), redirect: "manual" });
    expect((await answer("MAYBE")).status).toBe(302);
    expect((await answer("FORSE")).status).toBe(400);
    expect((await answer("YES", "latecomer")).status).toBe(403);
    const invitation = await prisma.sessionInvitation.findUniqueOrThrow({ where: { sessionId_userId: { sessionId, userId: memberId } } });
    expect(invitation.response).toBe("MAYBE");
  });

  it("scheduling is for the lab's facilitators: members get 403 on the form", async () => {
    const lab = base.slice(0, base.indexOf("/sessioni/"));
    expect((await fetch(`${lab}/sessioni/nuova`, { headers: { cookie: cookies.member } })).status).toBe(403);
    expect((await fetch(`${lab}/sessioni/nuova`, { headers: { cookie: cookies.facilitator } })).status).toBe(200);
  });
});
