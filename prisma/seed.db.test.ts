// The demo seed: what `npm run dev` shows a first-time user, and idempotent on re-run.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../lib/auth/authenticate";
import { getDb } from "../lib/db/client";
import { LocalStorage } from "../lib/providers/storage/local";
import { DEMO_LOGINS, DEMO_PHONE_NUMBER, seedDatabase as seedWith } from "./seed";
import { DEMO_DOCUMENTS } from "./seed-knowledge";

let root: string;
let storage: LocalStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "seed-storage-"));
  storage = new LocalStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));
const seedDatabase = (db: ReturnType<typeof getDb>) => seedWith(db, { storage });

describe("seed", () => {
  it("creates the demo clinic, its agent on +15550100001, and working logins; twice is the same as once", async () => {
    const db = getDb();
    await seedDatabase(db);
    const counts = async () => ({
      tenants: await db.tenant.count(),
      agents: await db.agent.count(),
      users: await db.user.count(),
      faqs: await db.faqEntry.count(),
      documents: await db.knowledgeDocument.count(),
      jobs: await db.job.count({ where: { name: "knowledge.process-document" } }),
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

    // The demo documents wait QUEUED for the worker, each with its stored file and its job.
    const docs = await db.knowledgeDocument.findMany({ where: { tenantId: number.tenant.id }, orderBy: { title: "asc" } });
    expect(docs.map((d) => [d.title, d.status, d.allAgents])).toEqual(DEMO_DOCUMENTS.map((d) => [d.title, "QUEUED", true]).sort());
    for (const d of docs) expect(await storage.exists(d.storageKey!)).toBe(true);
    const jobs = await db.$queryRaw<{ documentId: string }[]>`
      SELECT payload->>'documentId' AS "documentId" FROM "Job" WHERE name = 'knowledge.process-document' AND payload->>'tenantId' = ${number.tenant.id}`;
    expect(jobs.map((j) => j.documentId).sort()).toEqual(docs.map((d) => d.id).sort());

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
