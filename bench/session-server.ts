// Benchmark child for `npm run bench:session` (issue #4): the real app (`startServer`, socket.io
// session rooms with authorization and the room saved after every batch of commands) on a loopback
// port, with one active lab (1 facilitator + PARTICIPANTS members) and one scheduled session of two
// agenda items in its own database. Talks to bench/session.ts over IPC (bench/child.ts).
// Database: a fresh embedded PGlite in a temp folder, or BENCH_DATABASE_URL (PostgreSQL) if set.
import { randomUUID } from "node:crypto";
import { benchDatabase, closeBenchApp } from "./app-env";

const { startServer } = await import("../server/app");
const { answerBenchParent } = await import("./child");
const { prisma } = await import("~/db.server");
const { addLabMember, createLab } = await import("~/models/lab.server");
const { scheduleLabSession } = await import("~/models/lab-session.server");
const { hashPassword } = await import("~/services/password.server");

const send = (message: unknown) => process.send?.(message);
const participants = Number(process.env.PARTICIPANTS ?? 100);
const PASSWORD = "bench-password-123";

const server = await startServer({ host: "127.0.0.1", port: 0, log: () => undefined });

// People: one facilitator (who starts the lab) and `participants` members, one Argon2 hash reused.
const passwordHash = await hashPassword(PASSWORD);
const suffix = randomUUID().slice(0, 8);
const facilitator = { id: randomUUID(), email: `bench-facilitator-${suffix}@bench.example` };
const members = Array.from({ length: participants }, (_, i) => ({ id: randomUUID(), email: `bench-voter-${i}-${suffix}@bench.example` }));
await prisma.user.createMany({
  data: [facilitator, ...members].map((person, i) => ({ id: person.id, email: person.email, name: `Bench ${i}`, role: "MEMBER", passwordHash })),
});
const lab = await createLab(facilitator.id, { title: `Bench session ${suffix}`, challenge: "Benchmark of a live session room", organizationIds: [] });
for (const member of members) await addLabMember(facilitator.id, lab.id, member.id, "MEMBER");

// The session is scheduled after everyone joined the lab, so everyone is invited. Its date must be
// in the future: two days from now, on Rome's calendar.
const date = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const session = await scheduleLabSession(facilitator.id, lab, {
  title: "Bench session",
  goal: "Everyone votes at once (bench:session)",
  date,
  time: "10:00",
  durationMinutes: 60,
  videoUrl: "https://meet.example.org/bench",
  agenda: [
    { title: "Ideas", minutes: 20 },
    { title: "Vote", minutes: 20 },
  ],
});

// BENCH_APP_PROFILE=<folder>: a CPU profile of each voting window. The driver reads the CPU in pairs
// (a round's start and end); bench/profiler.ts profiles from call 3k+1 to 3k+2.
const profiler = process.env.BENCH_APP_PROFILE ? await import("./profiler") : null;
let cpuCalls = 0;

answerBenchParent({
  beforeCpu: async () => {
    const call = cpuCalls++;
    if (profiler) await profiler.toggle(process.env.BENCH_APP_PROFILE!, 3 * Math.floor(call / 2) + 1 + (call % 2));
  },
  close: () => closeBenchApp(server),
});

send({
  type: "ready",
  url: server.url,
  database: benchDatabase,
  password: PASSWORD,
  facilitator: facilitator.email,
  members: members.map((member) => member.email),
  sessionId: session.id,
});
