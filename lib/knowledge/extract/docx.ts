// DOCX → blocks through mammoth's HTML (it maps Word's heading styles to h1..h6 and keeps lists
// and tables), then the HTML path. Images are replaced by nothing: inlining them as base64 would
// only cost memory, since the index holds text.
import mammoth from "mammoth";
import { DocumentFailure, type ExtractedDocument } from "../types";
import { extractHtml } from "./html";

const noImages = mammoth.images.imgElement(async () => ({ src: "" }));

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { convertImage: noImages });
    html = result.value;
  } catch {
    throw new DocumentFailure("CORRUPT_FILE", "This Word document could not be read: the file is damaged or is not a .docx. Open it in Word, save it again as .docx and upload the new file.");
  }
  return extractHtml(html);
}
