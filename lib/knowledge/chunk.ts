// Chunking: extracted blocks → the passages the index stores and retrieval returns. A chunk is
// meant to answer one question on its own, so it follows the document's structure: it never spans
// two sections (every heading starts a new chunk, and the chunk carries its heading path for
// context), it packs whole paragraphs up to a target size, and only a paragraph too long for one
// chunk is cut, at sentence ends (or, for a run-on sentence, between words). Consecutive chunks of a
// section overlap by a sentence or two, so a fact stated across a cut is whole in one of them.
// Pure and deterministic: the same document always gives the same chunks.
import { countTokens, splitByTokens, splitSentences } from "./chunk-text";
import type { ChunkDraft, ExtractedDocument } from "./types";

export { countTokens } from "./chunk-text";

export interface ChunkOptions {
  /** Paragraphs are packed into a chunk up to this many tokens (default 180). */
  targetTokens?: number;
  /** No chunk exceeds this, except a single unbreakable word (default 320). */
  maxTokens?: number;
  /** Whole sentences, up to about this many tokens, repeated from the previous chunk (default 40, at most half the target). */
  overlapTokens?: number;
}

/** A piece of a section's text: a whole paragraph, or a sentence/word run of a long one. */
interface Unit {
  text: string;
  tokens: number;
  page: number | null;
  /** Which paragraph it comes from: pieces of one paragraph are joined with a space, paragraphs with a blank line. */
  paragraph: number;
}
interface Draft {
  units: Unit[];
  tokens: number;
  /** Leading units repeated from the previous chunk. */
  overlap: number;
}

const PATH_SEPARATOR = " › ";

/** A paragraph as units: whole if it fits in maxTokens, else by sentences, and run-on sentences by words. */
function paragraphUnits(text: string, page: number | null, paragraph: number, target: number, max: number): Unit[] {
  const tokens = countTokens(text);
  if (tokens <= max) return [{ text, tokens, page, paragraph }];
  return splitSentences(text).flatMap((sentence) => {
    const count = countTokens(sentence);
    const pieces = count <= max ? [sentence] : splitByTokens(sentence, target);
    return pieces.map((piece) => ({ text: piece, tokens: pieces.length === 1 ? count : countTokens(piece), page, paragraph }));
  });
}

/** The last whole sentences of a draft worth about `budget` tokens, to open the next chunk. */
function overlapOf(draft: Draft, budget: number): Unit[] {
  const taken: Unit[] = [];
  let tokens = 0;
  for (let u = draft.units.length - 1; u >= draft.overlap; u--) {
    const unit = draft.units[u]!;
    const sentences = unit.tokens <= budget ? [unit.text] : splitSentences(unit.text);
    for (let s = sentences.length - 1; s >= 0; s--) {
      const count = sentences.length === 1 ? unit.tokens : countTokens(sentences[s]!);
      // Slightly over budget is fine for the first sentence: no overlap at all would be worse.
      if (tokens + count > (taken.length ? budget : budget * 1.5)) return taken.length && tokens < sumTokens(draft.units.slice(draft.overlap)) ? taken : [];
      taken.unshift({ ...unit, text: sentences[s]!, tokens: count });
      tokens += count;
    }
  }
  // Repeating the whole previous chunk is not an overlap, it is a duplicate.
  return tokens >= sumTokens(draft.units.slice(draft.overlap)) ? [] : taken;
}

const sumTokens = (units: Unit[]) => units.reduce((sum, u) => sum + u.tokens, 0);

/** Packs one section's units into drafts (see the header for the rules). */
function packSection(units: Unit[], target: number, max: number, overlapBudget: number): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const unit of units) {
    if (!current) {
      current = { units: [unit], tokens: unit.tokens, overlap: 0 };
      continue;
    }
    const total = current.tokens + unit.tokens;
    // Over target is tolerated (up to max) rather than closing a chunk that is still small.
    if (total <= target || (total <= max && current.tokens < target / 2)) {
      current.units.push(unit);
      current.tokens = total;
      continue;
    }
    drafts.push(current);
    let overlap = overlapOf(current, overlapBudget);
    if (sumTokens(overlap) + unit.tokens > max) overlap = [];
    current = { units: [...overlap, unit], tokens: sumTokens(overlap) + unit.tokens, overlap: overlap.length };
  }
  if (current) drafts.push(current);
  // A small tail reads better as the end of the previous chunk than as a chunk of its own.
  const last = drafts[drafts.length - 1];
  const before = drafts[drafts.length - 2];
  if (last && before) {
    const fresh = last.units.slice(last.overlap);
    const freshTokens = sumTokens(fresh);
    if (freshTokens < target / 4 && before.tokens + freshTokens <= max) {
      before.units.push(...fresh);
      before.tokens += freshTokens;
      drafts.pop();
    }
  }
  return drafts;
}

function draftText(units: Unit[]): string {
  let text = "";
  units.forEach((unit, i) => {
    if (i > 0) text += units[i - 1]!.paragraph === unit.paragraph ? " " : "\n\n";
    text += unit.text;
  });
  return text;
}

export function chunkDocument(doc: ExtractedDocument, opts: ChunkOptions = {}): ChunkDraft[] {
  const target = Math.max(1, Math.floor(opts.targetTokens ?? 180));
  const max = Math.max(target, Math.floor(opts.maxTokens ?? Math.max(320, target)));
  const overlapBudget = Math.max(0, Math.min(Math.floor(opts.overlapTokens ?? 40), Math.floor(target / 2)));
  const chunks: ChunkDraft[] = [];
  const path: { level: number; text: string }[] = [];
  let section: Unit[] = [];
  let paragraph = 0;

  const flush = () => {
    const heading = path.map((h) => h.text).join(PATH_SEPARATOR);
    for (const draft of packSection(section, target, max, overlapBudget)) {
      const text = draftText(draft.units);
      chunks.push({ ordinal: chunks.length, heading, page: draft.units[0]!.page, text, tokenCount: draft.tokens });
    }
    section = [];
  };

  for (const block of doc.blocks) {
    if (block.kind === "heading") {
      flush();
      while (path.length && path[path.length - 1]!.level >= block.level) path.pop();
      path.push({ level: block.level, text: block.text });
    } else if (block.text.trim()) {
      section.push(...paragraphUnits(block.text.trim(), block.page, paragraph++, target, max));
    }
  }
  flush();
  return chunks;
}
