// Durable persistence for /collab: every document update is appended to the CollabUpdate log, and
// its sender is acknowledged only once that append is committed, so whatever a client was told is
// saved survives a kill -9 of the server at any moment. Hocuspocus awaits `beforeHandleMessage`,
// which validates the update (a hook that throws closes only that connection, before anything is
// applied) and queues its append; Hocuspocus then applies and broadcasts it at once, and the
// SyncStatus acknowledgement it sends is held back until the commit (./acknowledgements.ts). If the
// commit fails, the connection is closed unacknowledged: the client keeps the edit and sends it
// again when it reconnects, and the live copy, which has it, writes it at the next compaction.
//
// The log is folded into CollabDocument.state (the snapshot) in the background, one document at a
// time: when Hocuspocus stores a document that has gone quiet (its debounced store hook, 2 s after
// the last change) or that the last person left, before it unloads, and as soon as a document has logged
// COMPACT_AFTER_ROWS rows. The stores Hocuspocus makes every 10 s while people keep typing skip
// it: every acknowledged update is already durable in the log, and rewriting the snapshot then
// would only spend the database's time on a document still changing. After every
// VACUUM_AFTER_DELETED_ROWS rows compactions deleted, the log tables are vacuumed in the same lane.
import {
  isTransactionOrigin,
  MessageType,
  type Extension,
  type beforeHandleMessagePayload,
  type beforeUnloadDocumentPayload,
  type afterHandleMessagePayload,
  type onChangePayload,
  type onLoadDocumentPayload,
  type onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { acknowledgementGateOf, findAcknowledgementGate } from "./acknowledgements";
import {
  appendDocumentUpdates,
  applyStoredDocument,
  compactDocument,
  loadStoredDocument,
  replaceSnapshotFromLiveDocument,
  vacuumDocumentStorage,
  type AppendedRow,
  type CompactionResult,
} from "~/models/collab-document.server";

/**
 * Maximum size of a collaborative document: 8 MiB of encoded Yjs state, counted approximately as the
 * snapshot's bytes plus the bytes logged since it (so typing and deleting counts until the next
 * compaction garbage-collects it). A keystroke is ~30 bytes and a 100k-character document with its
 * history ~160 KB, so this leaves room for very long proposals while keeping a document's load time
 * and memory (~20x its encoded size) bounded. An update that would take a document past the limit is
 * refused and not logged: the connection that sent it is closed with reason "document-too-large".
 * Updates that only delete are still accepted, so a full document can be trimmed.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * Rows a loaded document may log before it is compacted without waiting for the store hook. The
 * store hook already compacts at least every 10 s while people type; this only bounds the log (and
 * the next load) under very fast editing, without rewriting a large snapshot every second.
 */
export const COMPACT_AFTER_ROWS = 1_000;

/**
 * Log rows this server's compactions may delete before it vacuums the log tables
 * (vacuumDocumentStorage): the space of deleted rows is reused only after a VACUUM, which PGlite
 * never runs by itself. 10,000 rows are ten compactions of a document at COMPACT_AFTER_ROWS, or
 * many smaller ones: each vacuum has little to do, and the table stays close to its live rows.
 */
export const VACUUM_AFTER_DELETED_ROWS = 10_000;

/** A document whose last change is older than this counts as quiet (Hocuspocus' store debounce is 2 s). */
export const QUIET_AFTER_MS = 1_500;

// y-protocols' sync sub-messages (not re-exported by Hocuspocus).
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

// One INSERT carries at most this much; the rest goes in the next commit right after.
const BATCH_MAX_ROWS = 1_000;
const BATCH_MAX_BYTES = 8 * 1024 * 1024;
// Commits start at most this often. A commit has a fixed cost (0.6–0.9 ms of CPU on PGlite), and
// only the sender's acknowledgement waits for it (everyone else already has the update, and the
// editor shows "saving…" meanwhile), so under load (1,200 updates/s at 600 editors) gathering
// updates cuts the server's CPU per change: 20 ms (~50 commits/s instead of ~300) by about a
// quarter, 100 ms (~10 commits/s) by another 10–15% on the embedded database (bench:collab, ABAB
// runs, README session 12). An isolated edit still commits at once.
const COMMIT_INTERVAL_MS = 100;

/** Why a connection is closed when the log cannot be written (its edits were not acknowledged). */
export const STORAGE_UNAVAILABLE = { code: 4503, reason: "storage-unavailable" } as const;

/** A refusal Hocuspocus turns into closing the offending connection with `reason`. */
export class CollabRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "CollabRefusal";
  }
}

/**
 * The Yjs update a raw /collab message would apply to its document (Sync or SyncReply carrying
 * SyncStep2 or Update), or null if it carries none. Throws on a truncated message.
 */
export function readDocumentUpdate(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  // The routing key ("<document>" or "<document>\0<session>") is skipped, not decoded: Hocuspocus
  // has already routed the message by it.
  const keyLength = decoding.readVarUint(decoder);
  decoder.pos += keyLength;
  if (decoder.pos > message.length) throw new Error("truncated routing key");
  const type = decoding.readVarUint(decoder);
  // Hocuspocus applies SyncReply exactly like Sync: a client could use either to write.
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null;
  const update = decoding.readVarUint8Array(decoder);
  // lib0 checks lengths against the whole buffer, which can hold more than this message.
  if (decoder.pos > message.length) throw new Error("truncated update");
  return update;
}

/** What an update carries: nothing, only deletions, or new content. */
export type UpdateKind = "empty" | "deletions" | "content";

/**
 * Decodes a whole Yjs update (the cheap validity check: structs, contents and delete set) and says
 * what it carries. Throws if it is malformed.
 */
export function classifyUpdate(update: Uint8Array): UpdateKind {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > 0) return "content";
  return ds.clients.size > 0 ? "deletions" : "empty";
}

const ignore = () => undefined;

type PendingAppend = {
  documentName: string;
  update: Uint8Array;
  /** Called with the ids of all rows of its document in its commit. */
  resolve: (ids: bigint[]) => void;
  reject: (error: unknown) => void;
  promise: Promise<bigint[]>;
};

/** Counters of an AppendBatcher, for measurements and operations. */
export type BatcherStats = { commits: number; rows: number; failedCommits: number; largestCommit: number };

/**
 * Group commit for the update log. Appends wait for a setImmediate, so every message that arrived in
 * the same event-loop turn (all sockets' reads of one poll phase) goes into one INSERT; while a commit
 * is in flight, or until COMMIT_INTERVAL_MS have passed since the last one started, new appends
 * queue up and go together in the next one. Every waiter resolves after its commit; a failed commit
 * rejects all of its waiters, so none of them is acknowledged.
 */
export class AppendBatcher {
  readonly stats: BatcherStats = { commits: 0, rows: 0, failedCommits: 0, largestCommit: 0 };
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly write: (rows: Array<{ documentName: string; update: Uint8Array }>) => Promise<AppendedRow[]>,
    private readonly limits = { rows: BATCH_MAX_ROWS, bytes: BATCH_MAX_BYTES, intervalMs: COMMIT_INTERVAL_MS },
  ) {}

  /**
   * Queues an update; resolves once it is committed, with the ids of every row of its document in
   * that commit (its own among them), and rejects if its commit failed.
   */
  append(documentName: string, update: Uint8Array): Promise<bigint[]> {
    let resolve!: (ids: bigint[]) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<bigint[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending.push({ documentName, update, resolve, reject, promise });
    this.schedule();
    return promise;
  }

  /** True while appends are queued or being committed. */
  get busy(): boolean {
    return this.pending.length > 0 || this.inFlight !== null;
  }

  /** Resolves once every append queued so far has been committed or has failed (never rejects). */
  flushed(): Promise<void> {
    const last = this.pending.at(-1);
    if (last) return last.promise.then(ignore, ignore);
    return this.inFlight ?? Promise.resolve();
  }

  private schedule() {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.commitNext();
    };
    const wait = this.lastCommitAt + this.limits.intervalMs - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  private commitNext() {
    let bytes = 0;
    let count = 0;
    while (count < this.pending.length && count < this.limits.rows) {
      const size = this.pending[count].update.byteLength;
      if (count > 0 && bytes + size > this.limits.bytes) break;
      bytes += size;
      count += 1;
    }
    const batch = this.pending.splice(0, count);
    if (batch.length === 0) return;
    this.lastCommitAt = performance.now();
    const rows = batch.map(({ documentName, update }) => ({ documentName, update }));
    // Through a promise, so that even a writer that throws synchronously rejects its waiters.
    this.inFlight = Promise.resolve()
      .then(() => this.write(rows))
      .then(
        (appended) => {
          this.stats.commits += 1;
          this.stats.rows += batch.length;
          this.stats.largestCommit = Math.max(this.stats.largestCommit, batch.length);
          const idsOf = new Map<string, bigint[]>();
          for (const { documentName, id } of appended) {
            const ids = idsOf.get(documentName);
            if (ids) ids.push(id);
            else idsOf.set(documentName, [id]);
          }
          for (const entry of batch) entry.resolve(idsOf.get(entry.documentName) ?? []);
        },
        (error: unknown) => {
          this.stats.failedCommits += 1;
          for (const entry of batch) entry.reject(error);
        },
      )
      .finally(() => {
        this.inFlight = null;
        if (this.pending.length > 0) this.schedule();
      });
  }
}

/** Approximate size and log state of one loaded document (one Hocuspocus Document instance). */
type DocumentAccount = {
  snapshotBytes: number;
  logBytes: number;
  rowsSinceCompaction: number;
  /** Server-side changes (not from a connection) whose append failed: the next store logs the whole state. */
  localAppendFailures: number;
  /** When the last update was logged (Date.now()). */
  lastLoggedAt: number;
  /** Log rows of the document known to this copy (loaded with it, or committed since). */
  knownRows: Set<bigint>;
  /** Messages committed to the log that Hocuspocus has not applied yet. */
  unapplied: number;
};

/** Where documents are read from and written to: app/models/collab-document.server.ts by default. */
export type PersistenceStorage = {
  appendRows: (rows: Array<{ documentName: string; update: Uint8Array }>) => Promise<AppendedRow[]>;
  loadDocument: typeof loadStoredDocument;
  /** Folds the log into the snapshot from the database (when the live copy cannot be used). */
  compact: (documentName: string, options: { warn: (message: string) => void }) => Promise<CompactionResult>;
  /** Makes a live copy's state the snapshot and deletes the listed rows, which it contains. */
  replaceSnapshot: typeof replaceSnapshotFromLiveDocument;
  /** Makes the space of deleted log rows reusable. */
  vacuum: () => Promise<void>;
};

export type DurablePersistenceOptions = {
  maxDocumentBytes?: number;
  compactAfterRows?: number;
  vacuumAfterDeletedRows?: number;
  warn?: (message: string) => void;
  /** Replaces parts of the storage (tests use it to inject failures). */
  storage?: Partial<PersistenceStorage>;
};

/** The Hocuspocus extension that loads documents from snapshot + log and logs before acknowledging. */
export class DurablePersistence implements Extension {
  extensionName = "twb-durable-persistence";
  readonly log: AppendBatcher;
  private readonly maxDocumentBytes: number;
  private readonly compactAfterRows: number;
  private readonly vacuumAfterDeletedRows: number;
  private deletedSinceVacuum = 0;
  private vacuuming = false;
  private readonly warn: (message: string) => void;
  private readonly storage: PersistenceStorage;
  // Keyed by the Document instance, not its name: a document unloaded and loaded again is a new
  // instance, and a late hook of the old one must not touch the new one's numbers.
  private readonly accounts = new WeakMap<Y.Doc, DocumentAccount>();
  private readonly compactions = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<void>>();
  /** Raw messages whose update is committed to the log but not yet applied by Hocuspocus. */
  private readonly awaitingApply = new WeakSet<Uint8Array>();
  /** Compactions of all documents run one at a time, so they never queue up ahead of appends. */
  private compactionLane: Promise<unknown> = Promise.resolve();

  constructor(options: DurablePersistenceOptions = {}) {
    this.maxDocumentBytes = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
    this.compactAfterRows = options.compactAfterRows ?? COMPACT_AFTER_ROWS;
    this.vacuumAfterDeletedRows = options.vacuumAfterDeletedRows ?? VACUUM_AFTER_DELETED_ROWS;
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.storage = {
      appendRows: appendDocumentUpdates,
      loadDocument: loadStoredDocument,
      compact: compactDocument,
      replaceSnapshot: replaceSnapshotFromLiveDocument,
      vacuum: vacuumDocumentStorage,
      ...options.storage,
    };
    this.log = new AppendBatcher(this.storage.appendRows);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.storage.loadDocument(documentName);
    applyStoredDocument(document, stored, this.warn);
    this.accounts.set(document, {
      snapshotBytes: stored.snapshot?.byteLength ?? 0,
      logBytes: stored.updates.reduce((sum, row) => sum + row.update.byteLength, 0),
      rowsSinceCompaction: stored.updates.length,
      localAppendFailures: 0,
      lastLoggedAt: 0,
      knownRows: new Set(stored.updates.map((row) => row.id)),
      unapplied: 0,
    });
    // A long log left by a crash would otherwise wait for the first edit's store hook.
    if (stored.updates.length >= this.compactAfterRows) this.compactInBackground(documentName, document);
  }

  async beforeHandleMessage({ update: message, connection, document, documentName }: beforeHandleMessagePayload): Promise<void> {
    // Hocuspocus discards the document updates of read-only connections: logging them would let a
    // reader write through the next load.
    if (connection.readOnly) return;
    let update: Uint8Array | null;
    let kind: UpdateKind;
    try {
      update = readDocumentUpdate(message);
      if (!update) return;
      kind = classifyUpdate(update);
    } catch (error) {
      throw new CollabRefusal(4400, "malformed-update", `refusing a malformed update to ${documentName}: ${(error as Error).message}`);
    }
    if (kind === "empty") return;

    const account = this.accountOf(document);
    if (kind === "content" && this.sizeOf(account) + update.byteLength > this.maxDocumentBytes) {
      // The estimate counts deleted content and duplicates until compaction garbage-collects them:
      // compact before refusing.
      await this.log.flushed();
      if (account.rowsSinceCompaction > 0) await this.compact(documentName, document);
      if (this.sizeOf(account) + update.byteLength > this.maxDocumentBytes) {
        throw new CollabRefusal(
          4413,
          "document-too-large",
          `refusing an update of ${update.byteLength} bytes to ${documentName}: the document would exceed ` +
            `${this.maxDocumentBytes} bytes (it is about ${this.sizeOf(account)})`,
        );
      }
    }

    // Counted before the commit, so concurrent updates in the same batch cannot overshoot together.
    account.logBytes += update.byteLength;
    // Until afterHandleMessage: a compaction from the live copy waits for it to be applied.
    account.unapplied += 1;
    this.awaitingApply.add(message);
    const commit = this.log.append(documentName, update).then(
      (ids) => this.committed(documentName, document, ids),
      (error: unknown) => {
        account.logBytes -= update.byteLength;
        // Never acknowledged: the client keeps the edit and sends it again when it reconnects.
        this.warn(`[collab] could not log an update to ${documentName}, closing its connection: ${(error as Error).message}`);
        connection.close({ code: STORAGE_UNAVAILABLE.code, reason: STORAGE_UNAVAILABLE.reason });
        throw error;
      },
    );
    // Hocuspocus applies and broadcasts the update now; its acknowledgement waits for the commit.
    const gate = acknowledgementGateOf(connection);
    gate.awaitCommit(commit);
    gate.skipEchoOf(message);
    void commit.catch(ignore);
  }

  async afterHandleMessage({ update: message, connection, document }: afterHandleMessagePayload): Promise<void> {
    findAcknowledgementGate(connection)?.handled();
    if (this.awaitingApply.delete(message)) this.accountOf(document).unapplied -= 1;
  }

  /** Changes made on the server (direct connections, other extensions) have no message: log them here. */
  async onChange({ transactionOrigin, update, document, documentName }: onChangePayload): Promise<void> {
    // Connection updates were logged by beforeHandleMessage, "redis" ones by the instance that
    // received them; skipStoreHooks marks a change its author has persisted already.
    if (isTransactionOrigin(transactionOrigin) && (transactionOrigin.source !== "local" || transactionOrigin.skipStoreHooks)) return;
    const account = this.accountOf(document);
    account.logBytes += update.byteLength;
    // Hocuspocus does not await onChange, so this must never reject (it would be unhandled).
    this.track(
      this.log.append(documentName, update).then(
        // Applied before it was logged: the live copy holds it.
        (ids) => this.committed(documentName, document, ids),
        (error: unknown) => {
          account.localAppendFailures += 1;
          this.warn(`[collab] could not log a server-side change to ${documentName} (${(error as Error).message}); the next store logs the whole document`);
        },
      ),
    );
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    await this.log.flushed();
    const account = this.accountOf(document);
    const failures = account.localAppendFailures;
    if (failures > 0) {
      // Throwing here keeps the document in memory (Hocuspocus retries on the next store).
      const state = Y.encodeStateAsUpdate(document);
      for (const id of await this.log.append(documentName, state)) account.knownRows.add(id);
      account.localAppendFailures -= failures;
      account.logBytes += state.byteLength;
      account.rowsSinceCompaction += 1;
    }
    const stillTyping = document.getConnectionsCount() > 0 && Date.now() - account.lastLoggedAt < QUIET_AFTER_MS;
    // Everything acknowledged is already durable: a failed compaction is only logged (compact
    // never rejects), so the document can still unload and the server can still shut down.
    if (account.rowsSinceCompaction > 0 && !stillTyping) await this.compact(documentName, document);
  }

  /** A document left while people were typing may not have been stored since: fold its log now. */
  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.accountOf(document).rowsSinceCompaction > 0) await this.compact(documentName, document);
  }

  /** Resolves once no append is queued and no compaction is running (work started meanwhile included). */
  async idle(): Promise<void> {
    // Finished appends can start compactions and vice versa: repeat until a pass finds nothing.
    for (;;) {
      await this.log.flushed();
      const running = [...this.compactions.values(), ...this.background];
      if (running.length === 0 && !this.log.busy) return;
      await Promise.all(running);
    }
  }

  private accountOf(document: Y.Doc): DocumentAccount {
    let account = this.accounts.get(document);
    if (!account) {
      account = { snapshotBytes: 0, logBytes: 0, rowsSinceCompaction: 0, localAppendFailures: 0, lastLoggedAt: 0, knownRows: new Set(), unapplied: 0 };
      this.accounts.set(document, account);
    }
    return account;
  }

  /** Counts an update the live copy applied once its commit added the rows `ids` to the log. */
  private committed(documentName: string, document: Y.Doc, ids: bigint[]) {
    const account = this.accountOf(document);
    for (const id of ids) account.knownRows.add(id);
    account.rowsSinceCompaction += 1;
    account.lastLoggedAt = Date.now();
    if (account.rowsSinceCompaction >= this.compactAfterRows) this.compactInBackground(documentName, document);
  }

  private sizeOf(account: DocumentAccount): number {
    return account.snapshotBytes + account.logBytes;
  }

  private track(work: Promise<void>) {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  private compactInBackground(documentName: string, document: Y.Doc) {
    // One queued compaction per document is enough: it reads the log when it starts.
    if (!this.compactions.has(documentName)) void this.compact(documentName, document);
  }

  /**
   * Folds the log into the snapshot from the live copy, which already holds the whole document: no
   * reading back and replaying of rows. The rows deleted are exactly those this copy knows it has
   * applied; a message committed but not applied yet (Hocuspocus applies it right after the commit
   * resolves, in the same turn) is waited for. Should that not settle, it compacts from the
   * database instead.
   */
  private async compactNow(documentName: string, document: Y.Doc): Promise<CompactionResult> {
    const account = this.accountOf(document);
    for (let turn = 0; account.unapplied > 0 && turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (account.unapplied > 0) return this.storage.compact(documentName, { warn: this.warn });
    // Read together, in one synchronous step: the state contains every row listed.
    const folded = [...account.knownRows];
    const state = Y.encodeStateAsUpdate(document);
    const result = await this.storage.replaceSnapshot(documentName, state, folded);
    for (const id of folded) account.knownRows.delete(id);
    return result;
  }

  /** Once compactions have deleted enough rows, vacuums the log in the compaction lane (never rejects). */
  private countDeletedRows(rows: number) {
    this.deletedSinceVacuum += rows;
    if (this.vacuuming || this.deletedSinceVacuum < this.vacuumAfterDeletedRows) return;
    this.vacuuming = true;
    this.deletedSinceVacuum = 0;
    this.track(
      this.inCompactionLane(() => this.storage.vacuum())
        .catch((error: unknown) => this.warn(`[collab] vacuuming the update log failed (nothing is lost; it is retried later): ${(error as Error).message}`))
        .finally(() => {
          this.vacuuming = false;
        }),
    );
  }

  private inCompactionLane<T>(work: () => Promise<T>): Promise<T> {
    const run = this.compactionLane.then(work);
    this.compactionLane = run.catch(ignore);
    return run;
  }

  /** Compacts one document, after any compaction of it already running; never rejects. */
  private compact(documentName: string, document: Y.Doc): Promise<void> {
    const previous = this.compactions.get(documentName) ?? Promise.resolve();
    const run: Promise<void> = previous
      .then(() => this.inCompactionLane(() => this.compactNow(documentName, document)))
      .then(
        (result) => {
          this.countDeletedRows(result.compactedRows);
          const account = this.accounts.get(document);
          if (!account) return;
          account.snapshotBytes = result.snapshotBytes;
          account.logBytes = Math.max(0, account.logBytes - result.compactedBytes);
          account.rowsSinceCompaction = Math.max(0, account.rowsSinceCompaction - result.compactedRows);
        },
        (error: unknown) => this.warn(`[collab] compaction of ${documentName} failed (its log is intact): ${(error as Error).message}`),
      )
      .finally(() => {
        if (this.compactions.get(documentName) === run) this.compactions.delete(documentName);
      });
    this.compactions.set(documentName, run);
    return run;
  }
}
