// npm run bench:session — the live session room benchmark of issue #4: PARTICIPANTS people in one
// room voting at once.
//
// Starts the app (bench/session-server.ts: `startServer`, socket.io rooms with session cookies,
// app/policies and the room saved after every batch) and the reference (bench/session-reference.ts:
// plain socket.io 4.8, no auth, no policy, no persistence, the floor) as child processes on loopback
// ports, and drives both, one after the other, with the same load from this process: PARTICIPANTS
// members and one facilitator, each one socket.io client. The facilitator starts the session, adds
// CARDS cards and opens voting (BUDGET dots, at most MAX_PER_CARD per card); then every member
// sends all its votes at the same instant (one timer deadline for all). Fan-out latency = from a
// vote's send to the moment each client holds a view with a version at least the one the vote was
// acknowledged with (one sample per accepted vote × client). Then the facilitator closes and
// reveals the vote, and the totals are checked against the acknowledgements. ROUNDS rounds
// (voting.open after voting.close starts a new round from empty ballots). Prints tables, then one
// JSON line (the last line of stdout).
//
// Settings: env vars or --flags, e.g. `PARTICIPANTS=20 npm run bench:session` or
// `npm run bench:session -- --participants=20 --rounds=1`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { loginCookie } from "../tests/support/login";
import { mulberry32 } from "../tests/support/random";
import { Child, cpuSeconds, fmt, jsonNumber, listSetting, log, loopLateness, note, percentile, pool, ROOT, runMain, setting, sleep, startAppChild, startChild } from "./harness";

const config = {
  participants: Math.max(1, Math.floor(setting("PARTICIPANTS", 100))),
  cards: Math.max(1, Math.floor(setting("CARDS", 10))),
  budget: Math.max(1, Math.floor(setting("BUDGET", 3))),
  maxPerCard: Math.max(1, Math.floor(setting("MAX_PER_CARD", 2))),
  rounds: Math.max(1, Math.floor(setting("ROUNDS", 3))),
  graceS: setting("GRACE_S", 10),
  /** Share of members who send one vote more than their budget (to be refused, unless a dot is left). */
  extraShare: setting("EXTRA_SHARE", 0.2),
  seed: Math.floor(setting("SEED", 4)),
  connectConcurrency: Math.max(1, Math.floor(setting("CONNECT_CONCURRENCY", 20))),
};
/** Which servers to measure, in order: "app" and/or "reference". */
const servers = listSetting("SERVERS", "app,reference");
if (config.maxPerCard > config.budget) throw new Error("MAX_PER_CARD cannot exceed BUDGET (the room refuses such a vote)");

// ---------------------------------------------------------------- child processes

/** CPU seconds the whole machine spent busy so far (Linux /proc/stat), or null elsewhere. */
function machineBusyS(): number | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return (total - idle) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}


// ---------------------------------------------------------------- clients

type ServerName = "app" | "reference";
const SERVER_LABELS: Record<ServerName, string> = {
  app: "app (socket.io rooms + auth + policies + saved state)",
  reference: "reference (plain socket.io 4.8, in memory)",
};

type Ack = { ok: true; version: number; createdId: string | null } | { ok: false; error: { code?: string; reason?: string; message?: string } };
/** What the bench reads of a `room:view`: the app sends the RoomEnvelope, the reference {version, totals}. */
type Payload = {
  version?: number;
  totals?: Record<string, number>;
  view?: { version: number; voting: { myDots: Record<string, number>; dotsLeft: number; totals: Record<string, number> | null } };
};

const versionOf = (payload: Payload) => payload.view?.version ?? payload.version ?? -1;

/** One participant's socket.io client: what it received (when, which version) and its commands. */
class RoomClient {
  readonly socket: Socket;
  /** Arrival time and version of every view received, in order. */
  readonly arrivals: number[] = [];
  readonly versions: number[] = [];
  maxVersion = -1;
  latest: Payload | null = null;
  closedUnexpectedly = false;
  private closing = false;

  constructor(
    baseUrl: string,
    readonly label: string,
    cookie?: string,
  ) {
    this.socket = io(baseUrl, {
      path: "/socket.io/",
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      extraHeaders: cookie ? { cookie } : undefined,
    });
    this.socket.on("room:view", (payload: Payload) => {
      const at = performance.now();
      const version = versionOf(payload);
      this.arrivals.push(at);
      this.versions.push(Math.max(version, this.maxVersion));
      if (version >= this.maxVersion) {
        this.maxVersion = version;
        this.latest = payload;
      }
    });
    this.socket.on("disconnect", () => {
      if (!this.closing) this.closedUnexpectedly = true;
    });
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (error) => reject(new Error(`${this.label}: ${error.message}`)));
      this.socket.connect();
    });
  }

  async join(sessionId: string) {
    const answer = (await this.socket.timeout(30_000).emitWithAck("room:join", { sessionId })) as { ok: boolean; room?: Payload; error?: unknown };
    if (!answer.ok) throw new Error(`${this.label} could not join: ${JSON.stringify(answer.error)}`);
    const version = versionOf(answer.room!);
    if (version > this.maxVersion) {
      this.maxVersion = version;
      this.latest = answer.room!;
    }
  }

  /** Sends a command; `onAck` gets the answer (or null after `timeoutMs`). */
  send(sessionId: string, command: Record<string, unknown>, timeoutMs: number, onAck: (ack: Ack | null) => void) {
    this.socket.timeout(timeoutMs).emit("room:command", { sessionId, command }, (error: unknown, ack: Ack) => onAck(error ? null : ack));
  }

  command(sessionId: string, command: Record<string, unknown>): Promise<Ack> {
    return new Promise((resolve, reject) =>
      this.send(sessionId, command, 30_000, (ack) => (ack ? resolve(ack) : reject(new Error(`${this.label}: no answer to ${String(command.type)}`)))),
    );
  }

  /** The index of the first view received with a version ≥ `version`, or -1. */
  firstAtLeast(version: number): number {
    let low = 0;
    let high = this.versions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.versions[middle] >= version) high = middle;
      else low = middle + 1;
    }
    return low < this.versions.length ? low : -1;
  }

  close() {
    this.closing = true;
    this.socket.disconnect();
  }
}

async function commandOk(client: RoomClient, sessionId: string, command: Record<string, unknown>) {
  const ack = await client.command(sessionId, command);
  if (!ack.ok) throw new Error(`${client.label}: ${String(command.type)} refused: ${JSON.stringify(ack.error)}`);
  return ack;
}

/** Waits until every client holds a view of at least `version` (or the deadline passes). */
async function everyoneAt(clients: RoomClient[], version: number, deadline: number) {
  while (clients.some((client) => client.maxVersion < version) && performance.now() < deadline) await sleep(10);
  return clients.every((client) => client.maxVersion >= version);
}

// ---------------------------------------------------------------- the vote

type PlannedVote = { voter: number; targetId: string; expectAccepted: boolean };

/**
 * Each member's votes for one round, the same for both servers: BUDGET dots, each on a random card
 * or (one time in three) on the same card as the previous dot, so some members go over MAX_PER_CARD
 * and are refused; EXTRA_SHARE of them send one vote more than their budget. Whether each vote must
 * be accepted follows the room's rules, simulated here (one person's votes arrive in order).
 */
function planVotes(cards: string[], round: number): PlannedVote[][] {
  const random = mulberry32(config.seed * 1000 + round);
  return Array.from({ length: config.participants }, (_, voter) => {
    const count = config.budget + (random() < config.extraShare ? 1 : 0);
    const targets: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const repeat = i > 0 && random() < 1 / 3;
      targets.push(repeat ? targets[i - 1] : cards[Math.floor(random() * cards.length)]);
    }
    const ballot = new Map<string, number>();
    let used = 0;
    return targets.map((targetId) => {
      const onTarget = ballot.get(targetId) ?? 0;
      const expectAccepted = used < config.budget && onTarget < config.maxPerCard;
      if (expectAccepted) {
        ballot.set(targetId, onTarget + 1);
        used += 1;
      }
      return { voter, targetId, expectAccepted };
    });
  });
}

/** What a round counts, and what a whole run adds up over its rounds. */
const VOTE_COUNTS = ["sent", "cast", "counted", "refusedMaxPerCard", "refusedBudget", "failed", "unexpected", "violations", "expectedDeliveries", "lost"] as const;
type VoteCounts = {
  sent: number;
  cast: number;
  counted: number;
  refusedMaxPerCard: number;
  refusedBudget: number;
  /** Refusals for any other reason (storage, timeouts, …) and unanswered votes. */
  failed: number;
  /** Accepted where the rules say refuse, or the reverse. */
  unexpected: number;
  /** Ballots over budget or over MAX_PER_CARD, totals that differ from the acknowledgements, own dots that differ. */
  violations: number;
  expectedDeliveries: number;
  lost: number;
};

type RoundResult = VoteCounts & {
  latencies: number[];
  cpuS: number;
  generatorCpuMs: number;
  /** CPU seconds of every other process on the machine over the window (tests, editors…), from /proc/stat. */
  otherCpuS: number;
  windowMs: number;
  loopDelayP99Ms: number;
};

async function runRound(options: { server: Child; name: ServerName; sessionId: string; facilitator: RoomClient; voters: RoomClient[]; cards: string[]; round: number }): Promise<RoundResult> {
  const { server, name, sessionId, facilitator, voters, cards, round } = options;
  const everyone = [facilitator, ...voters];
  const opened = await commandOk(facilitator, sessionId, { type: "voting.open", budget: config.budget, maxPerCard: config.maxPerCard });
  if (opened.ok && !(await everyoneAt(everyone, opened.version, performance.now() + 30_000))) throw new Error(`${name}: not everyone saw voting open`);
  const plan = planVotes(cards, round);
  await sleep(300);

  const viewsBefore = facilitator.arrivals.length;
  // Both processes start the round from a collected heap; the forced GCs are not in the window.
  await server.stats();
  globalThis.gc?.();
  const before = await server.cpu();
  const machineBefore = machineBusyS();
  const generatorCpu = process.cpuUsage();
  const loopDelay = loopLateness(5);
  loopDelay.enable();
  const windowStart = performance.now();

  type Outcome = { vote: PlannedVote; sentAt: number; ack: Ack | null };
  const outcomes: Outcome[] = [];
  let answered = 0;
  const sent = plan.reduce((sum, votes) => sum + votes.length, 0);
  const allAnswered = new Promise<void>((resolve) => {
    if (sent === 0) resolve();
    // The synchronized start: every member's timer has the same deadline, so all votes leave in
    // the same few milliseconds (the timers fire in one pass of the event loop).
    const startIn = 200;
    voters.forEach((client, voter) => {
      setTimeout(() => {
        for (const vote of plan[voter]) {
          const outcome: Outcome = { vote, sentAt: performance.now(), ack: null };
          outcomes.push(outcome);
          client.send(sessionId, { type: "vote.cast", targetId: vote.targetId }, 200 + config.graceS * 1000, (ack) => {
            outcome.ack = ack;
            if (++answered === sent) resolve();
          });
        }
      }, startIn);
    });
  });
  await allAnswered;
  const accepted = outcomes.filter((outcome) => outcome.ack?.ok) as Array<Outcome & { ack: Extract<Ack, { ok: true }> }>;
  const maxAccepted = Math.max(-1, ...accepted.map((outcome) => outcome.ack.version));
  const sendEnd = Math.max(...outcomes.map((outcome) => outcome.sentAt));
  await everyoneAt(everyone, maxAccepted, sendEnd + config.graceS * 1000);
  const after = await server.cpu();
  const machineAfter = machineBusyS();
  loopDelay.disable();
  const generatorUsage = process.cpuUsage(generatorCpu);
  const windowMs = performance.now() - windowStart;
  // How the room batched the votes: views the facilitator received during the round, and their size.
  const views = facilitator.arrivals.length - viewsBefore;
  const viewBytes = Buffer.byteLength(JSON.stringify(facilitator.latest ?? {}));
  note(`${name} round ${round}: ${views} broadcasts for ${accepted.length} accepted votes (one per batch), last view ${(viewBytes / 1024).toFixed(1)} KB for each of ${everyone.length} clients`);

  // Fan-out latency: for every accepted vote and every client, the first view at least as new.
  const latencies: number[] = [];
  let lost = 0;
  for (const outcome of accepted) {
    for (const client of everyone) {
      const index = client.firstAtLeast(outcome.ack.version);
      if (index < 0) lost += 1;
      else latencies.push(client.arrivals[index] - outcome.sentAt);
    }
  }

  // The outcome of every vote against the rules.
  let refusedMaxPerCard = 0;
  let refusedBudget = 0;
  let failed = 0;
  let unexpected = 0;
  const failures = new Map<string, number>();
  for (const outcome of outcomes) {
    const ack = outcome.ack;
    if (ack?.ok) {
      if (!outcome.vote.expectAccepted) unexpected += 1;
      continue;
    }
    const reason = ack ? (ack.error.reason ?? ack.error.code ?? "refused") : "no answer";
    if (reason === "max-per-card") refusedMaxPerCard += 1;
    else if (reason === "budget-exhausted") refusedBudget += 1;
    else {
      failed += 1;
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    }
    if (outcome.vote.expectAccepted && (reason === "max-per-card" || reason === "budget-exhausted")) unexpected += 1;
  }
  for (const [reason, count] of failures) note(`${name} round ${round}: ${count} votes failed: ${reason}`);

  // Close and reveal, then check the totals and every ballot.
  await commandOk(facilitator, sessionId, { type: "voting.close" });
  const revealed = await commandOk(facilitator, sessionId, { type: "voting.reveal" });
  if (revealed.ok && !(await everyoneAt(everyone, revealed.version, performance.now() + 30_000))) note(`${name} round ${round}: not everyone saw the reveal`);
  const totals = (name === "app" ? facilitator.latest?.view?.voting.totals : facilitator.latest?.totals) ?? {};
  const counted = Object.values(totals).reduce((sum, dots) => sum + dots, 0);

  let violations = 0;
  const expectedTotals = new Map<string, number>();
  const ballots = Array.from({ length: voters.length }, () => new Map<string, number>());
  for (const outcome of accepted) {
    expectedTotals.set(outcome.vote.targetId, (expectedTotals.get(outcome.vote.targetId) ?? 0) + 1);
    const ballot = ballots[outcome.vote.voter];
    ballot.set(outcome.vote.targetId, (ballot.get(outcome.vote.targetId) ?? 0) + 1);
  }
  for (const target of new Set([...expectedTotals.keys(), ...Object.keys(totals)])) {
    if ((totals[target] ?? 0) !== (expectedTotals.get(target) ?? 0)) {
      violations += 1;
      note(`${name} round ${round}: target ${target} counted ${totals[target] ?? 0}, acknowledged ${expectedTotals.get(target) ?? 0}`);
    }
  }
  voters.forEach((client, voter) => {
    // What the room acknowledged and, for the app, what the member's own view says.
    const acknowledged = ballots[voter];
    const own = name === "app" ? client.latest?.view?.voting.myDots : undefined;
    for (const ballot of own ? [acknowledged, new Map(Object.entries(own))] : [acknowledged]) {
      const used = [...ballot.values()].reduce((sum, dots) => sum + dots, 0);
      if (used > config.budget || [...ballot.values()].some((dots) => dots > config.maxPerCard)) violations += 1;
    }
    if (own) {
      const same = Object.keys(own).length === acknowledged.size && [...acknowledged].every(([target, dots]) => own[target] === dots);
      if (!same) violations += 1;
    }
  });

  const cpuS = cpuSeconds(before, after);
  const generatorCpuMs = (generatorUsage.user + generatorUsage.system) / 1000;
  return {
    sent,
    cast: accepted.length,
    counted,
    refusedMaxPerCard,
    refusedBudget,
    failed,
    unexpected,
    violations,
    latencies,
    expectedDeliveries: accepted.length * everyone.length,
    lost,
    cpuS,
    generatorCpuMs,
    otherCpuS: machineBefore === null || machineAfter === null ? Number.NaN : Math.max(0, machineAfter - machineBefore - cpuS - generatorCpuMs / 1000),
    windowMs,
    loopDelayP99Ms: loopDelay.percentileMs(99),
  };
}

type ServerResult = VoteCounts & {
  server: string;
  name: ServerName;
  rounds: RoundResult[];
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuS: number;
  otherCpuS: number;
  generator: { cpuShare: number; loopDelayP99Ms: number };
  unexpectedCloses: number;
};

async function runServer(options: { server: Child; name: ServerName; baseUrl: string; sessionId: string; facilitatorCookie?: string; voterCookies?: string[] }): Promise<ServerResult> {
  const { server, name, baseUrl, sessionId } = options;
  globalThis.gc?.();
  const facilitator = new RoomClient(baseUrl, `${name} facilitator`, options.facilitatorCookie);
  const voters = Array.from({ length: config.participants }, (_, i) => new RoomClient(baseUrl, `${name} voter ${i}`, options.voterCookies?.[i]));
  const everyone = [facilitator, ...voters];
  const connectStart = performance.now();
  await pool(everyone, config.connectConcurrency, async (client) => {
    await client.connect();
    await client.join(sessionId);
  });
  note(`${name}: ${everyone.length} clients connected and joined in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`);

  // The facilitator starts the session and puts the cards on the board.
  const started = await commandOk(facilitator, sessionId, { type: "session.start" });
  const cards: string[] = [];
  for (let i = 0; i < config.cards; i += 1) {
    const ack = await commandOk(facilitator, sessionId, { type: "card.add", text: `Idea ${i + 1}: something worth a dot` });
    if (ack.ok && ack.createdId) cards.push(ack.createdId);
  }
  if (cards.length !== config.cards) throw new Error(`${name}: card.add did not return the new cards' ids`);
  const settled = Math.max(started.ok ? started.version : 0, ...everyone.map((client) => client.maxVersion));
  await everyoneAt(everyone, settled, performance.now() + 30_000);
  await sleep(500);

  const rounds: RoundResult[] = [];
  for (let round = 1; round <= config.rounds; round += 1) {
    const result = await runRound({ server, name, sessionId, facilitator, voters, cards, round });
    const sorted = Float64Array.from(result.latencies).sort();
    note(
      `${name} round ${round}: ${result.sent} votes sent, ${result.cast} cast, ${result.counted} counted, ` +
        `p50 ${fmt(percentile(sorted, 50))} / p99 ${fmt(percentile(sorted, 99))} / max ${fmt(sorted[sorted.length - 1] ?? Number.NaN)} ms, lost ${result.lost}, server CPU ${result.cpuS.toFixed(2)} s, other processes ${fmt(result.otherCpuS, 2)} s over ${(result.windowMs / 1000).toFixed(2)} s`,
    );
    rounds.push(result);
    await sleep(300);
  }
  const unexpectedCloses = everyone.filter((client) => client.closedUnexpectedly).length;
  for (const client of everyone) client.close();

  const latencies = Float64Array.from(rounds.flatMap((round) => round.latencies)).sort();
  const sum = (pick: (round: RoundResult) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  return {
    server: SERVER_LABELS[name],
    name,
    rounds,
    ...(Object.fromEntries(VOTE_COUNTS.map((key) => [key, sum((r) => r[key])])) as VoteCounts),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : Number.NaN,
    cpuS: sum((r) => r.cpuS),
    otherCpuS: sum((r) => r.otherCpuS),
    generator: {
      cpuShare: sum((r) => r.generatorCpuMs) / sum((r) => r.windowMs),
      loopDelayP99Ms: Math.max(...rounds.map((r) => r.loopDelayP99Ms)),
    },
    unexpectedCloses,
  };
}

// ---------------------------------------------------------------- main


async function main() {
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    note("build/ is missing: running `npm run build` first");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  note(`settings: ${JSON.stringify({ ...config, servers })}`);
  // The cores are shared (other engineers' tests, editors): say how busy the machine was.
  const loadAtStart = os.loadavg()[0];

  const children: Child[] = [];
  const app = servers.includes("app") ? startAppChild("app", "bench/session-server.ts", { PARTICIPANTS: String(config.participants) }) : null;
  const reference = servers.includes("reference") ? startChild("reference", "bench/session-reference.ts", {}) : null;
  if (app) children.push(app);
  if (reference) children.push(reference);
  const stop = async () => {
    await Promise.all(children.map((child) => child.close().catch(() => undefined)));
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));

  try {
    const results: ServerResult[] = [];
    let database = "-";
    if (app) {
      const setupStart = performance.now();
      const ready = (await app.ready) as { url: string; database: string; password: string; facilitator: string; members: string[]; sessionId: string };
      database = ready.database;
      note(`app on ${ready.url} (${ready.database}), ready with ${ready.members.length} members in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
      const loginStart = performance.now();
      const facilitatorCookie = await loginCookie(ready.url, ready.facilitator, ready.password);
      const voterCookies = new Array<string>(ready.members.length);
      await pool(ready.members, 4, async (email, i) => {
        voterCookies[i] = await loginCookie(ready.url, email, ready.password);
      });
      note(`${ready.members.length + 1} users logged in via POST /login in ${((performance.now() - loginStart) / 1000).toFixed(1)} s`);
      results.push(await runServer({ server: app, name: "app", baseUrl: ready.url, sessionId: ready.sessionId, facilitatorCookie, voterCookies }));
    }
    if (reference) {
      const ready = (await reference.ready) as { url: string };
      note(`reference on ${ready.url}`);
      results.push(await runServer({ server: reference, name: "reference", baseUrl: ready.url, sessionId: "bench-session" }));
    }

    // ---------------------------------------------------------------- report
    log(`Session room benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}`);
    log(
      `Load: ${config.participants} members + 1 facilitator in one room, ${config.cards} cards; ${config.rounds} voting round(s), each member sending its ` +
        `${config.budget} dots (at most ${config.maxPerCard} per card; ${Math.round(config.extraShare * 100)}% send one more) at the same instant`,
    );
    log(
      `Clients: socket.io-client 4.8 (websocket transport), all in this one process, which shares the ${os.cpus().length} cores with the server; app database: ${database}; ` +
        `load average (1 min) at the start ${loadAtStart.toFixed(2)}, at the end ${os.loadavg()[0].toFixed(2)}`,
    );
    log(`Latency: from a vote's send to each of the ${config.participants + 1} clients holding a view at least that new (one sample per accepted vote × client)`);
    log();
    log("server | participants | rounds | votes sent | cast | counted | refused (max per card / budget) | failed | unexpected | violations | p50 ms | p95 ms | p99 ms | max ms | lost/expected | server CPU s | generator CPU | generator loop late p99 ms | other processes CPU s");
    for (const r of results) {
      log(
        [
          r.server,
          config.participants,
          r.rounds.length,
          r.sent,
          r.cast,
          r.counted,
          `${r.refusedMaxPerCard + r.refusedBudget} (${r.refusedMaxPerCard} / ${r.refusedBudget})`,
          r.failed,
          r.unexpected,
          r.violations,
          fmt(r.p50),
          fmt(r.p95),
          fmt(r.p99),
          fmt(r.max),
          `${r.lost}/${r.expectedDeliveries}`,
          fmt(r.cpuS, 2),
          `${(r.generator.cpuShare * 100).toFixed(0)}% of a core`,
          fmt(r.generator.loopDelayP99Ms),
          fmt(r.otherCpuS, 2),
        ].join(" | "),
      );
      if (r.unexpectedCloses) log(`  ! ${r.unexpectedCloses} connections closed by the server during the run`);
    }
    log();
    log("failed = votes refused for another reason than the rules, or not answered; unexpected = accepted or refused against the rules (simulated per member);");
    log("violations = ballots over budget / over the per-card maximum, totals or own dots differing from the acknowledgements. Server CPU = process.cpuUsage() of the");
    log("server child over the voting windows (from just before the votes to the last delivery); generator = this process over the same windows;");
    log("other processes = the machine's busy CPU time (/proc/stat) over the same windows minus both: anything else running on the shared cores.");

    const appResult = results.find((r) => r.name === "app");
    const refResult = results.find((r) => r.name === "reference");
    const summary = {
      participants: config.participants,
      p50_ms: jsonNumber(appResult?.p50),
      p99_ms: jsonNumber(appResult?.p99),
      lost_events: appResult ? appResult.lost : null,
      votes_counted: appResult ? appResult.counted : null,
      votes_cast: appResult ? appResult.cast : null,
      baseline_p50_ms: jsonNumber(refResult?.p50),
      baseline_p99_ms: jsonNumber(refResult?.p99),
      ratio_p99: jsonNumber(appResult && refResult ? appResult.p99 / refResult.p99 : undefined),
      rounds: config.rounds,
      p95_ms: jsonNumber(appResult?.p95),
      violations: appResult ? appResult.violations + appResult.unexpected + appResult.failed : null,
      cpu_ratio: jsonNumber(appResult && refResult ? appResult.cpuS / refResult.cpuS : undefined),
    };
    await stop();
    log(JSON.stringify(summary));
  } catch (error) {
    await stop();
    throw error;
  }
}

runMain(main);
