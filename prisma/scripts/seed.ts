// npm run db:seed — (re)create the demo tenant, agent, number and logins in the configured database.
import { getDb } from "../../lib/db/client";
import { getEnv } from "../../lib/env";
import { seedDatabase } from "../seed";

const { logins } = await seedDatabase(getDb());
console.log(`Seeded ${getEnv().embeddedDatabase ? "the embedded database" : "DATABASE_URL"}. Logins:`);
for (const l of logins) console.log(`  ${l.role.padEnd(38)} ${l.email.padEnd(32)} ${l.password}`);
await getDb().$disconnect();
