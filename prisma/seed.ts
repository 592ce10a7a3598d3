// Demo data: a dental clinic with an admin and a staff user, a receptionist agent with realistic
// settings, its phone number +15550100001, a few FAQs, two knowledge documents queued for the worker
// (seed-knowledge.ts), and a platform super admin.
// Idempotent: re-running updates the same rows (keyed by email, slug and number) instead of duplicating.
import type { Db } from "../lib/db/client";
import { hashPassword } from "../lib/auth/password";
import { monthStart, nextMonthStart, PLAN_QUOTAS } from "../lib/billing/plans";
import { getStorage } from "../lib/providers/storage";
import type { StorageProvider } from "../lib/providers/storage/types";
import { seedDemoKnowledge } from "./seed-knowledge";

export const DEMO_LOGINS = [
  { role: "Tenant admin (Bright Smile Dental)", email: "owner@brightsmile.example", password: "demo-owner-pass" },
  { role: "Tenant user (Bright Smile Dental)", email: "frontdesk@brightsmile.example", password: "demo-staff-pass" },
  { role: "Super admin (platform)", email: "admin@frontdesk.example", password: "demo-admin-pass" },
] as const;

export const DEMO_PHONE_NUMBER = "+15550100001";
const DEMO_SLUG = "bright-smile-dental";

const SYSTEM_PROMPT = `You are Ava, the friendly receptionist of Bright Smile Dental, a family dental clinic.
Address: 1420 Maple Avenue, Suite 200, Springfield, IL 62704 (free parking behind the building).
Hours: Monday to Thursday 8:00-18:00, Friday 8:00-14:00, closed on weekends.
Services: check-ups and cleanings, fillings, crowns and bridges, root canals, teeth whitening,
Invisalign, children's dentistry, and same-day emergency appointments.
Dentists: Dr. Maya Patel (general and cosmetic) and Dr. James Okafor (pediatric and orthodontics).
We accept most PPO insurance plans, including Delta Dental, Cigna and Aetna; payment plans are available.
Be warm and brief: one or two sentences per answer, because you are on the phone.
Never give medical advice; for severe pain, swelling or bleeding offer the emergency slot or tell the caller to go to the ER.
If you do not know an answer, say so and offer to take a message for the team.`;

const ADDRESS = "1420 Maple Avenue, Suite 200, Springfield, Illinois 62704. Free parking is behind the building.";
const SERVICES = [
  "Check-ups and cleanings",
  "Fillings",
  "Crowns and bridges",
  "Root canals",
  "Teeth whitening",
  "Invisalign",
  "Children's dentistry",
  "Emergency appointments",
];

const FAQS = [
  { question: "Do you take new patients?", answer: "Yes, we welcome new patients of all ages. The first visit includes an exam, X-rays and a cleaning." },
  { question: "How much is a cleaning without insurance?", answer: "A routine adult cleaning with exam is $145; X-rays are $65 when needed." },
  { question: "Do you offer emergency appointments?", answer: "Yes, we keep same-day emergency slots every weekday morning; call as early as you can." },
  { question: "What is your cancellation policy?", answer: "Please give us 24 hours' notice; late cancellations may be charged $50." },
  { question: "Do you accept my insurance?", answer: "We accept most PPO plans, including Delta Dental, Cigna and Aetna, and we offer payment plans." },
  { question: "Where can I park?", answer: "There is free parking behind the building, with the entrance on Maple Avenue." },
];

/** `storage`: where the demo documents' files go (default: this process's storage, which the worker reads too). */
export async function seedDatabase(db: Db, opts: { storage?: StorageProvider } = {}): Promise<{ logins: typeof DEMO_LOGINS }> {
  const [owner, staff, admin] = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password, { maxWaitMs: Infinity })));
  const now = new Date();

  await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.upsert({
      where: { slug: DEMO_SLUG },
      update: {},
      create: { name: "Bright Smile Dental", slug: DEMO_SLUG, plan: "STARTER", billingEmail: DEMO_LOGINS[0].email, ...PLAN_QUOTAS.STARTER },
    });
    const ops = await tx.tenant.upsert({
      where: { slug: "frontdesk-operations" },
      update: {},
      create: { name: "Frontdesk Operations", slug: "frontdesk-operations", plan: "ENTERPRISE", ...PLAN_QUOTAS.ENTERPRISE },
    });
    for (const t of [tenant, ops]) {
      await tx.subscription.upsert({
        where: { tenantId: t.id },
        update: {},
        create: { tenantId: t.id, plan: t.plan, currentPeriodStart: monthStart(now), currentPeriodEnd: nextMonthStart(now) },
      });
    }

    const users = [
      { login: DEMO_LOGINS[0], name: "Maya Patel", hash: owner!, tenantId: tenant.id, role: "ADMIN" as const, superAdmin: false },
      { login: DEMO_LOGINS[1], name: "Jordan Lee", hash: staff!, tenantId: tenant.id, role: "USER" as const, superAdmin: false },
      { login: DEMO_LOGINS[2], name: "Platform Admin", hash: admin!, tenantId: ops.id, role: "ADMIN" as const, superAdmin: true },
    ];
    for (const u of users) {
      const user = await tx.user.upsert({
        where: { email: u.login.email },
        update: { passwordHash: u.hash, isSuperAdmin: u.superAdmin, disabledAt: null },
        create: { email: u.login.email, name: u.name, passwordHash: u.hash, isSuperAdmin: u.superAdmin },
      });
      await tx.membership.upsert({
        where: { tenantId_userId: { tenantId: u.tenantId, userId: user.id } },
        update: { role: u.role },
        create: { tenantId: u.tenantId, userId: user.id, role: u.role },
      });
    }

    const existing = await tx.phoneNumber.findUnique({ where: { e164: DEMO_PHONE_NUMBER } });
    if (existing && existing.tenantId !== tenant.id) {
      throw new Error(`${DEMO_PHONE_NUMBER} already belongs to another workspace; not seeding the demo agent`);
    }
    let agent = await tx.agent.findFirst({ where: { tenantId: tenant.id, name: "Ava — Front desk" } });
    agent ??= await tx.agent.create({
      data: {
        tenantId: tenant.id,
        name: "Ava — Front desk",
        greeting: "Thank you for calling Bright Smile Dental, this is Ava. How can I help you today?",
        systemPrompt: SYSTEM_PROMPT,
        language: "en-US",
        voiceId: "local-en-us-1",
        llmModel: "gpt-4o-mini",
        temperature: 0.3,
        transferPhoneNumber: "+15550100099",
        address: ADDRESS,
        services: SERVICES,
        timezone: "America/Chicago",
        businessHours: {
          monday: [{ open: "08:00", close: "18:00" }],
          tuesday: [{ open: "08:00", close: "18:00" }],
          wednesday: [{ open: "08:00", close: "18:00" }],
          thursday: [{ open: "08:00", close: "18:00" }],
          friday: [{ open: "08:00", close: "14:00" }],
          saturday: [],
          sunday: [],
        },
        afterHoursAction: "TAKE_MESSAGE",
        afterHoursMessage: "Our office is closed right now. I can take a message and the team will call you back on the next business day.",
        maxCallDurationSec: 900,
        silenceTimeoutSec: 8,
        tools: ["KNOWLEDGE_SEARCH", "TAKE_MESSAGE", "TRANSFER_CALL", "END_CALL"],
        enabled: true,
      },
    });
    // A demo agent seeded before it had these fields gets them; an address or services someone set stay.
    if (agent.address === null || agent.services.length === 0) {
      agent = await tx.agent.update({
        where: { id: agent.id },
        data: { address: agent.address ?? ADDRESS, services: agent.services.length ? agent.services : SERVICES },
      });
    }
    await tx.phoneNumber.upsert({
      where: { e164: DEMO_PHONE_NUMBER },
      update: { agentId: agent.id },
      create: { tenantId: tenant.id, agentId: agent.id, e164: DEMO_PHONE_NUMBER, label: "Main line" },
    });
    // By question, so FAQs added to this list reach demo databases seeded before, and edits to the
    // answers in the app are not overwritten.
    const seeded = new Set(
      (await tx.faqEntry.findMany({ where: { tenantId: tenant.id }, select: { question: true } })).map((f) => f.question),
    );
    const missing = FAQS.filter((f) => !seeded.has(f.question));
    if (missing.length) await tx.faqEntry.createMany({ data: missing.map((f) => ({ ...f, tenantId: tenant.id, agentId: agent.id })) });
    await seedDemoKnowledge(tx, opts.storage ?? getStorage(), tenant.id);
  }, { timeout: 60_000, maxWait: 30_000 }); // a busy embedded database can take longer than the 5 s default
  return { logins: DEMO_LOGINS };
}
