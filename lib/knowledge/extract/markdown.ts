// Markdown → blocks, line by line (CommonMark's block structure, not its full grammar): ATX and
// setext headings, paragraphs, list items, block quotes, fenced code kept as text, GitHub tables as
// "Column: value" rows, and YAML/TOML front matter dropped. Inline markup is reduced to its text.
import type { ExtractedBlock, ExtractedDocument } from "../types";
import { finishDocument } from "./blocks";

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ITEM = /^\s*(?:[-*+]|(\d{1,9})[.)])[ \t]+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Inline markup → text: links and images keep their text, emphasis and code marks go. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<(https?:[^>\s]+)>/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/<\/?[a-z][^>]*>/gi, "");
}

function dropFrontMatter(lines: string[]): string[] {
  const open = lines[0]?.trim();
  if (open !== "---" && open !== "+++") return lines;
  const close = lines.findIndex((line, i) => i > 0 && (line.trim() === open || (open === "---" && line.trim() === "...")));
  return close > 0 ? lines.slice(close + 1) : lines;
}

const cells = (row: string) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => inline(c.trim()));

export function extractMarkdown(text: string): ExtractedDocument {
  const lines = dropFrontMatter(text.split("\n"));
  const blocks: ExtractedBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", text: inline(paragraph.join("\n")), page: null });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^ {0,3}> ?/, "");
    const fence = FENCE.exec(line);
    const atx = ATX.exec(line);
    const item = ITEM.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      blocks.push({ kind: "paragraph", text: code.join("\n"), page: null });
    } else if (atx) {
      flush();
      blocks.push({ kind: "heading", level: atx[1]!.length, text: inline(atx[2] ?? ""), page: null });
    } else if (SETEXT.test(line) && paragraph.length) {
      blocks.push({ kind: "heading", level: line.trim().startsWith("=") ? 1 : 2, text: inline(paragraph.join(" ")), page: null });
      paragraph = [];
    } else if (line.includes("|") && TABLE_SEPARATOR.test(lines[i + 1] ?? "") && lines[i + 1]!.includes("-")) {
      flush();
      const header = cells(line);
      for (i += 2; i < lines.length && lines[i]!.includes("|") && lines[i]!.trim(); i++) {
        const row = cells(lines[i]!).map((v, c) => (v ? (header[c] ? `${header[c]}: ${v}` : v) : "")).filter(Boolean);
        if (row.length) blocks.push({ kind: "paragraph", text: row.join("; "), page: null });
      }
      i--;
    } else if (item) {
      flush();
      paragraph.push(item[1] ? `${item[1]}. ${item[2]}` : item[2]!);
    } else if (!line.trim() || SETEXT.test(line) || /^ {0,3}([*_])(\s*\1){2,}\s*$/.test(line)) {
      flush(); // blank line or thematic break
    } else paragraph.push(line.trim());
  }
  flush();
  const h1 = blocks.find((b) => b.kind === "heading" && b.level === 1);
  return finishDocument({ title: h1?.text ?? null, pageCount: null, blocks });
}
