// A passage of a document as the things an agent could say from it: sentences, list runs and table
// rows, in reading order, with the Markdown, HTML and list artefacts a text-to-speech voice would read
// out ("asterisk asterisk", "pipe") removed. Sentence ends are found abbreviation-safe by the splitter
// chunking uses too (lib/text/sentences.ts): "Dr. Lee", "Elm St.", "e.g.", "9 a.m. Monday" and "No. 5"
// do not end a sentence; "5 p.m. We" does.
import { splitSentences as splitWrittenSentences } from "../text/sentences";

export type UnitKind = "sentence" | "list" | "row" | "heading";

export interface SpokenUnit {
  kind: UnitKind;
  text: string;
}

const LIST_ITEM = /^\s*(?:[-*+•▪◦‣–]|\d{1,3}[.)]|[a-z][.)])\s+/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?\s*$/;
const HEADING = /^\s*#{1,6}\s+/;
const RULE = /^\s*(?:[-*_]\s*){3,}$/;
// "Q: …" / "A: …" in FAQ-style documents: the marker is not spoken, and each starts its own paragraph.
const QA_MARKER = /^\s*(?:Q|A|Question|Answer)\s*[:.)]\s+/i;

/** Inline Markdown and HTML reduced to the words they show. */
export function plainInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/`+([^`]*)`+/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/^\s*>\s?/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A paragraph of prose → its sentences (whitespace, line breaks included, collapsed first). */
export function splitSentences(paragraph: string): string[] {
  return splitWrittenSentences(paragraph.replace(/\s+/g, " ").trim());
}

/** A list item said as part of "A, B, and C": a few words, not a sentence of its own. */
const isShortItem = (item: string) => item.split(" ").length <= 10 && !/[.!?]/.test(item);

function listUnits(items: string[]): SpokenUnit[] {
  if (items.length > 1 && items.every(isShortItem)) {
    const bare = items.map((i) => i.replace(/[.;,]+$/, ""));
    const joined = bare.length === 2 ? `${bare[0]} and ${bare[1]}` : `${bare.slice(0, -1).join(", ")}, and ${bare[bare.length - 1]}`;
    return [{ kind: "list", text: `${joined}.` }];
  }
  return items.flatMap((i) => splitSentences(i).map((text) => ({ kind: "sentence" as const, text })));
}

function rowUnit(cells: string[]): SpokenUnit | null {
  const filled = cells.map(plainInline).filter(Boolean);
  if (filled.length === 0) return null;
  const text = filled.length === 2 ? `${filled[0]}: ${filled[1]}` : filled.join(", ");
  return { kind: "row", text: /[.!?]$/.test(text) ? text : `${text}.` };
}

/** The passage's text as speakable units in reading order. */
export function spokenUnits(text: string): SpokenUnit[] {
  const units: SpokenUnit[] = [];
  let prose: string[] = [];
  let items: string[] = [];
  const flushProse = () => {
    if (prose.length) units.push(...splitSentences(plainInline(prose.join(" "))).map((t) => ({ kind: "sentence" as const, text: t })));
    prose = [];
  };
  const flushItems = () => {
    if (items.length) units.push(...listUnits(items));
    items = [];
  };
  const flush = () => {
    flushProse();
    flushItems();
  };
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || RULE.test(line)) {
      flush();
    } else if (HEADING.test(line)) {
      flush();
      const heading = plainInline(line.replace(HEADING, "").replace(/\s#+\s*$/, ""));
      if (heading) units.push({ kind: "heading", text: heading });
    } else if (TABLE_ROW.test(line)) {
      flush();
      if (TABLE_RULE.test(line)) continue;
      // A header row (followed by the |---| rule) names columns; it is not something to answer with.
      if (i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) continue;
      const unit = rowUnit(line.trim().replace(/^\||\|$/g, "").split("|"));
      if (unit) units.push(unit);
    } else if (LIST_ITEM.test(line)) {
      flushProse();
      const item = plainInline(line.replace(LIST_ITEM, ""));
      if (item) items.push(item);
    } else if (items.length && /^\s{2,}\S/.test(line)) {
      items[items.length - 1] += ` ${plainInline(line)}`; // a list item's wrapped continuation
    } else if (QA_MARKER.test(line)) {
      flush();
      prose.push(line.replace(QA_MARKER, ""));
    } else {
      flushItems();
      prose.push(line);
    }
  }
  flush();
  return units.filter((u) => /[A-Za-z0-9]/.test(u.text));
}
