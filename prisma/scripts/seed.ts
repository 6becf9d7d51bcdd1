// `npm run db:seed`: applies pending migrations, then seeds the network (organizations, comuni)
// and, on the embedded database or with SEED_DEMO=1, the demo accounts. Safe to run again.
import { migrateDatabase, prisma } from "../../app/db.server";
import { runDatabaseScript } from "./run-database-script";
import { getEnv } from "../../app/env.server";
import { seedNetwork, wantsDemoAccounts } from "../seed/seed";

async function main(): Promise<number> {
  await migrateDatabase();
  const demo = wantsDemoAccounts(getEnv());
  const { demoUsers } = await seedNetwork(prisma, { demo });
  console.log(`Network seeded${demo ? `; ${demoUsers} new demo account(s)` : " (no demo accounts: set SEED_DEMO=1)"}.`);
  return 0;
}

runDatabaseScript(main);
