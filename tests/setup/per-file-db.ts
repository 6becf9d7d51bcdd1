// Vitest setupFiles entry, run in each test file's process before the file itself.
// - Points app/db.server.ts at the run's PostgreSQL database (TEST_DATABASE_URL, see global-db.ts)
//   or at a private in-memory PGlite; a DATABASE_URL or DATA_DIR from the shell never leaks in.
// - Files under tests/integration/ get the migrations applied before their tests (PostgreSQL was
//   migrated once by global-db.ts). Unit tests open no database unless they use it.
// - The database is closed after the file, so PGlite and the pg pool do not outlive it.
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDatabase, migrateDatabase } from "../../app/db.server";

const testDatabaseUrl = inject("testDatabaseUrl");
delete process.env.DATABASE_URL;
process.env.DATA_DIR = "memory://";
if (testDatabaseUrl) process.env.DATABASE_URL = testDatabaseUrl;

// Vitest 4 parses the first parameter as a fixture list: it must be a destructuring pattern.
beforeAll(async ({}, suite) => {
  const file = "filepath" in suite ? suite.filepath : suite.file.filepath;
  if (!testDatabaseUrl && /[\\/]tests[\\/]integration[\\/]/.test(file)) await migrateDatabase();
});

afterAll(async () => {
  await disconnectDatabase();
});
