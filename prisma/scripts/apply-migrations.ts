// `npm run db:migrate`: applies the pending migrations of prisma/migrations to the configured
// database (DATABASE_URL, else the embedded one in DATA_DIR) and exits.
// `npm run db:migrate -- --rolled-back <migration>`: marks a failed migration as rolled back so
// a corrected version can be applied (what `prisma migrate resolve --rolled-back` does).
//
// The embedded database is locked while the app runs: stop the dev server first.
import { databaseKind, migrateDatabase, resolveFailedMigration } from "../../app/db.server";
import { runDatabaseScript } from "./run-database-script";

const USAGE = "Usage: npm run db:migrate [-- --rolled-back <migration_name>]";

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const target = databaseKind() === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database";

  if (args[0] === "--rolled-back") {
    const name = args[1];
    if (!name || args.length !== 2) {
      console.error(USAGE);
      return 2;
    }
    await resolveFailedMigration(name);
    console.log(`Marked ${name} as rolled back in ${target}. Fix it, then run: npm run db:migrate`);
    return 0;
  }
  if (args.length > 0) {
    console.error(USAGE);
    return 2;
  }

  const started = performance.now();
  const { applied } = await migrateDatabase();
  const took = `${Math.round(performance.now() - started)} ms`;
  if (applied.length === 0) {
    console.log(`${target}: already up to date (${took}).`);
  } else {
    console.log(`${target}: applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  ${name}`).join("\n")}`);
  }
  return 0;
}

runDatabaseScript(main);
