// npm run db:seed — (re)create the demo tenant, agent, number and logins in the configured database.
import { withDatabase } from "../../lib/db/with-database";
import { generateClient } from "./generate";

generateClient();
// Imported after generating: on a fresh checkout the Prisma client does not exist before this line.
const { createDb } = await import("../../lib/db/client");
const { seedDatabase } = await import("../seed");

await withDatabase(async (url, how) => {
  const db = createDb(url, { max: 2 });
  try {
    const { logins } = await seedDatabase(db);
    console.log(`Seeded ${how}. Logins:`);
    for (const l of logins) console.log(`  ${l.role.padEnd(38)} ${l.email.padEnd(32)} ${l.password}`);
  } finally {
    await db.$disconnect();
  }
});
process.exit(0);
