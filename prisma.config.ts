// Prisma 7 configuration: the CLI loads this file before anything else.
//
// Only `prisma generate`, `validate` and `format` go through the CLI here. Migrations are applied
// and created by our own wrapper around Prisma's WebAssembly schema engine
// (app/db/migrations.server.ts, `npm run db:migrate` / `npm run db:migrate:create -- <name>`),
// because the CLI's native schema engine is downloaded at first use from a host these machines
// cannot reach.
import { defineConfig } from "prisma/config";

// The CLI refuses to start unless it finds its native schema engine, and tries to download it when
// missing. generate/validate/format never run that binary: the CLI only checks that the file exists,
// so any executable (this Node binary) satisfies the check and keeps `npm install` working offline.
// Consequence: `prisma migrate …` / `prisma db push` fail with a bare "Schema engine error:"; use the
// npm scripts above instead. An explicit value from the environment still wins.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/scripts/seed.ts",
  },
  // Prisma 7 no longer reads the URL from schema.prisma nor loads .env by itself. The app picks its
  // database at run time (app/db.server.ts: PostgreSQL when DATABASE_URL is set, embedded PGlite
  // otherwise), so the URL is only passed along when present.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
