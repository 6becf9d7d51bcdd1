// The embedded database on its own thread. PGlite runs PostgreSQL compiled to WebAssembly
// synchronously: in the app's thread, every statement (and the file writes it makes) blocks the
// event loop, so each commit of the collaboration log held up every live edit behind it
// (bench:collab, README session 13), and a heavy page query held up everything else.
//
// Here PGlite lives in a worker thread and only executes wire-protocol messages. Everything above
// that (queries, parameters, parsers and serializers, transactions, errors, notifications) is
// PGlite's own client code, BasePGlite, running in the app's thread as it does for PGlite's
// browser worker, so results and errors are the very objects in-process PGlite returns: Prisma's
// adapter still recognises a DatabaseError. The worker loads PGlite from node_modules by absolute
// path, so the same code runs from the Vite server build, from tsx and from vitest.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import {
  messages,
  Mutex,
  PGlite,
  protocol,
  type DebugLevel,
  type ExecProtocolOptions,
  type ExecProtocolResult,
  type PGliteInterface,
  type Transaction,
} from "@electric-sql/pglite";

/** The extensions the worker registers (the app's PostgreSQL 15 counterparts; see pglite.server.ts). */
const EXTENSION_MODULES = { pg_trgm: "@electric-sql/pglite/contrib/pg_trgm", cube: "@electric-sql/pglite/contrib/cube", earthdistance: "@electric-sql/pglite/contrib/earthdistance" };

// The worker's whole program: open PGlite, then run the calls it is sent one at a time (the app's
// side holds PGlite's query and transaction locks, so calls never overlap anyway).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { PGlite } = require(workerData.pglite);
const extensions = {};
for (const [name, file] of Object.entries(workerData.extensions)) extensions[name] = require(file)[name];
const db = new PGlite({ dataDir: workerData.dataDir, extensions });
const reply = (message, transfer) => parentPort.postMessage(message, transfer);
const errorOf = (error) => ({ message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
db.waitReady.then(
  () => reply({ type: "ready", debug: db.debug }),
  (error) => reply({ type: "failed", error: errorOf(error) }),
);
const calls = {
  async execProtocolRaw(message, options) {
    const data = await db.execProtocolRaw(message, options);
    // A COPY ... TO '/dev/blob' leaves a file behind: it travels with the answer that wrote it.
    const written = await db._getWrittenBlob();
    return { data, written: written ? await written.arrayBuffer() : undefined };
  },
  handleBlob: (bytes) => db._handleBlob(bytes ? new Blob([bytes]) : undefined),
  cleanupBlob: () => db._cleanupBlob(),
  async dumpDataDir(compression) {
    const file = await db.dumpDataDir(compression);
    return { bytes: await file.arrayBuffer(), name: file.name, type: file.type };
  },
  close: () => db.close(),
};
parentPort.on("message", async ({ id, method, args }) => {
  try {
    const result = await calls[method](...args);
    // Moved, not copied, but only buffers the answer owns whole: never a view into PGlite's memory.
    const data = result?.data;
    const ownedData = data && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data.buffer : undefined;
    const transfer = [ownedData, result?.written, result?.bytes].filter((item) => item instanceof ArrayBuffer);
    reply({ type: "result", id, result }, transfer);
  } catch (error) {
    reply({ type: "error", id, error: errorOf(error) });
  }
});
`;

type WorkerReply =
  | { type: "ready"; debug: DebugLevel }
  | { type: "failed"; error: { message: string; stack?: string } }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; id: number; error: { message: string; stack?: string } };

type PendingCall = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** What BasePGlite (PGlite's client half, not exported by name) gives its subclasses. */
type BasePGliteInstance = Pick<PGlite, "query" | "sql" | "exec" | "transaction" | "describeQuery" | "refreshArrayTypes" | "runExclusive"> & {
  _initArrayTypes(options?: { force?: boolean }): Promise<void>;
};
const BasePGlite = Object.getPrototypeOf(PGlite) as abstract new () => BasePGliteInstance;

// Wire-protocol message codes: frontend Query and Sync, backend ReadyForQuery.
const SIMPLE_QUERY = 0x51; // "Q"
const SYNC = 0x53; // "S"
const READY_FOR_QUERY = 0x5a; // "Z"

/** A message holding one Sync and nothing else ("S", length 4). */
function isLoneSync(message: Uint8Array): boolean {
  return message.byteLength === 5 && message[0] === SYNC && message[1] === 0 && message[2] === 0 && message[3] === 0 && message[4] === 4;
}

/** The status byte ("I", "T" or "E") of the ReadyForQuery an answer ends with, or null if its last message is another. */
function finalReadyForQueryStatus(answer: Uint8Array): number | null {
  const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
  let last = -1;
  for (let at = 0; at + 5 <= answer.byteLength; at += 1 + view.getUint32(at + 1)) last = at;
  if (last < 0 || last + 6 !== answer.byteLength || answer[last] !== READY_FOR_QUERY || view.getUint32(last + 1) !== 5) return null;
  return answer[last + 5];
}

function readyForQuery(status: number): Uint8Array {
  return new Uint8Array([READY_FOR_QUERY, 0, 0, 0, 5, status]);
}

/** An unquoted identifier as PostgreSQL folds it; a quoted one as written. */
function postgresName(identifier: string): string {
  return identifier.startsWith('"') && identifier.endsWith('"') ? identifier.slice(1, -1) : identifier.toLowerCase();
}

class ThreadedPGlite extends BasePGlite {
  readonly waitReady: Promise<void>;
  /** The thread's PGlite is up (before the array types are read: that is already a query). */
  private readonly started: Promise<void>;
  debug: DebugLevel = 0;
  ready = false;
  closed = false;
  private readonly worker: Worker;
  private readonly pending = new Map<number, PendingCall>();
  private nextCallId = 1;
  private failure: Error | null = null;
  private writtenBlob: Blob | undefined;
  private blobInThread = false;
  private readonly queryLock = new Mutex();
  private readonly transactionLock = new Mutex();
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private readonly notificationListeners = new Set<(channel: string, payload: string) => void>();
  /** The transaction status a simple Query's answer ended with, until the next call. */
  private statusAfterSimpleQuery: number | null = null;

  constructor(dataDir: string) {
    super();
    const require = createRequire(import.meta.url);
    const extensions = Object.fromEntries(Object.entries(EXTENSION_MODULES).map(([name, module]) => [name, require.resolve(module)]));
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { dataDir, pglite: require.resolve("@electric-sql/pglite"), extensions },
      name: "pglite",
      // The worker is plain CommonJS: none of the app's loader flags (tsx, --input-type) apply to it.
      execArgv: [],
    });
    let started!: () => void;
    let failed!: (error: Error) => void;
    const starting = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "ready") {
        this.debug = reply.debug;
        started();
      } else if (reply.type === "failed") failed(this.fail(new Error(reply.error.message)));
      else this.settle(reply);
    });
    this.worker.on("error", (error) => failed(this.fail(error)));
    this.worker.on("exit", (code) => {
      failed(this.fail(new Error(`the embedded database thread exited (code ${code})`)));
    });
    // Like a pg pool with allowExitOnIdle: the thread keeps the process alive while it starts and
    // during a call, not while idle.
    this.worker.ref();
    this.started = starting;
    this.waitReady = starting
      .then(() => this._initArrayTypes())
      .then(() => {
        this.ready = true;
      })
      .finally(() => {
        if (this.pending.size === 0) this.worker.unref();
      });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.failure) {
        await this.waitReady.catch(() => undefined);
        // PGlite must shut down PostgreSQL to leave the data folder consistent for the next start.
        await this.queryLock.runExclusive(() => this.call("close"));
      }
    } finally {
      await this.worker.terminate();
    }
  }

  async execProtocolRaw(message: Uint8Array, options: ExecProtocolOptions = {}): Promise<Uint8Array> {
    const settledStatus = this.statusAfterSimpleQuery;
    this.statusAfterSimpleQuery = null;
    // PGlite's exec() sends every simple Query and then a Sync of its own. After a simple Query the
    // backend is already idle (its answer ended with ReadyForQuery): a Sync then only repeats that
    // ReadyForQuery, so it is answered here, without a round trip to the thread.
    if (settledStatus !== null && isLoneSync(message)) return readyForQuery(settledStatus);
    const { data, written } = (await this.call("execProtocolRaw", message, { syncToFs: options.syncToFs })) as { data: Uint8Array; written?: ArrayBuffer };
    if (written) this.writtenBlob = new Blob([written]);
    if (message[0] === SIMPLE_QUERY) this.statusAfterSimpleQuery = finalReadyForQueryStatus(data);
    return data;
  }

  async execProtocolRawStream(message: Uint8Array, options: ExecProtocolOptions & { onRawData: (data: Uint8Array) => void }): Promise<void> {
    options.onRawData(await this.execProtocolRaw(message, options));
  }

  async execProtocol(message: Uint8Array, options: ExecProtocolOptions = {}): Promise<ExecProtocolResult> {
    const data = await this.execProtocolRaw(message, options);
    return { messages: this.readMessages(data, options), data };
  }

  async execProtocolStream(message: Uint8Array, options: ExecProtocolOptions = {}): Promise<messages.BackendMessage[]> {
    return this.readMessages(await this.execProtocolRaw(message, options), options);
  }

  async syncToFs(): Promise<void> {
    // Nothing to do, so no call: the thread's filesystem is Emscripten's NODEFS (a folder) or MEMFS
    // (memory://), where PostgreSQL's writes go straight through and PGlite's syncToFs is a no-op.
    // The only other kinds (IndexedDB, OPFS) are browser storage, refused by openPgliteThread.
  }

  async listen(channel: string, callback: (payload: string) => void, tx?: Transaction): Promise<(tx?: Transaction) => Promise<void>> {
    const name = postgresName(channel);
    let callbacks = this.listeners.get(name);
    if (!callbacks) this.listeners.set(name, (callbacks = new Set()));
    callbacks.add(callback);
    await (tx ?? this).exec(`LISTEN ${channel}`);
    return (unlistenTx?: Transaction) => this.unlisten(name, callback, unlistenTx);
  }

  async unlisten(channel: string, callback?: (payload: string) => void, tx?: Transaction): Promise<void> {
    const name = postgresName(channel);
    if (callback) this.listeners.get(name)?.delete(callback);
    else this.listeners.delete(name);
    if (!this.listeners.get(name)?.size) {
      this.listeners.delete(name);
      await (tx ?? this).exec(`UNLISTEN ${channel}`);
    }
  }

  onNotification(callback: (channel: string, payload: string) => void): () => void {
    this.notificationListeners.add(callback);
    return () => this.notificationListeners.delete(callback);
  }

  offNotification(callback: (channel: string, payload: string) => void): void {
    this.notificationListeners.delete(callback);
  }

  async dumpDataDir(compression?: "none" | "gzip" | "auto"): Promise<File | Blob> {
    const { bytes, name, type } = (await this.call("dumpDataDir", compression)) as { bytes: ArrayBuffer; name: string; type: string };
    return new File([bytes], name, { type });
  }

  async _handleBlob(blob?: File | Blob): Promise<void> {
    // Only a COPY ... FROM '/dev/blob' hands one in; plain queries cost no extra call.
    if (!blob) return;
    this.blobInThread = true;
    await this.call("handleBlob", await blob.arrayBuffer());
  }

  async _cleanupBlob(): Promise<void> {
    if (!this.blobInThread) return;
    this.blobInThread = false;
    await this.call("cleanupBlob");
  }

  async _getWrittenBlob(): Promise<File | Blob | undefined> {
    const blob = this.writtenBlob;
    this.writtenBlob = undefined;
    return blob;
  }

  async _checkReady(): Promise<void> {
    if (this.closed) throw new Error("The embedded database is closed");
    await this.started;
  }

  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T> {
    return this.queryLock.runExclusive(work);
  }

  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.transactionLock.runExclusive(work);
  }

  /** Parses PostgreSQL's answer as in-process PGlite does: the first error is thrown, notices and notifications are dispatched. */
  private readMessages(data: Uint8Array, { throwOnError = true, onNotice }: ExecProtocolOptions): messages.BackendMessage[] {
    const results: messages.BackendMessage[] = [];
    let databaseError: messages.DatabaseError | null = null;
    new protocol.Parser().parse(data, (message) => {
      if (databaseError) return;
      if (message instanceof messages.DatabaseError) {
        if (throwOnError) databaseError = message;
      } else if (message instanceof messages.NoticeMessage) {
        onNotice?.(message);
      } else if (message instanceof messages.NotificationResponseMessage) {
        const { channel, payload } = message;
        for (const callback of this.listeners.get(channel) ?? []) queueMicrotask(() => callback(payload));
        for (const callback of this.notificationListeners) queueMicrotask(() => callback(channel, payload));
      }
      results.push(message);
    });
    if (databaseError) throw databaseError;
    return results;
  }

  private call(method: string, ...args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextCallId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  private settle(reply: Extract<WorkerReply, { id: number }>) {
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.type === "result") call.resolve(reply.result);
    else call.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
  }

  /** The thread is gone or never started: every waiting and later call fails with this error. */
  private fail(error: Error): Error {
    this.failure ??= this.closed ? new Error("The embedded database is closed") : error;
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
    return this.failure;
  }
}

/**
 * Opens PGlite on `dataDir` (a folder, created by the caller, or "memory://") in a worker thread and
 * returns its client, which has PGlite's interface. Queries wait for start-up internally.
 */
export function openPgliteThread(dataDir: string): PGliteInterface {
  if (/^(idb|opfs-ahp):\/\//.test(dataDir)) throw new Error(`The embedded database needs a folder or memory://, not browser storage (${dataDir})`);
  return new ThreadedPGlite(dataDir) as unknown as PGliteInterface;
}
