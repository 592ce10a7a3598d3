// Direct writes to the e2e server's database for what the dashboard cannot do yet (a super admin
// raising a plan limit, suspending a workspace): the tenant is found by its owner's email.
import pg from "pg";
import { expect } from "@playwright/test";
import { DB_URL } from "./env";

type TenantColumns = { status?: "ACTIVE" | "SUSPENDED"; maxPhoneNumbers?: number; maxAgents?: number; country?: string };

export async function updateTenantOf(ownerEmail: string, columns: TenantColumns): Promise<void> {
  const entries = Object.entries(columns);
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  try {
    const set = entries.map(([column], i) => `"${column}" = $${i + 2}`).join(", ");
    const { rowCount } = await client.query(
      `UPDATE "Tenant" t SET ${set}
         FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
        WHERE m."tenantId" = t."id" AND u."email" = $1`,
      [ownerEmail.toLowerCase(), ...entries.map(([, value]) => value)],
    );
    expect(rowCount).toBe(1);
  } finally {
    await client.end();
  }
}
