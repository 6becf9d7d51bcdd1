// Embedded PostgreSQL (PGlite): opening an instance with the extensions the app may rely on, and the
// lock that keeps a second process away from a data directory that is already open.
import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteInterface } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** The `DATA_DIR` value that selects an in-memory database. */
export const IN_MEMORY = "memory://";

// Extensions must be registered when PGlite starts (CREATE EXTENSION stays a migration concern).
// Registering them costs nothing measurable at start-up; their bundles are unpacked on first
// CREATE EXTENSION (~20-50 ms). They mirror what PostgreSQL 15 offers in production: trigram search
// (pg_trgm) and radius queries (cube + earthdistance). The app's database thread registers the same
// ones (pglite-thread.server.ts).
const extensions = { pg_trgm, cube, earthdistance };

/** PGlite in this thread (openPglite) or in a worker thread (openPgliteThread). */
export type EmbeddedDatabase = PGliteInterface;

/** Prisma's driver adapter on an embedded database, wherever its PGlite runs. */
export function prismaAdapterFor(db: EmbeddedDatabase): PrismaPGlite {
  // The adapter is typed for the PGlite class but only uses the client interface both implement.
  return new PrismaPGlite(db as unknown as PGlite);
}

/**
 * Opens a PGlite instance on `dataDir` (a folder, created if missing, or "memory://").
 * Queries wait for start-up internally, so the instance is usable at once.
 */
export function openPglite(dataDir: string): EmbeddedDatabase {
  createDataFolder(dataDir);
  return new PGlite({ dataDir, extensions });
}

/** Creates an embedded database's folder if missing (nothing to create for memory://). */
export function createDataFolder(dataDir: string): void {
  if (!dataDir.startsWith(IN_MEMORY)) fs.mkdirSync(dataDir, { recursive: true });
}

// Lock files held by this process, shared by every copy of this module (see app/db.server.ts).
const HELD_KEY = Symbol.for("twb.db.heldDataDirLocks");
type GlobalWithLocks = typeof globalThis & { [HELD_KEY]?: Set<string> };

/**
 * Takes an exclusive, process-wide lock on an embedded data directory and returns its release
 * function. PGlite has no lock of its own: two processes writing the same folder silently lose
 * data (verified), e.g. `npm run db:migrate` while the dev server runs.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  const held = ((globalThis as GlobalWithLocks)[HELD_KEY] ??= new Set());
  if (held.has(lockPath)) {
    throw new Error(
      `The embedded database in ${path.resolve(dataDir)} is still open or closing in this process; ` +
        "await disconnectDatabase() before using the database again.",
    );
  }
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });

  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
    }
    const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
    // A lock with our own pid that this process does not hold is left over from an earlier run
    // that had the same pid (pid 1 in containers).
    if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
      throw new Error(
        `The embedded database in ${path.resolve(dataDir)} is in use by another process (pid ${owner}). ` +
          `Stop that process (e.g. the dev server) first, or point DATA_DIR elsewhere. ` +
          `If no such process exists, delete ${lockPath}.`,
      );
    }
    fs.rmSync(lockPath, { force: true });
  }
  held.add(lockPath);

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    held.delete(lockPath);
    fs.rmSync(lockPath, { force: true });
  };
  // A process that exits without closing the database still frees the folder for the next one.
  process.on("exit", release);
  return release;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
