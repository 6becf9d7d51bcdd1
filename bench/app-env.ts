// Imported first by the benchmark children that run the real app (bench/app-server.ts,
// bench/session-server.ts): a fresh embedded database in a temp folder, or PostgreSQL when
// BENCH_DATABASE_URL is set, production mode, no demo data. The app reads these at import time.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const dataDir = mkdtempSync(path.join(tmpdir(), "twb-bench-"));
process.env.DATA_DIR = dataDir;
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
else delete process.env.DATABASE_URL;
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= randomUUID() + randomUUID();
process.env.SEED_DEMO = "0";

/** The database the child runs on, for the bench's report. */
export const benchDatabase = process.env.BENCH_DATABASE_URL ? "postgres" : "pglite";

/** Closes the app and removes the temp data folder (the embedded database). */
export async function closeBenchApp(server: { close: () => Promise<void> }) {
  await server.close().catch((error: unknown) => console.error(error));
  if (!process.env.BENCH_DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
}
