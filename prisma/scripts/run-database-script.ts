import { disconnectDatabase } from "../../app/db.server";

/**
 * Runs a command-line script that uses the database and exits with its code. The database is
 * always closed first (PGlite flushes its folder and releases its lock); then the process exits,
 * since the schema engine and pg may leave timers behind once the work is done.
 */
export function runDatabaseScript(main: () => Promise<number>): void {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      return 1;
    })
    .then(async (code) => {
      await disconnectDatabase().catch((error: unknown) => console.error("Closing the database failed:", error));
      process.exit(code);
    });
}
