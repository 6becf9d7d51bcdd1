// The database connection: one Prisma client per process.
//
// - DATABASE_URL=postgresql://… → PostgreSQL through @prisma/adapter-pg on a pg pool ("postgres").
// - otherwise → embedded PostgreSQL (PGlite) in DATA_DIR/pglite, DATA_DIR defaulting to ./data
//   relative to the working directory; DATA_DIR=memory:// keeps it in memory ("embedded"). PGlite
//   runs in a worker thread of this process (db/pglite-thread.server.ts), off the event loop.
//
// The environment is read at first use, not at import. The Remix server build, the custom Express
// server and Vite's SSR loader each evaluate their own copy of this module in the same process, so
// the connection lives on globalThis: a second PGlite on the same folder would corrupt it.
import { createHash } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import {
  pgliteMigrationAdapter,
  postgresMigrationAdapter,
  type MigrationAdapter,
} from "./db/migration-adapters.server";
import { binaryCopyData, copyFromBlobStatement, insertStatement, type BulkColumn, type BulkValue } from "./db/bulk-rows.server";
import { applyMigrations, markMigrationRolledBack } from "./db/migrations.server";
import { createDataFolder, IN_MEMORY, lockDataDirectory, prismaAdapterFor, type EmbeddedDatabase } from "./db/pglite.server";
import { openPgliteThread } from "./db/pglite-thread.server";
import { PrismaClient } from "./generated/prisma/client";

export type DatabaseKind = "embedded" | "postgres";

type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };

interface Connection {
  kind: DatabaseKind;
  prisma: PrismaClient;
  migrate(): Promise<{ applied: string[] }>;
  markRolledBack(migrationName: string): Promise<void>;
  /** One statement without parameters, straight on the driver (see executeRawStatement). */
  executeRaw<Row>(sql: string): Promise<Row[]>;
  /** One statement with text parameters, straight on the driver (see queryRawRows). */
  queryRaw<Row>(sql: string, params: ReadonlyArray<string | number | null>): Promise<Row[]>;
  /** The same, as a named prepared statement where the driver keeps them (see queryPreparedRows). */
  queryPrepared<Row>(sql: string, params: ReadonlyArray<string | number | null>): Promise<Row[]>;
  /** Many rows into one table in one statement (see insertBulkRows). */
  insertRows(table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>): Promise<void>;
  close(): Promise<void>;
  /** Set while migrations run, so concurrent callers share one run. */
  migrating?: Promise<{ applied: string[] }>;
}

const CONNECTION_KEY = Symbol.for("twb.db.connection");
const CLOSING_KEY = Symbol.for("twb.db.closing");
type GlobalWithDb = typeof globalThis & {
  [CONNECTION_KEY]?: Connection;
  [CLOSING_KEY]?: Promise<void>;
};
const g = globalThis as GlobalWithDb;

function readConfig(): DatabaseConfig {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new Error(
        "DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database. " +
          "Unset it to use the embedded database.",
      );
    }
    if (protocol !== "postgresql:" && protocol !== "postgres:") {
      // The URL itself is not echoed: it may carry a password.
      throw new Error(
        `DATABASE_URL must be a PostgreSQL URL (postgresql://…), not "${protocol}//…". ` +
          "Unset it to use the embedded database in DATA_DIR.",
      );
    }
    return { kind: "postgres", url };
  }
  const dataDir = process.env.DATA_DIR?.trim() || "./data";
  return {
    kind: "embedded",
    dataDir: dataDir.startsWith(IN_MEMORY) ? dataDir : path.resolve(dataDir, "pglite"),
  };
}

function connectPostgres(url: string): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Fail instead of waiting forever when the server is down.
    connectionTimeoutMillis: 10_000,
    // Idle connections must not keep scripts alive once their work is done.
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server emits "error"; unhandled, it would crash the process.
  pool.on("error", (error) => console.warn(`[db] idle PostgreSQL connection error: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    migrate: () => withPostgresMigrationAdapter(url, (adapter) => applyMigrations(adapter)),
    markRolledBack: (name) => withPostgresMigrationAdapter(url, (adapter) => markMigrationRolledBack(adapter, name)),
    executeRaw: async <Row>(sql: string) => (await pool.query(sql)).rows as Row[],
    queryRaw: async <Row>(sql: string, params: ReadonlyArray<string | number | null>) => {
      const result = await pool.query(sql, [...params]);
      return result.rows as Row[];
    },
    queryPrepared: async <Row>(sql: string, params: ReadonlyArray<string | number | null>) => {
      const result = await pool.query({ name: statementName(sql), text: sql, values: [...params] });
      return result.rows as Row[];
    },
    insertRows: async (table, columns, rows) => {
      await pool.query(insertStatement(table, columns, rows));
    },
    async close() {
      await settleAll([() => prisma.$disconnect(), () => pool.end()]);
    },
  };
}

async function withPostgresMigrationAdapter<T>(url: string, work: (adapter: MigrationAdapter) => Promise<T>): Promise<T> {
  const adapter = postgresMigrationAdapter(url);
  try {
    return await work(adapter);
  } finally {
    await adapter.close();
  }
}

function connectEmbedded(dataDir: string): Connection {
  const releaseLock = dataDir.startsWith(IN_MEMORY) ? () => {} : lockDataDirectory(dataDir);
  let db: EmbeddedDatabase;
  try {
    createDataFolder(dataDir);
    db = openPgliteThread(dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  // Start-up failures also reject every query; this only keeps them from crashing the process
  // as an unhandled rejection when nothing has queried yet.
  db.waitReady.catch((error: unknown) => {
    console.error(`[db] the embedded database in ${dataDir} failed to start:`, error);
  });
  const prisma = new PrismaClient({ adapter: prismaAdapterFor(db) });
  const queryRaw = async <Row>(sql: string, params: ReadonlyArray<string | number | null>) => (await db.query<Row>(sql, [...params])).rows;
  return {
    kind: "embedded",
    prisma,
    // PGlite is a single connection: the engine goes through the same instance as the client
    // (a second instance on the folder would corrupt it); PGlite serialises their queries.
    migrate: () => applyMigrations(pgliteMigrationAdapter(db)),
    markRolledBack: (name) => markMigrationRolledBack(pgliteMigrationAdapter(db), name),
    // PGlite runs exec() after any transaction Prisma holds open, as it does for Prisma's queries.
    executeRaw: async <Row>(sql: string) => ((await db.exec(sql)).at(-1)?.rows ?? []) as Row[],
    queryRaw,
    // PGlite's API has no named statements: each query is parsed and planned, as with queryRaw.
    queryPrepared: queryRaw,
    insertRows: async (table, columns, rows) => {
      await db.exec(copyFromBlobStatement(table, columns), { blob: new Blob([binaryCopyData(columns, rows)]) });
    },
    async close() {
      try {
        // PGlite must be closed to leave the data folder consistent for the next start.
        await settleAll([() => prisma.$disconnect(), () => db.close()]);
      } finally {
        releaseLock();
      }
    },
  };
}

/** Runs every step even if one fails, then throws the first failure. */
async function settleAll(steps: Array<() => Promise<unknown>>): Promise<void> {
  const results = [];
  for (const step of steps) results.push(await step().then(() => null, (error: unknown) => ({ error })));
  const failure = results.find((result) => result !== null);
  if (failure) throw failure.error;
}

function connection(): Connection {
  let conn = g[CONNECTION_KEY];
  if (!conn) {
    const config = readConfig();
    conn = config.kind === "postgres" ? connectPostgres(config.url) : connectEmbedded(config.dataDir);
    g[CONNECTION_KEY] = conn;
  }
  return conn;
}

/**
 * The process-wide Prisma client, created on first use from DATABASE_URL / DATA_DIR. After
 * disconnectDatabase() the next use opens a new connection.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = connection().prisma;
    const value: unknown = Reflect.get(client, property, client);
    // Bound, so that methods such as $transaction see the real client as `this`.
    return typeof value === "function" ? value.bind(client) : value;
  },
  has(_target, property) {
    return Reflect.has(connection().prisma, property);
  },
});

/** Which database the app uses: "postgres" when DATABASE_URL is set, "embedded" (PGlite) otherwise. */
export function databaseKind(): DatabaseKind {
  return g[CONNECTION_KEY]?.kind ?? readConfig().kind;
}

/** True when the database answers `SELECT 1` within `timeoutMs`; never throws. */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const client = connection().prisma;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.$queryRawUnsafe("SELECT 1"), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A getter for state that belongs to the current database connection (such as ids reserved from
 * one of its sequences): `create` runs once per connection, so a reconnection to another database
 * never sees the previous one's state.
 */
export function perConnection<T>(create: () => T): () => T {
  const states = new WeakMap<Connection, T>();
  return () => {
    const current = connection();
    let state = states.get(current);
    if (state === undefined) {
      state = create();
      states.set(current, state);
    }
    return state;
  };
}

/**
 * Runs one SQL statement without bind parameters directly on the driver (PGlite's simple-query
 * exec, or a pg pool query), in its own implicit transaction, and returns its rows. For hot paths only: on PGlite a
 * statement of escaped literals costs about a third of the same statement through Prisma with
 * bound bytea parameters. Callers must build the SQL from escaped literals (pg's escapeLiteral).
 */
export function executeRawStatement<Row = never>(sql: string): Promise<Row[]> {
  return connection().executeRaw<Row>(sql);
}

/**
 * Inserts `rows` (one value per column, in column order) into `table` in one statement, hence one
 * commit, straight on the driver: a binary COPY on the embedded database, an INSERT of escaped
 * literals on PostgreSQL (app/db/bulk-rows.server.ts). `table` and the column names are SQL
 * identifiers written by the caller, never user input. Does nothing for no rows.
 */
export async function insertBulkRows(table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<readonly BulkValue[]>): Promise<void> {
  if (rows.length === 0) return;
  await connection().insertRows(table, columns, rows);
}

/**
 * Runs one statement with text or number parameters directly on the driver and returns its rows
 * (each statement its own implicit transaction). For the collaboration storage, whose bytes travel
 * as base64/hex text: PGlite's own bytea conversion in JavaScript costs 5-10x more than
 * encode()/decode() in SQL plus Node's native Buffer codecs (measured: 20 KB read 2.9 ms vs 0.6 ms).
 */
export function queryRawRows<Row>(sql: string, params: ReadonlyArray<string | number | null> = []): Promise<Row[]> {
  return connection().queryRaw<Row>(sql, params);
}

/**
 * queryRawRows for a statement of fixed text run on hot paths: on PostgreSQL each pooled connection
 * parses and plans it once (a named prepared statement), then only binds the parameters. Only for
 * statements whose best plan does not depend on the values: PostgreSQL may switch a prepared
 * statement to one generic plan (a full-text page query got 2x slower that way, so it is not one).
 */
export function queryPreparedRows<Row>(sql: string, params: ReadonlyArray<string | number | null> = []): Promise<Row[]> {
  return connection().queryPrepared<Row>(sql, params);
}

const statementNames = new Map<string, string>();
/** A name per statement text (the same text always gets the same name, different texts never share one). */
function statementName(sql: string) {
  let name = statementNames.get(sql);
  if (!name) {
    name = `twb_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** Closes the Prisma client and the pg pool or PGlite instance (flushing its data folder). */
export async function disconnectDatabase(): Promise<void> {
  const conn = g[CONNECTION_KEY];
  if (conn) {
    delete g[CONNECTION_KEY];
    const closing = (async () => {
      // Closing PGlite under a running migration would leave it half-applied.
      await conn.migrating?.catch(() => {});
      await conn.close();
    })();
    g[CLOSING_KEY] = closing;
    closing.finally(() => {
      if (g[CLOSING_KEY] === closing) delete g[CLOSING_KEY];
    }).catch(() => {});
  }
  await g[CLOSING_KEY];
}

/**
 * Applies the pending migrations of prisma/migrations (located as findMigrationsDirectory()
 * describes: MIGRATIONS_DIR, else searched upwards from the working directory, normally the
 * project root) and returns the names applied. Concurrent calls share one run.
 */
export function migrateDatabase(): Promise<{ applied: string[] }> {
  const conn = connection();
  if (!conn.migrating) {
    const run = conn.migrate().finally(() => {
      if (conn.migrating === run) conn.migrating = undefined;
    });
    conn.migrating = run;
  }
  return conn.migrating;
}

/**
 * Marks a failed migration as rolled back (`prisma migrate resolve --rolled-back`), so that a
 * corrected version can be applied by the next migrateDatabase().
 */
export async function resolveFailedMigration(migrationName: string): Promise<void> {
  const conn = connection();
  await conn.migrating?.catch(() => {});
  await conn.markRolledBack(migrationName);
}
