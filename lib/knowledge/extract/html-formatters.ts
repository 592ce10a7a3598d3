// Custom html-to-text formatters. html-to-text renders the text (entities, whitespace, inline
// elements, <pre>, <br>); these formatters only mark where structure begins, with private-use
// characters that cannot occur in the input (they are stripped from it first), so the rendered
// text can be cut back into heading and paragraph blocks by html.ts.
import type { DomNode, FormatCallback } from "html-to-text";

/** Starts a heading line: followed by its level digit, then the heading text. */
export const HEADING_MARK = "\ue000";
/** Starts a new paragraph inside a block: a list item or a table row. */
export const ITEM_MARK = "\ue001";

const tagChildren = (node: DomNode): DomNode[] => (node.children ?? []).filter((c) => c.type === "tag");

/** h1..h6 → "\ue000<level>text" as its own block (no upper-casing, unlike the built-in one). */
export const formatHeading: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(`${HEADING_MARK}${(elem.name ?? "h1").slice(1)}`);
  walk(elem.children ?? [], builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** ul/ol → one marked line per item (ordered items keep their number: steps are referred to by it). */
export const formatList: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  let number = Number(elem.attribs?.start ?? 1) || 1;
  for (const item of tagChildren(elem)) {
    if (item.name !== "li") continue;
    builder.openBlock({ leadingLineBreaks: 1 });
    builder.addLiteral(elem.name === "ol" ? `${ITEM_MARK}${number++}. ` : ITEM_MARK);
    walk(item.children ?? [], builder);
    builder.closeBlock({ trailingLineBreaks: 1 });
  }
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** A cell longer than this means a layout table (a page laid out in cells), not a data table. */
const LAYOUT_CELL_CHARS = 300;

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Data tables → one marked line per row, "Column: value; Column: value" (empty cells skipped), so
 * a row is understandable on its own in a chunk. The header is the <thead>/<th> row, or the first
 * row when there is none (DOCX tables have no th). Layout tables fall back to one block per cell.
 */
export const formatTable: FormatCallback = (elem, walk, builder) => {
  const headerFlags: boolean[] = [];
  const walkRows = (node: DomNode, inHead: boolean) => {
    for (const child of tagChildren(node)) {
      if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") walkRows(child, child.name === "thead");
      else if (child.name === "tr") {
        const cells = tagChildren(child).filter((c) => c.name === "td" || c.name === "th");
        headerFlags.push(inHead || (cells.length > 0 && cells.every((c) => c.name === "th")));
        builder.openTableRow();
        for (const cell of cells) {
          builder.openTableCell();
          walk(cell.children ?? [], builder);
          builder.closeTableCell();
        }
        builder.closeTableRow();
      }
    }
  };
  builder.openTable();
  walkRows(elem, false);
  builder.closeTable({
    leadingLineBreaks: 2,
    trailingLineBreaks: 2,
    tableToString: (rows) => renderRows(rows.map((row) => row.map((cell) => squash(cell.text))), headerFlags),
  });
};

function renderRows(rows: string[][], headerFlags: boolean[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const layout = width < 2 || rows.some((r) => r.some((cell) => cell.length > LAYOUT_CELL_CHARS));
  if (layout) return rows.flat().filter(Boolean).map((cell) => ITEM_MARK + cell).join("\n");
  let header: string[] | null = null;
  const lines: string[] = [];
  rows.forEach((row, index) => {
    if (headerFlags[index] || (index === 0 && !headerFlags.includes(true) && rows.length > 1)) {
      header = row;
      return;
    }
    const pairs = row.map((value, i) => (value ? (header?.[i] ? `${header[i]}: ${value}` : value) : "")).filter(Boolean);
    if (pairs.length) lines.push(ITEM_MARK + pairs.join("; "));
  });
  return lines.join("\n");
}
