// Rebuilds a PDF's structure from positioned text. A PDF has no paragraphs or headings, only
// strings drawn at coordinates in a font size; readers infer the rest from layout, and so does
// this: items on one baseline form a line, lines a normal line-step apart form a paragraph, and
// short lines set clearly larger than the body text are headings, their level ranked by size.
import type { ExtractedBlock } from "../types";

/** One text run as pdf.js reports it (content-stream order, PDF coordinates: y grows upwards). */
export interface PdfTextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  hasEOL: boolean;
}
export interface PdfLine {
  text: string;
  y: number;
  size: number;
  page: number;
}

const round = (n: number) => Math.round(n * 2) / 2;

/** Groups a page's runs into lines; a new line starts when the baseline moves by over half a glyph. */
export function pageLines(runs: PdfTextRun[], page: number): PdfLine[] {
  const lines: PdfLine[] = [];
  let line: (PdfLine & { endX: number; longest: number }) | null = null;
  let breakNext = false;
  for (const run of runs) {
    if (!run.str) {
      breakNext ||= run.hasEOL && line !== null && Math.abs(run.y - line.y) > 0.5 * line.size;
      continue;
    }
    if (!line || breakNext || Math.abs(run.y - line.y) > 0.5 * Math.max(run.size, line.size)) {
      if (line) lines.push(line);
      line = { text: "", y: run.y, size: run.size, page, endX: run.x, longest: 0 };
    }
    breakNext = run.hasEOL;
    const gap = run.x - line.endX;
    if (line.text && gap > 0.15 * run.size && !line.text.endsWith(" ") && !run.str.startsWith(" ")) line.text += " ";
    line.text += run.str;
    line.endX = run.x + run.width;
    if (run.str.trim().length > line.longest) [line.longest, line.size] = [run.str.trim().length, run.size];
  }
  if (line) lines.push(line);
  return dropPageNumbers(lines.map(({ text, y, size, page: p }) => ({ text: text.replace(/\s+/g, " ").trim(), y, size, page: p })).filter((l) => l.text));
}

/** "12", "Page 3", "3 of 10", "- 4 -" as a page's first or last line are furniture, not content. */
function dropPageNumbers(lines: PdfLine[]): PdfLine[] {
  const isNumber = (l: PdfLine | undefined) => !!l && /^[-–—\s]*(page\s*)?\d{1,4}(\s*(of|\/)\s*\d{1,4})?[-–—\s]*$/i.test(l.text);
  const out = lines.slice();
  if (isNumber(out[out.length - 1])) out.pop();
  if (out.length > 1 && isNumber(out[0])) out.shift();
  return out;
}

/** The most frequent value, each weighted (font sizes by the characters drawn in them). */
function mode(values: [number, number][], fallback: number): number {
  const weights = new Map<number, number>();
  for (const [value, weight] of values) weights.set(value, (weights.get(value) ?? 0) + weight);
  let best = fallback;
  let bestWeight = 0;
  for (const [value, weight] of weights) if (weight > bestWeight || (weight === bestWeight && value < best)) [best, bestWeight] = [value, weight];
  return best;
}

const isHeadingShape = (text: string) => text.length <= 120 && text.split(" ").length <= 15 && !/[.,;]$/.test(text);
const joinLines = (a: string, b: string) => (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b) ? a.slice(0, -1) + b : `${a} ${b}`);

/** Lines of every page (in order) → heading and paragraph blocks with their page numbers. */
export function linesToBlocks(lines: PdfLine[]): ExtractedBlock[] {
  // Body size: the size most text is set in, counting only lines that could not be headings
  // (a short document's title and headings may otherwise outweigh its few paragraphs).
  const bodyLines = lines.filter((l) => !isHeadingShape(l.text));
  const body = mode((bodyLines.length ? bodyLines : lines).map((l) => [round(l.size), l.text.length]), 11);
  // Normal line step: the lower quartile of the gaps between body lines. Paragraph gaps are the
  // larger ones; in a short document they may even be the majority, so the mode would be wrong.
  const steps: number[] = [];
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    if (prev && prev.page === l.page && round(prev.size) === body && round(l.size) === body && prev.y > l.y) steps.push(prev.y - l.y);
  });
  steps.sort((a, b) => a - b);
  const step = steps.length ? steps[Math.floor((steps.length - 1) / 4)]! : body * 1.3;
  const headingSizes = [...new Set(lines.filter((l) => round(l.size) >= body * 1.15 && isHeadingShape(l.text)).map((l) => round(l.size)))].sort((a, b) => b - a);
  const levelOf = (l: PdfLine) => (isHeadingShape(l.text) ? headingSizes.indexOf(round(l.size)) + 1 : 0);

  const blocks: ExtractedBlock[] = [];
  let prev: PdfLine | null = null;
  for (const line of lines) {
    const level = Math.min(levelOf(line), 6);
    const last = blocks[blocks.length - 1];
    const samePage = prev?.page === line.page;
    const dy = prev && samePage ? prev.y - line.y : Infinity;
    const sameSize = prev !== null && Math.abs(prev.size - line.size) <= 1;
    if (level > 0) {
      // A heading wrapped over two lines is one heading.
      if (last?.kind === "heading" && last.level === level && sameSize && dy > 0 && dy <= line.size * 1.6) last.text += ` ${line.text}`;
      else blocks.push({ kind: "heading", level, text: line.text, page: line.page });
    } else if (last?.kind === "paragraph" && prev && sameSize && levelOf(prev) === 0 && continues(prev, line, dy, step)) {
      last.text = joinLines(last.text, line.text);
    } else blocks.push({ kind: "paragraph", text: line.text, page: line.page });
    prev = line;
  }
  return blocks;
}

/** Same paragraph: the next line on the page, or a sentence that runs on over a page break. */
function continues(prev: PdfLine, line: PdfLine, dy: number, step: number): boolean {
  if (prev.page === line.page) return dy > 0 && dy <= step * 1.4;
  return line.page === prev.page + 1 && !/[.!?:;]["'”’)]?$/.test(prev.text) && /^\p{Ll}/u.test(line.text);
}
