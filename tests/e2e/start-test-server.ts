import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "../support/postgres";

// Starts the built app for the browser tests on a database of its own: a fresh embedded one in a
// temporary folder, or, with TEST_DATABASE_URL, a fresh database on that PostgreSQL server
// (seeded with the demo accounts through SEED_DEMO=1). Everything is removed on exit.
const dataDir = mkdtempSync(path.join(tmpdir(), "twb-e2e-"));
process.env.DATA_DIR = dataDir;
process.env.HOST = "127.0.0.1";
process.env.MAP_TILE_URL = "";
process.env.NODE_ENV = "test";
delete process.env.DATABASE_URL;

const database = process.env.TEST_DATABASE_URL ? await createTestDatabase(process.env.TEST_DATABASE_URL) : null;
if (database) {
  process.env.DATABASE_URL = database.url;
  process.env.SEED_DEMO = "1";
}

const { startServer } = await import("../../server/app");
const server = await startServer({ host: "127.0.0.1", port: Number(process.env.PORT ?? 3199) });
console.log(`e2e server on ${server.url} (${database ? "postgres" : "embedded"})`);

const stop = async () => {
  await server.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
