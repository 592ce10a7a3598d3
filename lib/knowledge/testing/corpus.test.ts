import { describe, expect, it } from "vitest";
import { generateCorpus } from "./corpus";

describe("generateCorpus", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateCorpus({ seed: 7, documents: 5 })).toEqual(generateCorpus({ seed: 7, documents: 5 }));
    expect(generateCorpus({ seed: 8, documents: 5 }).documents[0]!.markdown).not.toBe(generateCorpus({ seed: 7, documents: 5 }).documents[0]!.markdown);
  });

  it("keeps a document the same whatever the corpus size", () => {
    expect(generateCorpus({ seed: 3, documents: 50 }).documents[4]).toEqual(generateCorpus({ seed: 3, documents: 5 }).documents[4]);
  });

  it("writes titled Markdown documents with one section per chunk asked for", () => {
    const { documents } = generateCorpus({ seed: 1, documents: 3, chunksPerDocument: 25 });
    for (const d of documents) {
      expect(d.markdown.startsWith(`# ${d.title}\n`)).toBe(true);
      expect(d.markdown.match(/^## /gm)).toHaveLength(25);
    }
    expect(new Set(documents.map((d) => d.title)).size).toBe(3);
  });

  it("labels each question with a phrase of its document, not copied into the question", () => {
    const { documents, questions } = generateCorpus({ seed: 2, documents: 40 });
    expect(questions.length).toBeGreaterThanOrEqual(40);
    for (const q of questions) {
      expect(documents[q.documentIndex]!.markdown).toContain(q.expect);
      expect(q.question.toLowerCase()).not.toContain(q.expect.toLowerCase());
      expect(q.question).toMatch(/\?$/);
    }
  });
});
