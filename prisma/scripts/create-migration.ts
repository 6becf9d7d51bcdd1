// `npm run db:migrate:create -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma. Works offline: the
// migrations are replayed on an in-memory PGlite, no database server or Prisma CLI engine needed.
// Review the generated SQL before committing it; apply it with `npm run db:migrate`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  diffMigrationsToSchema,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
} from "../../app/db/migrations.server";

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrationsDir = path.join(prismaDir, "migrations");
const schemaPath = path.join(prismaDir, "schema.prisma");

const NAME_PATTERN = /^[a-z0-9_]{1,100}$/;

/** UTC timestamp in Prisma's migration folder format, e.g. 20250102030405. */
function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const name = args[0];
  if (args.length !== 1 || !name || !NAME_PATTERN.test(name)) {
    console.error(
      `Usage: npm run db:migrate:create -- <name>\n` +
        `The name uses lowercase letters, digits and underscores only (at most 100), e.g. add_event_table.` +
        (name ? `\nGot: ${args.join(" ")}` : ""),
    );
    return 2;
  }

  const lockPath = path.join(migrationsDir, MIGRATION_LOCK_FILE);
  if (fs.existsSync(lockPath) && !/provider\s*=\s*"postgresql"/.test(fs.readFileSync(lockPath, "utf8"))) {
    console.error(`${lockPath} is not for provider "postgresql"; refusing to mix providers.`);
    return 1;
  }

  const sql = await diffMigrationsToSchema(migrationsDir, schemaPath);
  if (sql === null) {
    console.log("No changes: prisma/schema.prisma matches the migrations. Nothing written.");
    return 0;
  }

  const folder = path.join(migrationsDir, `${timestamp()}_${name}`);
  const taken = fs.existsSync(migrationsDir) && fs.readdirSync(migrationsDir).find((entry) => entry.endsWith(`_${name}`));
  if (taken) console.warn(`Note: a migration named ${taken} already exists; creating another one with the same name.`);
  fs.mkdirSync(folder, { recursive: true });
  if (!fs.existsSync(lockPath)) fs.writeFileSync(lockPath, MIGRATION_LOCK_CONTENT);
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);

  console.log(`Created ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}`);
  if (/\bDROP\s+(TABLE|COLUMN|TYPE)\b|\bALTER\s+COLUMN\b[^;]*\bTYPE\b/i.test(sql)) {
    console.warn("Warning: this migration drops or retypes data. Review it, and add data-moving SQL if needed.");
  }
  console.log("Apply it with: npm run db:migrate");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
