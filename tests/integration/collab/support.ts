// Shared by the collaboration tests: seeded randomness, tokens that can be counted in a text, and
// the server child process that the durability test kills.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import type { Replica } from "../../support/collab-client";
import { mulberry32 } from "../../support/random";

/** The seed of this run: COLLAB_SEED to replay one, otherwise random (tests print it). */
export function runSeed(): number {
  const fromEnv = Number.parseInt(process.env.COLLAB_SEED ?? "", 10);
  return Number.isFinite(fromEnv) ? fromEnv : Math.floor(Math.random() * 2 ** 31);
}

/** A seeded PRNG with the helpers the tests need. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof seededRandom>;

const TOKEN = /\[[a-z0-9.]+\]/g;

/** Every token ("[...]") in a text, in order. */
export function tokensIn(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** How often each token occurs. */
export function countTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokensIn(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * Inserts `token` at a token boundary of the replica's current text, so tokens are never split:
 * Yjs keeps one insertion contiguous, and concurrent insertions at one place are ordered whole.
 */
export function insertTokenAtBoundary(text: Y.Text, token: string, random: Random): void {
  const current = text.toString();
  const boundaries = [0];
  for (let index = current.indexOf("]"); index !== -1; index = current.indexOf("]", index + 1)) boundaries.push(index + 1);
  text.insert(random.pick(boundaries), token);
}

/** A replica typing tokens; `replica.acks.acknowledged` holds those the server acknowledged. */
export type Typist = { replica: Replica; sent: string[]; acknowledged: Set<string>; stop: () => void };

/**
 * Types a token ("[<label>.n<k>]") every few milliseconds (2-12 by default) at a random token
 * boundary, each as its own update message, tracked until the server acknowledges it.
 */
export function startTyping(replica: Replica, label: string, random: Random, pauseMs: [number, number] = [2, 12]): Typist {
  const typist: Typist = { replica, sent: [], acknowledged: replica.acks.acknowledged, stop: () => undefined };
  let timer: NodeJS.Timeout;
  let n = 0;
  const typeOne = () => {
    const token = `[${label}.n${n++}]`;
    replica.acks.tag(token, () => insertTokenAtBoundary(replica.document.getText("body"), token, random));
    typist.sent.push(token);
    timer = setTimeout(typeOne, random.int(...pauseMs));
  };
  timer = setTimeout(typeOne, random.int(0, 10));
  typist.stop = () => clearTimeout(timer);
  return typist;
}

// Node with tsx as a loader, not the tsx CLI: the CLI runs the script in a grandchild process, which
// a SIGKILL of the child would leave running.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export type ServerProcess = { url: string; child: ChildProcess; exited: Promise<number | null>; output: () => string };

/** Starts tests/support/collab-test-server.ts in a child process and resolves with its URL. */
export function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", tsxLoader, "tests/support/collab-test-server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the collab test server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stderr!.on("data", (chunk) => (output += chunk));
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const line = output.split("\n").find((candidate) => candidate.startsWith('{"url":'));
      if (!line) return;
      clearTimeout(timer);
      resolve({ url: (JSON.parse(line) as { url: string }).url, child, exited, output: () => output });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the collab test server exited (${code}) before listening:\n${output}`));
    });
  });
}

/** Polls `check` until it returns true (or throws after `timeoutMs`, with `describe()` in the message). */
export async function eventually(check: () => boolean, describe: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
