// Benchmark child: the real app (authorization + durable persistence on) on a loopback port, with a
// lab, proposals and users prepared in its own database. Talks to bench/collab.ts over IPC.
// Database: a fresh embedded PGlite in a temp folder, or BENCH_DATABASE_URL (PostgreSQL) if set.
import { randomUUID } from "node:crypto";
import { benchDatabase, closeBenchApp } from "./app-env";

const { startServer } = await import("../server/app");
const { answerBenchParent, profileLoadWindows } = await import("./child");
const { prisma } = await import("~/db.server");
const { createProposal } = await import("~/models/proposal.server");
const { hashPassword } = await import("~/services/password.server");

const send = (message: unknown) => process.send?.(message);
const documents = Number(process.env.BENCH_DOCUMENTS ?? 150);
const members = Number(process.env.BENCH_MEMBERS ?? 100);
const observers = Number(process.env.BENCH_OBSERVERS ?? 10);
const hotDocuments = Number(process.env.BENCH_HOT_DOCUMENTS ?? 1);
const PASSWORD = "bench-password-123";

const server = await startServer({ host: "127.0.0.1", port: 0, log: () => undefined });

// Data: one active lab, `members` writers, `observers` read-only members, documents + hot proposals.
const passwordHash = await hashPassword(PASSWORD); // hashed once, reused
const suffix = randomUUID().slice(0, 8);
const people = [
  ...Array.from({ length: members }, (_, i) => ({ id: randomUUID(), email: `bench-member-${i}-${suffix}@bench.example`, role: "MEMBER" as const })),
  ...Array.from({ length: observers }, (_, i) => ({ id: randomUUID(), email: `bench-observer-${i}-${suffix}@bench.example`, role: "OBSERVER" as const })),
];
await prisma.user.createMany({
  data: people.map((person, i) => ({ id: person.id, email: person.email, name: `Bench ${i}`, role: "MEMBER", passwordHash })),
});
const lab = await prisma.lab.create({
  data: {
    slug: `bench-${suffix}`,
    title: `Bench ${suffix}`,
    challenge: "Benchmark",
    status: "ACTIVE",
    members: { create: people.map((person) => ({ userId: person.id, role: person.role })) },
  },
});
const proposals: string[] = [];
for (let i = 0; i < documents + hotDocuments; i += 1) {
  const proposal = await createProposal(people[i % members].id, lab.id, { title: `Bench proposal ${i}` }, "en");
  proposals.push(proposal.id);
}
const hot = proposals.splice(documents);

// BENCH_APP_PROFILE=<folder>: a CPU profile of each measured load window (between two stats calls).
answerBenchParent({
  beforeStats: await profileLoadWindows(process.env.BENCH_APP_PROFILE),
  close: () => closeBenchApp(server),
});

send({
  type: "ready",
  url: server.url,
  database: benchDatabase,
  password: PASSWORD,
  members: people.filter((p) => p.role === "MEMBER").map((p) => p.email),
  observers: people.filter((p) => p.role === "OBSERVER").map((p) => p.email),
  documents: proposals.map((id) => `proposal:${id}`),
  hot: hot.map((id) => `proposal:${id}`),
});
