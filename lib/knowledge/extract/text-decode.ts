// Turns uploaded bytes of a text format into a string. Files from Windows editors are often
// Windows-1252 rather than UTF-8, so invalid UTF-8 falls back to it. Binary data claiming to be
// text is refused here rather than indexed as mojibake.
import { DocumentFailure } from "../types";

const utf8 = new TextDecoder("utf-8", { fatal: true });

// Windows-1252 is ISO-8859-1 except for 0x80–0x9F, which hold typographic characters instead of
// C1 controls. Node 20's TextDecoder("windows-1252") decodes those bytes as ISO-8859-1 (C1
// controls), so the difference is applied here. Unassigned positions (0x81, 0x8D, …) stay as is.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Share of control characters (other than tab, newlines, form feed) that marks a file as binary. */
const MAX_CONTROL_SHARE = 0.02;

/** Decodes UTF-8 (BOM stripped) or Windows-1252, with line endings normalised to "\n". */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  if (looksBinary(text)) {
    throw new DocumentFailure("CORRUPT_FILE", "This file does not contain readable text: it looks like a binary file saved with a text extension.");
  }
  return text.replace(/\r\n?/g, "\n");
}

function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) control++;
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_SHARE;
}
