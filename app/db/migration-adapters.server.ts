// Driver adapters for Prisma's WebAssembly schema engine. The stock adapters are written for the
// query engine; two of their behaviours are unsafe for migrations, so both are corrected here:
// - pglite-prisma-adapter 0.7.2 does not await `executeScript`: a failing migration would be
//   recorded as applied and its error would surface later as an unhandled rejection. Its shadow
//   database is never closed either, which keeps the process alive ~10 s (a PGlite timer).
// - @prisma/adapter-pg 7.10 splits scripts on ";" (breaking `$$ ... ; ... $$` function bodies and
//   string literals) and runs the pieces on whichever pool connection is free, so the engine's
//   advisory lock and the migration may land on different sessions.
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { IN_MEMORY, openPglite, prismaAdapterFor, type EmbeddedDatabase } from "./pglite.server";

/** An adapter factory for the schema engine, plus the resources to release once it is done. */
export interface MigrationAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * The last database error a migration script raised. The engine reports it in its own words
   * ("No such table: X"); this keeps PostgreSQL's message, code and position for the user.
   */
  lastScriptError?: ScriptError;
  close(): Promise<void>;
}

export interface ScriptError {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
}

interface PostgresErrorFields {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  detail?: unknown;
  column?: unknown;
  hint?: unknown;
  position?: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The fields of a PostgreSQL error (from pg or PGlite), or undefined for any other error. */
function scriptError(error: unknown): ScriptError | undefined {
  const e = error as PostgresErrorFields | null;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string") return undefined;
  return { code: e.code, message: e.message, detail: text(e.detail), hint: text(e.hint), position: text(e.position) };
}

/** Turns a PostgreSQL error into the form the schema engine understands (kept as is otherwise). */
function toDriverAdapterError(error: unknown): unknown {
  const e = error as PostgresErrorFields | null;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: text(e.severity) ?? "ERROR",
    message: e.message,
    detail: text(e.detail),
    column: text(e.column),
    hint: text(e.hint),
    originalCode: e.code,
    originalMessage: e.message,
  });
}

/**
 * Returns `adapter` with `executeScript` replaced by `run`; errors are mapped for the engine and
 * recorded on `owner.lastScriptError`.
 */
function withScriptRunner(
  owner: MigrationAdapter,
  adapter: SqlDriverAdapter,
  run: (script: string) => Promise<unknown>,
  onDispose?: () => Promise<void>,
): SqlDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  return Object.assign(adapter, {
    async executeScript(script: string): Promise<void> {
      try {
        await run(script);
      } catch (error) {
        owner.lastScriptError = scriptError(error);
        throw toDriverAdapterError(error);
      }
    },
    async dispose(): Promise<void> {
      await dispose();
      await onDispose?.();
    },
  });
}

/**
 * Migration adapter on an already open PGlite instance (shared with the Prisma client: PGlite is
 * one connection and serialises queries, so both can use it at once). Its shadow database is a
 * fresh in-memory PGlite with the same extensions, closed when the engine releases it.
 */
export function pgliteMigrationAdapter(db: EmbeddedDatabase): MigrationAdapter {
  const base = prismaAdapterFor(db);
  const owner: MigrationAdapter = {
    factory: {
      provider: base.provider,
      adapterName: base.adapterName,
      // `exec` sends the script as one simple query: PostgreSQL runs it as a single implicit
      // transaction, as Prisma's native engine does.
      connect: async () => withScriptRunner(owner, await base.connect(), (script) => db.exec(script)),
      connectToShadowDb: async () => {
        const shadow = openPglite(IN_MEMORY);
        const adapter = await prismaAdapterFor(shadow).connect();
        return withScriptRunner(owner, adapter, (script) => shadow.exec(script), () => shadow.close());
      },
    },
    // The instance belongs to the caller: nothing to close here.
    close: async () => {},
  };
  return owner;
}

/**
 * Migration adapter on a dedicated single-connection pool, so the engine's advisory lock, the
 * migration scripts and the `_prisma_migrations` updates share one session.
 */
export function postgresMigrationAdapter(connectionString: string): MigrationAdapter {
  const pool = new pg.Pool({ connectionString, max: 1, application_name: "twb-migrate" });
  // Without a listener an idle-connection error (server restart) would crash the process.
  pool.on("error", (error) => console.warn(`[db] migration connection error: ${error.message}`));
  const base = new PrismaPg(pool);
  const owner: MigrationAdapter = {
    factory: {
      provider: base.provider,
      adapterName: base.adapterName,
      // A query without parameters goes out as one simple query: one implicit transaction, and
      // semicolons inside function bodies or strings stay intact.
      connect: async () => withScriptRunner(owner, await base.connect(), (script) => pool.query(script)),
      connectToShadowDb: async () => {
        throw new Error(
          "Applying migrations needs no shadow database; migrations are created against an in-memory PGlite (npm run db:migrate:create).",
        );
      },
    },
    close: () => pool.end(),
  };
  return owner;
}
