// The demo seed: what `npm run dev` shows a first-time user, and idempotent on re-run.
import { describe, expect, it } from "vitest";
import { authenticate } from "../lib/auth/authenticate";
import { getDb } from "../lib/db/client";
import { DEMO_LOGINS, DEMO_PHONE_NUMBER, seedDatabase } from "./seed";

describe("seed", () => {
  it("creates the demo clinic, its agent on +15550100001, and working logins; twice is the same as once", async () => {
    const db = getDb();
    await seedDatabase(db);
    const counts = async () => ({
      tenants: await db.tenant.count(),
      agents: await db.agent.count(),
      users: await db.user.count(),
      faqs: await db.faqEntry.count(),
    });
    const first = await counts();
    await seedDatabase(db);
    expect(await counts()).toEqual(first);

    const number = await db.phoneNumber.findUniqueOrThrow({ where: { e164: DEMO_PHONE_NUMBER }, include: { agent: true, tenant: true } });
    expect(number.tenant.name).toBe("Bright Smile Dental");
    expect(number.agent?.enabled).toBe(true);
    expect(number.agent?.greeting).toMatch(/Bright Smile Dental/);
    expect(number.agent?.timezone).toBe("America/Chicago");
    expect(number.agent?.address).toMatch(/Maple Avenue/);
    expect(number.agent?.services).toContain("Teeth whitening");
    expect(number.agent?.voiceId).toBe("local-en-us-1");
    expect(await db.faqEntry.count({ where: { agentId: number.agent!.id } })).toBeGreaterThanOrEqual(6);

    // A demo database seeded before agents had an address, services and these FAQs gets them on a re-seed;
    // what someone set stays.
    await db.agent.update({ where: { id: number.agent!.id }, data: { address: null, services: [] } });
    await db.faqEntry.deleteMany({ where: { agentId: number.agent!.id, question: "Where can I park?" } });
    await db.faqEntry.updateMany({ where: { agentId: number.agent!.id, question: "Do you take new patients?" }, data: { answer: "Not this month." } });
    await seedDatabase(db);
    expect(await counts()).toEqual(first);
    const again = await db.agent.findUniqueOrThrow({ where: { id: number.agent!.id } });
    expect(again.address).toBe(number.agent!.address);
    expect(again.services).toEqual(number.agent!.services);
    const kept = await db.faqEntry.findFirstOrThrow({ where: { agentId: again.id, question: "Do you take new patients?" } });
    expect(kept.answer).toBe("Not this month.");

    for (const login of DEMO_LOGINS) {
      const user = await authenticate(db, { email: login.email, password: login.password }, "127.0.0.9");
      expect(user, login.email).not.toBeNull();
    }
    const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_LOGINS[2].email } });
    expect(admin.isSuperAdmin).toBe(true);
    const staff = await db.user.findUniqueOrThrow({ where: { email: DEMO_LOGINS[1].email }, include: { memberships: true } });
    expect(staff.memberships[0]?.role).toBe("USER");
  });
});
