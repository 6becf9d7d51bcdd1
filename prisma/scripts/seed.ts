// `npm run db:seed`: applies pending migrations, then seeds the network (organizations, comuni)
// and, on the embedded database or with SEED_DEMO=1, the demo accounts. Safe to run again.
import { disconnectDatabase, migrateDatabase, prisma } from "../../app/db.server";
import { getEnv } from "../../app/env.server";
import { seedNetwork, wantsDemoAccounts } from "../seed/seed";

async function main(): Promise<number> {
  await migrateDatabase();
  const demo = wantsDemoAccounts(getEnv());
  const { demoUsers } = await seedNetwork(prisma, { demo });
  console.log(`Network seeded${demo ? `; ${demoUsers} new demo account(s)` : " (no demo accounts: set SEED_DEMO=1)"}.`);
  return 0;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await disconnectDatabase().catch(() => undefined);
    process.exit(code);
  });
