// CSV → one paragraph per row, "Header: value; Header: value", so a row found by search reads on
// its own ("Product: Latte; Price: 3.80"). The delimiter is whichever of , ; tab | occurs most in
// the header line outside quotes (European spreadsheets export with ";").
import { parse } from "csv-parse/sync";
import { DocumentFailure, type ExtractedBlock, type ExtractedDocument } from "../types";
import { finishDocument } from "./blocks";

const DELIMITERS = [",", ";", "\t", "|"] as const;

export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.slice(0, 10_000)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "\n") break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

export function extractCsv(text: string, fileName?: string): ExtractedDocument {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DocumentFailure("CORRUPT_FILE", `This CSV file could not be read${line ? ` (near line ${line})` : ""}: check that quotes are closed and save it again as CSV.`);
  }
  const [header = [], ...data] = rows;
  const names = header.map((name, i) => name || `Column ${i + 1}`);
  const blocks: ExtractedBlock[] = [];
  const heading = fileName?.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, "").trim();
  if (heading) blocks.push({ kind: "heading", level: 1, text: heading, page: null });
  for (const row of data) {
    const pairs = row.map((value, i) => (value ? `${names[i] ?? `Column ${i + 1}`}: ${value}` : "")).filter(Boolean);
    if (pairs.length) blocks.push({ kind: "paragraph", text: pairs.join("; "), page: null });
  }
  // A header with no rows is a list of column names, which answers nothing.
  if (!blocks.some((b) => b.kind === "paragraph")) throw new DocumentFailure("EMPTY_DOCUMENT", "This CSV file has no rows under its header row: there is nothing in it to learn from.");
  return finishDocument({ title: null, pageCount: null, blocks });
}
