// Demo knowledge for the demo clinic: a patient guide (Markdown) and a price list (CSV), stored like
// uploads and written QUEUED with their processing job, so the worker of `npm run dev` takes them
// through the real pipeline and the Knowledge page shows them turn ready. They hold facts the agent's
// prompt and FAQ do not (the whitening aftercare, the payment plan's terms), so a test call can tell
// an answer from the documents. Keyed by content hash: a re-seed adds nothing twice.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../lib/db/generated/client";
import { processDocumentJob } from "../lib/jobs/knowledge/definitions";
import { enqueueInTransaction } from "../lib/providers/queue/transactional";
import type { StorageProvider } from "../lib/providers/storage/types";

const PATIENT_GUIDE = `# Bright Smile Dental patient guide

## Your first visit

Please arrive 15 minutes early to fill in the health questionnaire, and bring a photo ID and your insurance card.
The first visit takes about 90 minutes: an exam, a full set of X-rays, a cleaning and a treatment plan.

## After teeth whitening

For 48 hours after whitening, avoid coffee, tea, red wine and anything that would stain a white shirt.
Mild sensitivity is normal for a day or two; a toothpaste for sensitive teeth helps.

## Payment plans

Treatments over $500 can be split into 6 or 12 monthly payments with no interest through our in-house plan.
Ask the front desk for the form; approval takes about ten minutes.

## Children's visits

Dr. James Okafor sees children from their first tooth. Parents may stay in the room for the whole visit.
Every child leaves with a new toothbrush and a sticker.
`;

const PRICE_LIST = `Treatment,Price without insurance,Notes
Adult cleaning and exam,$145,X-rays extra when needed
Full set of X-rays,$65,
Tooth-colored filling,$180 to $260,Depends on the size
Teeth whitening (in office),$399,One 90-minute visit
Night guard,$450,Two visits
`;

export const DEMO_DOCUMENTS = [
  { fileName: "patient-guide.md", mimeType: "text/markdown", title: "Patient guide", text: PATIENT_GUIDE },
  { fileName: "price-list.csv", mimeType: "text/csv", title: "Price list", text: PRICE_LIST },
] as const;

/** A cuid2-shaped id, chosen before the row exists because the storage key contains it. */
function newId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(24);
  let id = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < 24; i++) id += alphabet[bytes[i]! % 36];
  return id;
}

export async function seedDemoKnowledge(tx: Prisma.TransactionClient, storage: StorageProvider, tenantId: string): Promise<void> {
  for (const d of DEMO_DOCUMENTS) {
    const bytes = Buffer.from(d.text, "utf8");
    const contentHash = createHash("sha256").update(bytes).digest("hex");
    if (await tx.knowledgeDocument.findFirst({ where: { tenantId, contentHash }, select: { id: true } })) continue;
    const id = newId();
    const storageKey = `tenants/${tenantId}/knowledge/${id}/${d.fileName}`;
    // Stored first: a transaction that then fails leaves an unreferenced file, never a row without its file.
    await storage.put(storageKey, bytes, { contentType: d.mimeType, size: bytes.length });
    await tx.knowledgeDocument.create({
      data: { id, tenantId, title: d.title, source: "UPLOAD", fileName: d.fileName, mimeType: d.mimeType, sizeBytes: bytes.length, storageKey, contentHash },
    });
    await enqueueInTransaction(tx, processDocumentJob, { tenantId, documentId: id });
  }
}
