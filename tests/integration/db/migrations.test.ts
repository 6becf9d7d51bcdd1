import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { databaseKind, migrateDatabase, pingDatabase, prisma } from "~/db.server";
import { pgliteMigrationAdapter, postgresMigrationAdapter, type MigrationAdapter } from "~/db/migration-adapters.server";
import { applyMigrations, findMigrationsDirectory } from "~/db/migrations.server";
import { IN_MEMORY, openPglite } from "~/db/pglite.server";
import { createTestDatabase } from "../../support/postgres";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const testDatabaseUrl = inject("testDatabaseUrl");

interface MigrationRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

describe("database migrations", () => {
  it("uses the database the test run asked for", () => {
    expect(databaseKind()).toBe(testDatabaseUrl ? "postgres" : "embedded");
  });

  it("finds prisma/migrations from the project root", () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(findMigrationsDirectory()).toBe(migrationsDir);
  });

  it("has recorded every migration as applied in _prisma_migrations", async () => {
    const rows = await prisma.$queryRawUnsafe<MigrationRow[]>(
      `SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const before = await prisma.$queryRawUnsafe<Array<{ count: bigint | number }>>(`SELECT count(*) AS count FROM "_prisma_migrations"`);
    await expect(migrateDatabase()).resolves.toEqual({ applied: [] });
    await expect(migrateDatabase()).resolves.toEqual({ applied: [] });
    const after = await prisma.$queryRawUnsafe<Array<{ count: bigint | number }>>(`SELECT count(*) AS count FROM "_prisma_migrations"`);
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
  });

  it("keeps every GIN index's pending list short (the embedded database has no autovacuum to merge it)", async () => {
    const indexes = await prisma.$queryRawUnsafe<Array<{ name: string; options: string[] | null }>>(
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'gin' AND n.nspname = current_schema() ORDER BY c.relname`,
    );
    expect(indexes.map((index) => index.name)).toEqual(["SearchWord_word_idx", "ServiceSearch_searchVector_idx", "Service_searchText_idx"]);
    for (const index of indexes) expect(index.options, index.name).toContain("gin_pending_list_limit=64");
  });

  it("creates and reads an organization", async () => {
    const slug = `test-org-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const created = await prisma.organization.create({
      data: { slug, name: "Associazione di prova", kind: "ASSOCIAZIONE_PROMOZIONE_SOCIALE" },
    });
    const found = await prisma.organization.findUnique({ where: { slug } });
    expect(found).toMatchObject({ id: created.id, name: "Associazione di prova", isLead: false });
    expect(found?.createdAt).toBeInstanceOf(Date);
    await prisma.organization.delete({ where: { id: created.id } });
  });

  it("answers a ping", async () => {
    await expect(pingDatabase()).resolves.toBe(true);
  });
});

describe("applying migrations to an empty database", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function applyTwice(adapter: MigrationAdapter) {
    const first = await applyMigrations(adapter, migrationsDir);
    const second = await applyMigrations(adapter, migrationsDir);
    return { first: first.applied, second: second.applied };
  }

  it("works on a fresh in-memory PGlite", async () => {
    const db = openPglite(IN_MEMORY);
    cleanups.push(() => db.close());
    const { first, second } = await applyTwice(pgliteMigrationAdapter(db));
    expect(first).toEqual(migrationNames);
    expect(second).toEqual([]);
    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((row) => row.name)).toEqual(expect.arrayContaining(["Organization", "User", "_prisma_migrations"]));
  });

  it.runIf(testDatabaseUrl)("works on a fresh PostgreSQL database", async () => {
    const database = await createTestDatabase(testDatabaseUrl ?? "");
    cleanups.push(() => database.drop());
    const adapter = postgresMigrationAdapter(database.url);
    cleanups.push(() => adapter.close());
    const { first, second } = await applyTwice(adapter);
    expect(first).toEqual(migrationNames);
    expect(second).toEqual([]);
  });
});
