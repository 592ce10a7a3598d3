import { describe, expect, it } from "vitest";
import { MAX_CONCURRENT_UPLOADS, isActive, uploadPercent, uploadQueueReducer, uploadsToStart, type UploadAction, type UploadItem } from "./upload-queue";

const run = (actions: UploadAction[], start: UploadItem[] = []) => actions.reduce(uploadQueueReducer, start);
const add = (...names: string[]): UploadAction => ({ type: "added", files: names.map((name) => ({ key: name, name, size: 1000 })) });
const byKey = (items: UploadItem[], key: string) => items.find((i) => i.key === key)!;

describe("upload queue", () => {
  it("takes files waiting, starts them, and follows their progress to done", () => {
    let items = run([add("a.txt")]);
    expect(byKey(items, "a.txt")).toMatchObject({ phase: "waiting", loaded: 0, total: 1000, error: null });
    items = run([{ type: "started", key: "a.txt" }, { type: "progressed", key: "a.txt", loaded: 600, total: 1200 }], items);
    expect(byKey(items, "a.txt")).toMatchObject({ phase: "uploading", loaded: 600, total: 1200 });
    expect(uploadPercent(byKey(items, "a.txt"))).toBe(50);
    items = run([{ type: "succeeded", key: "a.txt", documentIds: ["doc1"] }], items);
    expect(byKey(items, "a.txt")).toMatchObject({ phase: "done", loaded: 1200, documentIds: ["doc1"] });
    expect(uploadPercent(byKey(items, "a.txt"))).toBe(100);
  });

  it("never moves a bar backwards or past its total", () => {
    const items = run([
      add("a.txt"),
      { type: "started", key: "a.txt" },
      { type: "progressed", key: "a.txt", loaded: 800, total: 1000 },
      { type: "progressed", key: "a.txt", loaded: 300, total: 1000 },
    ]);
    expect(byKey(items, "a.txt").loaded).toBe(800);
    const over = run([{ type: "progressed", key: "a.txt", loaded: 5000, total: 1000 }], items);
    expect(byKey(over, "a.txt").loaded).toBe(1000);
  });

  it("keeps the total it knew when the browser cannot compute one", () => {
    const items = run([add("a.txt"), { type: "started", key: "a.txt" }, { type: "progressed", key: "a.txt", loaded: 250, total: 0 }]);
    expect(byKey(items, "a.txt")).toMatchObject({ loaded: 250, total: 1000 });
    expect(uploadPercent(byKey(items, "a.txt"))).toBe(25);
  });

  it("keeps a cancelled upload cancelled whatever its request reports afterwards", () => {
    const items = run([
      add("a.txt"),
      { type: "started", key: "a.txt" },
      { type: "cancelled", key: "a.txt" },
      { type: "progressed", key: "a.txt", loaded: 900, total: 1000 },
      { type: "failed", key: "a.txt", message: "The upload was interrupted." },
      { type: "succeeded", key: "a.txt", documentIds: ["doc1"] },
    ]);
    expect(byKey(items, "a.txt")).toMatchObject({ phase: "cancelled", loaded: 0, error: null, documentIds: [] });
  });

  it("shows the server's message on a failed file and leaves the others alone", () => {
    const items = run([
      add("a.txt", "b.exe"),
      { type: "started", key: "a.txt" },
      { type: "started", key: "b.exe" },
      { type: "failed", key: "b.exe", message: "Upload a PDF, DOCX, TXT, Markdown, HTML or CSV file." },
    ]);
    expect(byKey(items, "b.exe")).toMatchObject({ phase: "failed", error: "Upload a PDF, DOCX, TXT, Markdown, HTML or CSV file." });
    expect(byKey(items, "a.txt").phase).toBe("uploading");
  });

  it("adds a file refused before sending as failed, never to be started", () => {
    const items = run([{ type: "added", files: [{ key: "big.pdf", name: "big.pdf", size: 50e6, error: "too large" }] }]);
    expect(byKey(items, "big.pdf")).toMatchObject({ phase: "failed", error: "too large" });
    expect(uploadsToStart(items)).toEqual([]);
    expect(run([{ type: "started", key: "big.pdf" }], items)).toEqual(items);
  });

  it("starts at most a few at once, oldest first, and the next as one finishes", () => {
    const names = ["1", "2", "3", "4", "5"];
    let items = run([add(...names)]);
    const first = uploadsToStart(items).map((i) => i.key);
    expect(first).toEqual(names.slice(0, MAX_CONCURRENT_UPLOADS));
    items = run(first.map((key): UploadAction => ({ type: "started", key })), items);
    expect(uploadsToStart(items)).toEqual([]);
    items = run([{ type: "succeeded", key: "1", documentIds: [] }], items);
    expect(uploadsToStart(items).map((i) => i.key)).toEqual([names[MAX_CONCURRENT_UPLOADS]]);
  });

  it("dismisses and clears only finished rows", () => {
    let items = run([add("a", "b", "c"), { type: "started", key: "a" }, { type: "started", key: "b" }, { type: "succeeded", key: "b", documentIds: [] }]);
    items = run([{ type: "dismissed", key: "a" }], items);
    expect(items.map((i) => i.key)).toEqual(["a", "b", "c"]);
    items = run([{ type: "dismissed", key: "b" }], items);
    expect(items.map((i) => i.key)).toEqual(["a", "c"]);
    items = run([{ type: "cancelled", key: "c" }, { type: "cleared" }], items);
    expect(items.map((i) => i.key)).toEqual(["a"]);
    expect(items.every(isActive)).toBe(true);
  });
});
