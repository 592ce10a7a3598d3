// HTML (and DOCX, through mammoth's HTML) → blocks. html-to-text renders the text; the formatters
// in html-formatters.ts mark headings, list items and table rows, which are cut into blocks here.
// Page furniture (navigation, header, footer, sidebars, forms, scripts) is dropped, and the
// <main> or <article> element is preferred when the page has one, so a web page's knowledge is its
// content rather than its menu.
import { compile, type HtmlToTextOptions } from "html-to-text";
import type { ExtractedBlock, ExtractedDocument } from "../types";
import { finishDocument } from "./blocks";
import { HEADING_MARK, ITEM_MARK, formatHeading, formatList, formatTable } from "./html-formatters";

type Base = "main" | "article" | "body";

const SKIPPED = ["head", "title", "script", "style", "noscript", "template", "nav", "aside", "form", "footer", "button", "select", "svg", "iframe", "img", "hr", "object", "canvas"];

function options(base: Base): HtmlToTextOptions {
  // Inside <main>/<article> a <header> usually holds the title; outside, it is the site banner.
  const skipped = base === "body" ? [...SKIPPED, "header"] : SKIPPED;
  return {
    wordwrap: false,
    baseElements: { selectors: [base], returnDomByDefault: true },
    formatters: { kbHeading: formatHeading, kbList: formatList, kbTable: formatTable },
    selectors: [
      ...skipped.map((selector) => ({ selector, format: "skip" })),
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, format: "kbHeading" })),
      { selector: "ul", format: "kbList" },
      { selector: "ol", format: "kbList" },
      { selector: "table", format: "kbTable" },
      { selector: "a", options: { ignoreHref: true } },
      { selector: "blockquote", format: "block" },
    ],
  };
}

// Compiling the selector tree is the costly part; each variant is compiled once.
const converters = new Map<Base, (html: string) => string>();
const converter = (base: Base) => {
  let convert = converters.get(base);
  if (!convert) converters.set(base, (convert = compile(options(base))));
  return convert;
};
const plain = compile({ wordwrap: false });

function toBlocks(rendered: string): ExtractedBlock[] {
  const blocks: ExtractedBlock[] = [];
  let current: ExtractedBlock | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of rendered.split("\n")) {
    const line = raw.trim();
    if (!line) flush();
    else if (line.startsWith(HEADING_MARK)) {
      flush();
      current = { kind: "heading", level: Number(line.charAt(1)) || 1, text: line.slice(2).trim(), page: null };
    } else if (line.startsWith(ITEM_MARK)) {
      flush();
      current = { kind: "paragraph", text: line.slice(1).trim(), page: null };
    } else if (current) {
      current.text += current.kind === "heading" ? ` ${line}` : `\n${line}`;
    } else current = { kind: "paragraph", text: line, page: null };
  }
  flush();
  return blocks;
}

function titleOf(html: string, blocks: ExtractedBlock[], baseUrl: string | undefined): string | null {
  const tag = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = tag ? plain(tag[1] ?? "").trim() : "";
  if (title) return title;
  const h1 = blocks.find((b) => b.kind === "heading" && b.level === 1);
  if (h1) return h1.text;
  if (!baseUrl) return null;
  try {
    const url = new URL(baseUrl);
    return url.hostname + (url.pathname === "/" ? "" : url.pathname);
  } catch {
    return null;
  }
}

/** Blocks and title of an HTML page; `baseUrl` (the page's address) is the last-resort title. */
export function extractHtml(html: string, opts: { baseUrl?: string } = {}): ExtractedDocument {
  const source = html.replace(/[\ue000\ue001]/g, "");
  const preferred: Base = /<main[\s>]/i.test(source) ? "main" : /<article[\s>]/i.test(source) ? "article" : "body";
  let blocks = toBlocks(converter(preferred)(source));
  // An empty <main> (a client-rendered shell) says nothing about where the text is: use the body.
  if (preferred !== "body" && !blocks.some((b) => b.kind === "paragraph")) blocks = toBlocks(converter("body")(source));
  return finishDocument({ title: titleOf(source, blocks, opts.baseUrl), pageCount: null, blocks });
}
