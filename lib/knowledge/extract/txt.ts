// Plain text → blocks. Paragraphs are separated by blank lines. Plain text has no markup for
// headings, so only two common habits count, and only when a paragraph follows: a short line in
// capitals ("OPENING HOURS") opens a section, and a short label ending with a colon ("Delivery
// hours:") a subsection. Anything else stays text: a wrong heading would cut chunks in wrong places.
import type { ExtractedBlock, ExtractedDocument } from "../types";
import { finishDocument } from "./blocks";

const MAX_HEADING_WORDS = 8;

function headingLevel(line: string): number {
  const text = line.trim();
  if (!text || text.length > 70 || text.split(/\s+/).length > MAX_HEADING_WORDS) return 0;
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && !/[.!?]$/.test(text)) return 1;
  if (/^\p{Lu}[^.!?:;]*:$/u.test(text)) return 2;
  return 0;
}

export function extractTxt(text: string): ExtractedDocument {
  const paragraphs = text.split(/\n[ \t]*\n/).map((p) => p.split("\n").filter((l) => l.trim()));
  const blocks: ExtractedBlock[] = [];
  paragraphs.forEach((lines, index) => {
    if (lines.length === 0) return;
    const level = headingLevel(lines[0]!);
    const followed = lines.length > 1 || paragraphs.slice(index + 1).some((p) => p.length > 0);
    if (level && followed) {
      blocks.push({ kind: "heading", level, text: lines[0]!.trim().replace(/:$/, ""), page: null });
      lines = lines.slice(1);
    }
    if (lines.length) blocks.push({ kind: "paragraph", text: lines.join("\n"), page: null });
  });
  return finishDocument({ title: null, pageCount: null, blocks });
}
