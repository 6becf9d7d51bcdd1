import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { messages, type PGliteInterface } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { IN_MEMORY, prismaAdapterFor } from "~/db/pglite.server";
import { openPgliteThread } from "~/db/pglite-thread.server";
import { PrismaClient } from "~/generated/prisma/client";

const folders: string[] = [];
function scratchFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), "twb-pglite-thread-"));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Runs `work` on a fresh in-memory database on its own thread, closed afterwards. */
async function withDatabase(work: (db: PGliteInterface) => Promise<void>) {
  const db = openPgliteThread(IN_MEMORY);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

describe("PGlite on its own thread", () => {
  it("answers queries with PGlite's own parsing: parameters, bytea, arrays, dates, extensions", async () => {
    await withDatabase(async (db) => {
      await db.exec(`CREATE EXTENSION pg_trgm; CREATE TABLE probe (id int PRIMARY KEY, data bytea, tags text[], at timestamptz)`);
      const at = new Date("2026-03-01T10:30:00Z");
      await db.query(`INSERT INTO probe VALUES ($1, $2, $3, $4)`, [1, new Uint8Array([0, 1, 254, 255]), ["scuola", "DSA"], at]);
      const { rows } = await db.query<{ id: number; data: Uint8Array; tags: string[]; at: Date; similarity: number }>(
        `SELECT id, data, tags, at, similarity('doposcuola', 'dopo scuola') AS similarity FROM probe`,
      );
      expect(rows[0].id).toBe(1);
      expect([...rows[0].data]).toEqual([0, 1, 254, 255]);
      expect(rows[0].tags).toEqual(["scuola", "DSA"]);
      expect(rows[0].at).toEqual(at);
      expect(rows[0].similarity).toBeGreaterThan(0.3);
    });
  });

  it("throws PostgreSQL's errors as PGlite's DatabaseError, and goes on working after one", async () => {
    await withDatabase(async (db) => {
      await db.exec(`CREATE TABLE probe (id int PRIMARY KEY)`);
      await db.query(`INSERT INTO probe VALUES (1)`);
      const error = await db.query(`INSERT INTO probe VALUES (1)`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(messages.DatabaseError);
      expect((error as messages.DatabaseError).code).toBe("23505");
      expect((await db.query(`SELECT count(*)::int AS n FROM probe`)).rows).toEqual([{ n: 1 }]);
    });
  });

  it("runs transactions: a rollback leaves nothing, a commit keeps everything", async () => {
    await withDatabase(async (db) => {
      await db.exec(`CREATE TABLE probe (id int PRIMARY KEY)`);
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO probe VALUES (1)`);
          throw new Error("annullato");
        }),
      ).rejects.toThrow("annullato");
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO probe VALUES (2)`);
        await tx.query(`INSERT INTO probe VALUES (3)`);
      });
      expect((await db.query<{ id: number }>(`SELECT id FROM probe ORDER BY id`)).rows.map((row) => row.id)).toEqual([2, 3]);
    });
  });

  it("keeps the transaction state of statements run with exec, whose closing Sync it answers itself", async () => {
    await withDatabase(async (db) => {
      await db.exec(`BEGIN; CREATE TABLE probe (id int)`);
      await expect(db.exec(`SELECT 1 / 0`)).rejects.toMatchObject({ code: "22012" });
      // Still inside the failed transaction: PostgreSQL refuses everything but its end.
      await expect(db.exec(`SELECT 1`)).rejects.toMatchObject({ code: "25P02" });
      await db.exec(`ROLLBACK`);
      expect((await db.exec(`SELECT to_regclass('probe') IS NULL AS gone`))[0].rows).toEqual([{ gone: true }]);
      // A parameterised query (extended protocol) after exec still gets its own Sync answered by PostgreSQL.
      expect((await db.query<{ n: number }>(`SELECT $1::int + 1 AS n`, [41])).rows).toEqual([{ n: 42 }]);
      await db.exec(`CREATE TABLE probe (id int); INSERT INTO probe VALUES (1), (2)`);
      expect((await db.exec(`SELECT count(*)::int AS n FROM probe`))[0].rows).toEqual([{ n: 2 }]);
    });
  });

  it("lets Prisma's driver adapter recognise PostgreSQL's errors (a unique violation)", async () => {
    const db = openPgliteThread(IN_MEMORY);
    const prisma = new PrismaClient({ adapter: prismaAdapterFor(db) });
    try {
      await db.exec(`CREATE TABLE probe (id int PRIMARY KEY)`);
      await prisma.$executeRawUnsafe(`INSERT INTO probe VALUES (1)`);
      await expect(prisma.$executeRawUnsafe(`INSERT INTO probe VALUES (1)`)).rejects.toMatchObject({
        meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } },
      });
    } finally {
      await prisma.$disconnect();
      await db.close();
    }
  });

  it("keeps the app's thread free while a statement runs", async () => {
    await withDatabase(async (db) => {
      await db.waitReady;
      const started = performance.now();
      const timerFiredAfter = new Promise<number>((resolve) => setTimeout(() => resolve(performance.now() - started), 20));
      const query = db.query(`SELECT pg_sleep(0.5)`);
      // In-process PGlite would hold the timer until the statement is done (~500 ms).
      expect(await timerFiredAfter).toBeLessThan(250);
      await query;
    });
  });

  it("delivers notifications to listeners", async () => {
    await withDatabase(async (db) => {
      const payloads: string[] = [];
      const unlisten = await db.listen("Avvisi", (payload) => payloads.push(payload));
      await db.query(`NOTIFY avvisi, 'nuova proposta'`);
      await expect.poll(() => payloads).toEqual(["nuova proposta"]);
      await unlisten();
      await db.query(`NOTIFY avvisi, 'non arriva'`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(payloads).toEqual(["nuova proposta"]);
    });
  });

  it("keeps data in its folder across a close and a new thread", async () => {
    const folder = scratchFolder();
    const first = openPgliteThread(folder);
    await first.exec(`CREATE TABLE probe (label text); INSERT INTO probe VALUES ('salvato')`);
    await first.close();
    const second = openPgliteThread(folder);
    try {
      expect((await second.query(`SELECT label FROM probe`)).rows).toEqual([{ label: "salvato" }]);
    } finally {
      await second.close();
    }
  });

  it("refuses calls after close with a clear error", async () => {
    const db = openPgliteThread(IN_MEMORY);
    await db.query(`SELECT 1`);
    await db.close();
    await expect(db.query(`SELECT 1`)).rejects.toThrow(/closed/);
  });

  it("refuses browser storage, which only a folder or memory:// can stand in for here", () => {
    expect(() => openPgliteThread("idb://twb")).toThrow(/folder or memory:\/\//);
  });

  it("fails every query with the reason when the database cannot start", async () => {
    const folder = scratchFolder();
    // A file where the data folder should be: PostgreSQL cannot create its files.
    const blocked = path.join(folder, "occupied");
    spawnSync("touch", [blocked]);
    const db = openPgliteThread(path.join(blocked, "pglite"));
    await expect(db.waitReady).rejects.toThrow();
    await expect(db.query(`SELECT 1`)).rejects.toThrow();
    await db.close();
  });

  it("lets a script end once its queries are done (the thread does not hold the process)", () => {
    const script = `
      import { openPgliteThread } from "./app/db/pglite-thread.server.ts";
      const db = openPgliteThread("memory://");
      const { rows } = await db.query("SELECT 41 + 1 AS answer");
      console.log(rows[0].answer);
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("42");
    expect(run.status).toBe(0);
  });
});
