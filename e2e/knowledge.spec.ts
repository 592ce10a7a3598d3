// Knowledge base: files dropped on the Knowledge page upload with their own progress bars, are
// processed by the worker until Ready (the list updates without a reload), and answer the retrieval
// test; a file of the wrong type is refused with the server's message; a damaged one fails with its
// reason and can be retried, and its agents changed; a private page address is refused (SSRF); FAQ
// entries answer too; a tenant user sees all of it read-only.
import type { Page } from "@playwright/test";
import { DEMO } from "./support/env";
import { expect, signInAs, test, toast, uniqueId } from "./support/fixtures";

type DroppedFile = { name: string; type: string; text: string };

/** Drops files on the drop zone the way a browser does: one drop event carrying a DataTransfer. */
async function dropFiles(page: Page, files: DroppedFile[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  // The handle, not a locator by name: the zone's label changes to "Drop to upload" once files are over it.
  const zone = await page.getByRole("button", { name: /Drop files here/ }).elementHandle();
  if (!zone) throw new Error("no drop zone");
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

async function askTestBox(page: Page, question: string) {
  const box = page.getByRole("form", { name: "Test retrieval" });
  await box.getByLabel("Question").fill(question);
  await box.getByRole("button", { name: "Search" }).click();
  return page.getByRole("list", { name: "Passages found" });
}

test("drop files, watch them upload and process, and find the answer in the test box", async ({ page, admin }) => {
  void admin;
  const id = uniqueId();
  const guide = `visitor-guide-${id}.md`;
  const markdown = [
    `# Visitor guide ${id}`,
    "",
    "## Parking",
    "Visitors park in the north garage. The garage gate code is 4417, and the first two hours are free.",
    "",
    "## Pets",
    "Service animals are welcome in every treatment room.",
  ].join("\n");

  await page.goto("/knowledge");
  await expect(page.getByRole("heading", { level: 1, name: "Knowledge" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No documents yet" })).toBeVisible();

  // Two files in one drop: each gets its own request and its own row.
  await dropFiles(page, [
    { name: guide, type: "text/markdown", text: markdown },
    { name: "installer.exe", type: "application/octet-stream", text: "MZ not a document" },
  ]);

  const uploads = page.getByRole("list", { name: "Uploads" });
  const bar = uploads.getByRole("progressbar", { name: `Upload of ${guide}` });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(uploads.getByRole("listitem", { name: guide })).toContainText("Uploaded: processing below");

  // The server's own refusal, on that file's row only.
  const refused = uploads.getByRole("listitem", { name: "installer.exe" });
  await expect(refused).toContainText('"installer.exe" is not a supported type; upload PDF, DOCX, TXT, Markdown, HTML or CSV files');
  await expect(refused.getByRole("progressbar")).toHaveCount(0);

  // The worker takes it through the stages; the table follows without a reload.
  const row = page.getByRole("row").filter({ hasText: guide });
  await expect(row).toBeVisible();
  await expect(row.getByText("Ready", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(row.getByText(/^\d+ chunks?$/)).toBeVisible();
  await expect(row.getByText("Markdown", { exact: true })).toBeVisible();
  await expect(row.getByText("All agents", { exact: true })).toBeVisible();

  // Only this document knows the code.
  const passages = await askTestBox(page, "What is the garage gate code?");
  const first = passages.getByRole("listitem").first();
  await expect(first).toContainText("4417");
  await expect(first).toContainText("Document");
  await expect(first).toContainText("Parking");
  await expect(first).toContainText(/score \d/);

  // The preview shows the extracted text and the chunks with their headings.
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/knowledge\/[^/]+$/);
  const chunks = page.getByRole("list", { name: "Chunks" });
  await expect(chunks.getByRole("listitem").filter({ hasText: "4417" })).toContainText("Parking");
  await expect(chunks.getByText(/\d+ tokens/).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Extracted text" })).toContainText("The garage gate code is 4417");
});

test("a broken file fails with its reason and can be retried; its agents can be changed; a private page address is refused", async ({ page, admin, api }) => {
  void admin;
  const front = await api.createAgent({ name: `Front desk ${uniqueId()}` });
  const night = await api.createAgent({ name: `Night line ${uniqueId()}` });
  const title = `price-list-${uniqueId()}`; // the file's name without its extension
  const broken = `${title}.pdf`;

  await page.goto("/knowledge");
  // Not a PDF inside: extraction fails, the document says why and offers Retry.
  await dropFiles(page, [{ name: broken, type: "application/pdf", text: "%PDF-1.7 truncated before any object" }]);
  const row = page.getByRole("row").filter({ hasText: broken });
  await expect(row.getByText("Failed", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(row).toContainText("This PDF could not be read: the file is damaged or is not really a PDF.");
  await row.getByRole("button", { name: `Retry ${title}` }).click();
  await expect(toast(page, "Processing again")).toBeVisible();
  // The same bytes fail the same way again, and stay retryable.
  await expect(row.getByText("Failed", { exact: true })).toBeVisible({ timeout: 90_000 });
  await expect(row.getByRole("button", { name: `Retry ${title}` })).toBeVisible();

  // From all agents to one of them.
  await expect(row.getByText("All agents", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: `Edit ${title}` }).click();
  const form = page.getByRole("form", { name: "Edit document" });
  await form.getByLabel("Only some agents").check();
  await form.getByRole("list", { name: "Agents" }).getByLabel(night.name).check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toBeHidden();
  await expect(row).toContainText(night.name);
  await expect(row).not.toContainText(front.name);

  // The server never fetches a private address (SSRF), and says so against the field.
  const importForm = page.getByRole("form", { name: "Import a web page" });
  await importForm.getByLabel("Page address").fill("http://127.0.0.1:5432/");
  await importForm.getByRole("button", { name: "Import page" }).click();
  await expect(importForm).toContainText("only public web pages can be imported");
});

test("an FAQ entry is listed, can be switched off, and answers in the test box", async ({ page, admin }) => {
  void admin;
  const question = `Do you validate parking tickets at desk ${uniqueId()}?`;
  await page.goto("/knowledge");

  await page.getByRole("button", { name: "Add FAQ entry" }).click();
  const dialog = page.getByRole("dialog", { name: "Add an FAQ entry" });
  // Empty: refused in place.
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(dialog.getByText("Enter the question callers ask")).toBeVisible();
  await dialog.getByLabel("Question").fill(question);
  await dialog.getByLabel("Answer").fill("Yes: bring your ticket to reception and we stamp it for three free hours.");
  await dialog.getByRole("button", { name: "Add entry" }).click();
  await expect(toast(page, "FAQ entry added")).toBeVisible();

  const entry = page.getByRole("list", { name: "FAQ entries" }).getByRole("listitem", { name: question });
  await expect(entry).toContainText("three free hours");
  await expect(entry).toContainText("All agents");

  const passages = await askTestBox(page, "validate parking tickets");
  const hit = passages.getByRole("listitem").filter({ hasText: question });
  await expect(hit).toContainText("FAQ");
  await expect(hit).toContainText("three free hours");

  // Switched off, it is marked as such and survives a reload.
  const enabled = entry.getByRole("switch", { name: `Enabled: ${question}` });
  await expect(enabled).toHaveAttribute("aria-checked", "true");
  await enabled.click();
  await expect(entry).toContainText("Disabled");
  await page.reload();
  await expect(page.getByRole("listitem", { name: question })).toContainText("Disabled");
});

test("a tenant user sees the knowledge base read-only", async ({ page }) => {
  await signInAs(page, DEMO.staff);
  await page.goto("/knowledge");
  // Inside the page's main region: while the server streams the page, React keeps a hidden copy of the
  // streamed header outside it for a moment, and a page-wide text match finds both.
  await expect(page.locator("#main").getByText("You have view-only access.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Upload documents" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Import a web page" })).toHaveCount(0);
  await expect(page.getByLabel("Files to upload")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add FAQ entry" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|Delete|Retry)\b/ })).toHaveCount(0);
  // Asking is not changing anything: the test box is there for everyone.
  await expect(page.getByRole("form", { name: "Test retrieval" })).toBeVisible();
});
