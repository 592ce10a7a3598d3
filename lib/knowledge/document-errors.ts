// Errors of document creation that carry more than a code and a sentence.
import { AppError } from "../errors";

/** The content (or the URL) is already in the knowledge base as `existing`. */
export class DuplicateDocumentError extends AppError {
  constructor(
    readonly existing: { id: string; title: string },
    what: string,
  ) {
    super("DUPLICATE_DOCUMENT", `${what} is already in the knowledge base as "${existing.title}"`);
    this.name = "DuplicateDocumentError";
  }
}
