// Collaborative documents are stored as a snapshot (CollabDocument.state, a Yjs update) plus an
// append-only log of the updates acknowledged since (CollabUpdate). The live server appends every
// update before acknowledging it (server/collab/persistence.ts) and compacts the log into the
// snapshot in the background. The document is always snapshot + log: applying an update twice is
// harmless in Yjs, so readers never need both to be perfectly disjoint, only never to miss a row.
//
// Every query here is plain SQL on the driver, bytes travelling as base64/hex text (or, for appends
// to the embedded database, binary COPY data): these run on every keystroke (appends), every
// document load and every compaction, and Prisma's bytea path is several times slower on the
// embedded database (see queryRawRows).
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { executeRawStatement, insertBulkRows, perConnection, queryRawRows } from "~/db.server";
import type { BulkColumn } from "~/db/bulk-rows.server";
import { SequenceBlocks } from "~/db/sequence-blocks.server";

/** One row of a document's update log. */
export type LoggedUpdate = { id: bigint; update: Uint8Array };

/** What the database holds for a document: its snapshot (null if never compacted) and its log. */
export type StoredDocument = { snapshot: Uint8Array | null; updates: LoggedUpdate[] };

/** The outcome of a compaction, for the caller's size accounting and for logs. */
export type CompactionResult = {
  /** Log rows folded into the snapshot (poison rows included: they are deleted too). */
  compactedRows: number;
  /** Bytes of those rows. */
  compactedBytes: number;
  /** Byte length of the snapshot after the compaction. */
  snapshotBytes: number;
  /** Ids of rows that Yjs could not apply: dropped, with a warning. */
  skippedIds: bigint[];
};

type Warn = (message: string) => void;

// Rows folded per compaction transaction: bounds the memory of one pass and the size of the
// `id IN (...)` list (PostgreSQL allows 65,535 bind parameters per statement).
const COMPACTION_BATCH_ROWS = 5_000;
// A compaction that finds the snapshot changed under it (another process, or another copy of this
// module, compacted meanwhile) starts over, up to a few times in a row (giving up is safe: the rows
// stay in the log for the next compaction); and it stops after a few
// full batches, so a log that fills faster than it drains cannot keep one call running forever
// (the next call picks up the rest).
const COMPACTION_CONFLICTS = 5;
const COMPACTION_PASSES = 20;

// Compactions of one document in this module copy run one after the other: concurrent ones could
// only conflict. Across processes (or module copies) the snapshot compare-and-swap keeps them safe.
const compactionQueues = new Map<string, Promise<unknown>>();

/**
 * The log's ids, taken in blocks (app/db/sequence-blocks.server.ts): its sequence steps by 1,024
 * (migration collab_update_id_blocks), so an append names its rows' ids itself and reads nothing
 * back. Asking for them with RETURNING cost about a quarter of an append's CPU on the embedded
 * database, on its thread and in parsing the answer (README, Benchmarks, session 15).
 */
const LOG_ID_SEQUENCE = `pg_get_serial_sequence('"CollabUpdate"', 'id')`;
const logIds = perConnection(
  () =>
    new SequenceBlocks({
      step: async () => {
        const [row] = await executeRawStatement<{ step: string }>(`SELECT seqincrement::text AS step FROM pg_sequence WHERE seqrelid = ${LOG_ID_SEQUENCE}::regclass`);
        return Number(row?.step);
      },
      nextValues: async (count) => {
        const rows = await executeRawStatement<{ id: string }>(`SELECT nextval(${LOG_ID_SEQUENCE})::text AS id FROM generate_series(1, ${count})`);
        return rows.map((row) => BigInt(row.id));
      },
    }),
);

const LOG_COLUMNS: readonly BulkColumn[] = [
  { name: "id", type: "int8" },
  { name: `"documentName"`, type: "text" },
  { name: `"update"`, type: "bytea" },
];

/**
 * Appends Yjs updates to their documents' logs in a single statement, hence a single commit, and
 * returns the rows' ids in the order given (insertBulkRows: a binary COPY on the embedded database).
 */
export async function appendDocumentUpdates(rows: ReadonlyArray<{ documentName: string; update: Uint8Array }>): Promise<AppendedRow[]> {
  if (rows.length === 0) return [];
  const ids = await logIds().take(rows.length);
  await insertBulkRows(`"CollabUpdate"`, LOG_COLUMNS, rows.map((row, index) => [ids[index], row.documentName, row.update]));
  return rows.map((row, index) => ({ documentName: row.documentName, id: ids[index] }));
}

/** A row the log holds now: its document and id. */
export type AppendedRow = { documentName: string; id: bigint };

/**
 * Makes the space of the log rows compactions deleted (and of replaced snapshots) reusable by new
 * rows. The log is the busiest table there is: every edit inserts, every compaction deletes. PGlite
 * has no autovacuum, and a PostgreSQL server may run with it off or behind: without this the table
 * and its index only grow (a dozen bench:collab runs on a server with autovacuum off left 564,000
 * dead rows beside 2 live ones), and every append and load walks more dead entries. A plain
 * VACUUM: reads and writes go on meanwhile.
 */
export async function vacuumDocumentStorage(): Promise<void> {
  await executeRawStatement(`VACUUM "CollabUpdate", "CollabDocument"`);
}

/**
 * Makes `state` (a live document's whole state, which contains every row of `foldedIds`) the
 * document's snapshot and deletes those rows, in one statement. Rows not listed stay in the log,
 * whoever wrote them. For the collaboration server, which knows which rows its copy has applied;
 * anything else compacts from the database with compactDocument.
 */
export async function replaceSnapshotFromLiveDocument(name: string, state: Uint8Array, foldedIds: readonly bigint[]): Promise<CompactionResult> {
  const rows = await queryRawRows<{ rows: number; bytes: string }>(
    `WITH written AS (
       INSERT INTO "CollabDocument" (name, state, "updatedAt") VALUES ($1, decode($2, 'base64'), now())
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, "updatedAt" = now() RETURNING 1),
     folded AS (DELETE FROM "CollabUpdate" WHERE "documentName" = $1 AND id = ANY($3::bigint[]) RETURNING length("update") AS bytes)
     SELECT (SELECT count(*) FROM folded)::int AS rows, (SELECT coalesce(sum(bytes), 0) FROM folded)::text AS bytes`,
    [name, toBase64(state), `{${foldedIds.join(",")}}`],
  );
  return { compactedRows: rows[0].rows, compactedBytes: Number(rows[0].bytes), snapshotBytes: state.byteLength, skippedIds: [] };
}

/** The log rows of a document in id order (optionally only the first `take`). */
export async function loadDocumentUpdates(name: string, options: { take?: number } = {}): Promise<LoggedUpdate[]> {
  const rows = await queryRawRows<{ id: string; update: string }>(
    `SELECT id::text AS id, encode("update", 'base64') AS update FROM "CollabUpdate" WHERE "documentName" = $1 ORDER BY "CollabUpdate".id LIMIT $2`,
    [name, options.take ?? null],
  );
  return rows.map((row) => ({ id: BigInt(row.id), update: fromBase64(row.update) }));
}

async function loadSnapshot(name: string): Promise<Uint8Array | null> {
  const rows = await queryRawRows<{ state: string }>(`SELECT encode(state, 'base64') AS state FROM "CollabDocument" WHERE name = $1`, [name]);
  return rows.length ? fromBase64(rows[0].state) : null;
}

// PostgreSQL's base64 output has a line break every 76 characters; Node's decoder skips them.
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/**
 * Snapshot and log of a document. The log is read first: a compaction moves rows into the snapshot
 * atomically and a snapshot keeps everything ever folded into it, so a row committed before this
 * call is either in the log read here or in the snapshot read after it (possibly both, which Yjs
 * absorbs). Reading the snapshot first could miss rows folded in between the two reads.
 */
export async function loadStoredDocument(name: string): Promise<StoredDocument> {
  const updates = await loadDocumentUpdates(name);
  return { snapshot: await loadSnapshot(name), updates };
}

/**
 * Applies a snapshot and then log rows to `document` in one Yjs transaction. A row Yjs cannot apply
 * is skipped and reported (one bad row must not make a document unloadable); a snapshot that cannot
 * be applied throws, since dropping it would silently lose the whole document.
 */
export function applyStoredDocument(document: Y.Doc, stored: StoredDocument, warn: Warn = console.warn): bigint[] {
  const skipped: bigint[] = [];
  Y.transact(document, () => {
    if (stored.snapshot) {
      try {
        Y.applyUpdate(document, stored.snapshot);
      } catch (error) {
        throw new Error(`the stored snapshot of a collaborative document cannot be applied: ${(error as Error).message}`, { cause: error });
      }
    }
    for (const row of stored.updates) {
      try {
        Y.applyUpdate(document, row.update);
      } catch (error) {
        skipped.push(row.id);
        warn(`[collab] skipping log row ${row.id} (${row.update.byteLength} bytes) that Yjs cannot apply: ${(error as Error).message}`);
      }
    }
  });
  return skipped;
}

/**
 * Folds snapshot and rows into one encoded state. Through a Y.Doc rather than Y.mergeUpdates: the
 * document garbage-collects deleted content, so the snapshot stays about the size of the live
 * document instead of growing with everything ever typed and deleted.
 */
function foldStoredDocument(stored: StoredDocument, warn: Warn): { state: Uint8Array; skippedIds: bigint[] } {
  const document = new Y.Doc();
  try {
    const skippedIds = applyStoredDocument(document, stored, warn);
    return { state: Y.encodeStateAsUpdate(document), skippedIds };
  } finally {
    document.destroy();
  }
}

/**
 * The whole current state of a document (snapshot merged with its log, i.e. everything the server
 * acknowledged before the call), or null if the document has never been written.
 */
export async function loadDocumentState(name: string): Promise<Uint8Array | null> {
  const stored = await loadStoredDocument(name);
  if (!stored.snapshot && stored.updates.length === 0) return null;
  if (stored.updates.length === 0) return stored.snapshot;
  return foldStoredDocument(stored, console.warn).state;
}

/**
 * Folds a document's log into its snapshot. Rows are read and merged outside any transaction, so the
 * (single-connection) embedded database is not held while Yjs works; the write is one statement
 * (hence atomic) that replaces the snapshot only if it is still the one merged onto (compare-and-
 * swap on its MD5) and deletes exactly the rows merged, by id, only if the snapshot was written.
 * Rows appended meanwhile, even with a lower id committed late, stay in the log for the next pass.
 */
export function compactDocument(name: string, options: { warn?: Warn; batchRows?: number } = {}): Promise<CompactionResult> {
  const previous = compactionQueues.get(name) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => compactNow(name, options));
  compactionQueues.set(name, run);
  run
    .finally(() => {
      if (compactionQueues.get(name) === run) compactionQueues.delete(name);
    })
    .catch(() => undefined);
  return run;
}

/**
 * Writes `state` as the document's snapshot if the stored one is still `expected` (absent: none
 * yet), and then deletes the folded rows, in one statement. False if the snapshot had changed.
 */
async function replaceSnapshot(name: string, expected: Uint8Array | null, state: Uint8Array, folded: LoggedUpdate[]): Promise<boolean> {
  const write = expected
    ? `UPDATE "CollabDocument" SET state = decode($2, 'base64'), "updatedAt" = now() WHERE name = $1 AND md5(state) = $4 RETURNING 1`
    : `INSERT INTO "CollabDocument" (name, state, "updatedAt") VALUES ($1, decode($2, 'base64'), now()) ON CONFLICT (name) DO NOTHING RETURNING 1`;
  const rows = await queryRawRows<{ written: number }>(
    `WITH written AS (${write}),
          folded AS (DELETE FROM "CollabUpdate" WHERE "documentName" = $1 AND id = ANY($3::bigint[]) AND EXISTS (SELECT 1 FROM written) RETURNING 1)
     SELECT (SELECT count(*) FROM written)::int AS written`,
    [name, toBase64(state), `{${folded.map((row) => row.id).join(",")}}`, ...(expected ? [createHash("md5").update(expected).digest("hex")] : [])],
  );
  return rows[0]?.written === 1;
}

async function compactNow(name: string, options: { warn?: Warn; batchRows?: number }): Promise<CompactionResult> {
  const warn = options.warn ?? console.warn;
  const batchRows = options.batchRows ?? COMPACTION_BATCH_ROWS;
  const result: CompactionResult = { compactedRows: 0, compactedBytes: 0, snapshotBytes: 0, skippedIds: [] };

  let conflicts = 0;
  for (let pass = 0; pass < COMPACTION_PASSES; pass++) {
    const updates = await loadDocumentUpdates(name, { take: batchRows });
    const snapshot = await loadSnapshot(name);
    result.snapshotBytes = snapshot?.byteLength ?? 0;
    if (updates.length === 0) return result;

    const { state, skippedIds } = foldStoredDocument({ snapshot, updates }, warn);
    if (!(await replaceSnapshot(name, snapshot, state, updates))) {
      if (++conflicts >= COMPACTION_CONFLICTS) {
        throw new Error(`compaction of ${name} gave up: its snapshot kept changing under it (another process compacting it?)`);
      }
      // Jittered back-off, so two compactors do not keep colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * conflicts));
      continue;
    }
    conflicts = 0;

    result.compactedRows += updates.length;
    result.compactedBytes += updates.reduce((sum, row) => sum + row.update.byteLength, 0);
    result.snapshotBytes = state.byteLength;
    result.skippedIds.push(...skippedIds);
    // A full batch means more rows may be waiting; a short one means the log was drained.
    if (updates.length < batchRows) return result;
  }
  return result;
}
