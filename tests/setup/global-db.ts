// Vitest globalSetup: with TEST_DATABASE_URL (postgresql://… on a server where the user may create
// databases), creates one fresh database for the whole run, applies the migrations once and hands
// its URL to the test files through provide/inject; drops it at the end. Without it nothing
// happens here: each test file gets its own in-memory PGlite (tests/setup/per-file-db.ts).
// DATABASE_URL from the developer's shell is never used by tests.
import type { TestProject } from "vitest/node";
import { postgresMigrationAdapter } from "../../app/db/migration-adapters.server";
import { applyMigrations } from "../../app/db/migrations.server";
import { createTestDatabase } from "../support/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the run's migrated PostgreSQL database, or null to use in-memory PGlite per file. */
    testDatabaseUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl) {
    project.provide("testDatabaseUrl", null);
    return;
  }
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) {
    throw new Error("TEST_DATABASE_URL must be a postgresql:// URL of a server where the test user may CREATE DATABASE.");
  }

  const database = await createTestDatabase(serverUrl);
  try {
    const adapter = postgresMigrationAdapter(database.url);
    try {
      await applyMigrations(adapter);
    } finally {
      await adapter.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide("testDatabaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
