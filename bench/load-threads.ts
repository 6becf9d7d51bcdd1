// The load generator of bench/collab.ts as LOAD_THREADS worker threads of this one process: the
// clients of a phase are dealt out to the threads, so one thread's garbage collections and
// bursts of arrivals delay only its share of the replicas, and the load can use both cores
// beside the server instead of queueing on one event loop.
import { Worker } from "node:worker_threads";
import type { Protocol, SentTable } from "./client";

export type Seat = { documentName: string; editor: boolean; label: string; cookie?: string };
type FinalClocks = Array<[documentName: string, clientID: number, clock: number]>;

export type LoadRequest =
  | { type: "connect"; protocol: Protocol; baseUrl: string; seats: Seat[]; concurrency: number }
  | { type: "start"; intervalMs: number; measure: boolean }
  | { type: "measure" }
  | { type: "stop" }
  | { type: "progress"; finalClocks: FinalClocks }
  | { type: "finish" }
  | { type: "close" };

export type Replica = { documentName: string; stateVector: string; content: string };

export type LoadReply =
  | { type: "connected" }
  | { type: "started" }
  | { type: "measuring" }
  | { type: "stopped"; finalClocks: FinalClocks }
  | { type: "progress"; behind: number }
  | { type: "closed" }
  | {
      type: "finished";
      sent: SentTable;
      arrivals: Float64Array;
      editsByDocument: Array<[string, number]>;
      replicas: Replica[];
      unexpectedCloses: number;
      loopDelayP99Ms: number;
    };

type ReplyOf<T extends LoadRequest["type"]> = Extract<LoadReply, { type: { connect: "connected"; start: "started"; measure: "measuring"; stop: "stopped"; progress: "progress"; finish: "finished"; close: "closed" }[T] }>;

class LoadThread {
  private readonly worker = new Worker(new URL("./load-worker.mjs", import.meta.url));
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: LoadReply) => void; reject: (error: Error) => void }>();

  constructor(readonly index: number) {
    this.worker.on("message", (message: { id: number; reply?: LoadReply; error?: string }) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`load thread ${index}: ${message.error}`));
      else waiter?.resolve(message.reply!);
    });
    this.worker.on("error", (error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  ask<T extends LoadRequest>(request: T): Promise<ReplyOf<T["type"]>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (reply: LoadReply) => void, reject });
      this.worker.postMessage({ id, request });
    });
  }

  close() {
    return this.worker.terminate();
  }
}

export class LoadThreads {
  private readonly threads: LoadThread[];

  constructor(count: number) {
    this.threads = Array.from({ length: Math.max(1, count) }, (_, index) => new LoadThread(index));
  }

  get count() {
    return this.threads.length;
  }

  /** Deals the seats out in turn, so every document's clients are spread over the threads. */
  async connect(protocol: Protocol, baseUrl: string, seats: Seat[], concurrency: number) {
    const shares = this.threads.map((_, index) => seats.filter((_, seatIndex) => seatIndex % this.threads.length === index));
    const perThread = Math.max(1, Math.ceil(concurrency / this.threads.length));
    await Promise.all(this.threads.map((thread, index) => thread.ask({ type: "connect", protocol, baseUrl, seats: shares[index], concurrency: perThread })));
  }

  /** Starts the editors' changes; they are timed and counted from the start, or from `measure()`. */
  async start(intervalMs: number, options: { measure: boolean }) {
    await Promise.all(this.threads.map((thread) => thread.ask({ type: "start", intervalMs, measure: options.measure })));
  }

  /** Ends a warm-up: the changes made from now on are timed and counted. */
  async measure() {
    await Promise.all(this.threads.map((thread) => thread.ask({ type: "measure" })));
  }

  /** Stops the edits; returns every editor's last clock, by document. */
  async stop(): Promise<FinalClocks> {
    const replies = await Promise.all(this.threads.map((thread) => thread.ask({ type: "stop" })));
    return replies.flatMap((reply) => reply.finalClocks);
  }

  /** How many replicas still miss some of those clocks. */
  async behind(finalClocks: FinalClocks) {
    const replies = await Promise.all(this.threads.map((thread) => thread.ask({ type: "progress", finalClocks })));
    return replies.reduce((sum, reply) => sum + reply.behind, 0);
  }

  /** Ends the measurement: every thread's records and replicas (the clients stay connected). */
  finish() {
    return Promise.all(this.threads.map((thread) => thread.ask({ type: "finish" })));
  }

  /** Disconnects the phase's clients. */
  async disconnect() {
    await Promise.all(this.threads.map((thread) => thread.ask({ type: "close" })));
  }

  async close() {
    await Promise.all(this.threads.map((thread) => thread.close()));
  }
}
