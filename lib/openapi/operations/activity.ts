// Calls, messages and knowledge.
import { z } from "zod";
import { callExportQuerySchema, callListQuerySchema } from "../../calls/list-query";
import { idParams } from "../../http/params";
import { documentListQuerySchema, documentReadQuerySchema, documentUpdateSchema, faqCreateSchema, faqListQuerySchema, faqUpdateSchema, importSchema, searchSchema } from "../../knowledge/schemas";
import { messageListQuerySchema, messageUpdateSchema } from "../../messages/schemas";
import { op } from "../registry";
import { dataOf, pageOf } from "../responses";
import { callDetailJsonSchema, callJsonSchema, messageJsonSchema } from "../responses-calls";
import { documentDetailJsonSchema, documentJsonSchema, faqJsonSchema, searchResultJsonSchema } from "../responses-knowledge";

const message = dataOf(messageJsonSchema);
const document = dataOf(documentJsonSchema);
const faq = dataOf(faqJsonSchema);

export const activityOperations = [
  op({ method: "GET", path: "/api/v1/calls", tag: "Calls", summary: "List calls", description: "Filters, sort and words-said search; a page at a time.", auth: "session+key", query: callListQuerySchema, response: { status: 200, description: "A page of calls", schema: pageOf(callJsonSchema) } }),
  op({ method: "GET", path: "/api/v1/calls/export", tag: "Calls", summary: "Export calls as CSV", auth: "session+key", query: callExportQuerySchema, response: { status: 200, description: "CSV, streamed", contentType: "text/csv" } }),
  op({ method: "GET", path: "/api/v1/calls/{id}", tag: "Calls", summary: "Get a call with its transcript, tools, messages and usage", auth: "session+key", params: idParams, response: { status: 200, description: "The call", schema: dataOf(callDetailJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/calls/{id}/end", tag: "Calls", summary: "End a live call", auth: "session+key", adminOnly: true, params: idParams, response: { status: 202, description: "Requested", schema: dataOf(z.object({ id: z.string(), endRequested: z.literal(true) })) }, errors: ["CALL_NOT_LIVE"] }),
  op({ method: "GET", path: "/api/v1/calls/{id}/recording", tag: "Calls", summary: "Download a call's recording", description: "Range requests are honoured (206).", auth: "session+key", params: idParams, response: { status: 200, description: "WAV audio", contentType: "audio/wav" }, errors: ["RECORDING_NOT_FOUND", "RANGE_NOT_SATISFIABLE"] }),

  op({ method: "GET", path: "/api/v1/messages", tag: "Messages", summary: "List messages callers left", auth: "session+key", query: messageListQuerySchema, response: { status: 200, description: "A page of messages", schema: pageOf(messageJsonSchema) } }),
  op({ method: "GET", path: "/api/v1/messages/summary", tag: "Messages", summary: "Count unhandled messages", auth: "session+key", response: { status: 200, description: "Counts", schema: dataOf(z.object({ unhandled: z.number().int() })) } }),
  op({ method: "GET", path: "/api/v1/messages/{id}", tag: "Messages", summary: "Get a message", auth: "session+key", params: idParams, response: { status: 200, description: "The message", schema: message } }),
  op({ method: "PATCH", path: "/api/v1/messages/{id}", tag: "Messages", summary: "Mark a message read, handled or archived", auth: "session+key", params: idParams, body: messageUpdateSchema, response: { status: 200, description: "The message", schema: message } }),

  op({ method: "GET", path: "/api/v1/knowledge/documents", tag: "Knowledge", summary: "List documents", auth: "session+key", query: documentListQuerySchema, response: { status: 200, description: "A page of documents", schema: pageOf(documentJsonSchema) } }),
  op({ method: "POST", path: "/api/v1/knowledge/documents", tag: "Knowledge", summary: "Upload documents", auth: "session+key", adminOnly: true, body: { multipart: "One or more `file` parts (PDF, DOCX, HTML, Markdown, TXT, CSV); optional `agentIds` (comma-separated) and `language`." }, response: { status: 201, description: "The queued documents", schema: dataOf(z.array(documentJsonSchema)) }, errors: ["BAD_MULTIPART", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "QUOTA_EXCEEDED", "DUPLICATE_DOCUMENT"] }),
  op({ method: "POST", path: "/api/v1/knowledge/documents/import", tag: "Knowledge", summary: "Import a web page", auth: "session+key", adminOnly: true, body: importSchema, response: { status: 201, description: "The queued document", schema: document }, errors: ["UNSAFE_URL", "QUOTA_EXCEEDED", "DUPLICATE_DOCUMENT"] }),
  op({ method: "GET", path: "/api/v1/knowledge/documents/{id}", tag: "Knowledge", summary: "Get a document (optionally its chunks)", auth: "session+key", params: idParams, query: documentReadQuerySchema, response: { status: 200, description: "The document", schema: dataOf(documentDetailJsonSchema) } }),
  op({ method: "PATCH", path: "/api/v1/knowledge/documents/{id}", tag: "Knowledge", summary: "Rename or reassign a document", auth: "session+key", adminOnly: true, params: idParams, body: documentUpdateSchema, response: { status: 200, description: "The document", schema: document } }),
  op({ method: "DELETE", path: "/api/v1/knowledge/documents/{id}", tag: "Knowledge", summary: "Delete a document", auth: "session+key", adminOnly: true, params: idParams, response: { status: 204, description: "Deleted" } }),
  op({ method: "POST", path: "/api/v1/knowledge/documents/{id}/retry", tag: "Knowledge", summary: "Retry a failed document", auth: "session+key", adminOnly: true, params: idParams, response: { status: 200, description: "The requeued document", schema: document }, errors: ["NOT_RETRYABLE"] }),
  op({ method: "POST", path: "/api/v1/knowledge/search", tag: "Knowledge", summary: "Search the knowledge base as an agent would", auth: "session+key", body: searchSchema, response: { status: 200, description: "Ranked passages", schema: searchResultJsonSchema } }),
  op({ method: "GET", path: "/api/v1/knowledge/faqs", tag: "Knowledge", summary: "List FAQ entries", auth: "session+key", query: faqListQuerySchema, response: { status: 200, description: "FAQ entries", schema: dataOf(z.array(faqJsonSchema)) } }),
  op({ method: "POST", path: "/api/v1/knowledge/faqs", tag: "Knowledge", summary: "Add an FAQ entry", auth: "session+key", adminOnly: true, body: faqCreateSchema, response: { status: 201, description: "The entry", schema: faq } }),
  op({ method: "GET", path: "/api/v1/knowledge/faqs/{id}", tag: "Knowledge", summary: "Get an FAQ entry", auth: "session+key", params: idParams, response: { status: 200, description: "The entry", schema: faq } }),
  op({ method: "PATCH", path: "/api/v1/knowledge/faqs/{id}", tag: "Knowledge", summary: "Update an FAQ entry", auth: "session+key", adminOnly: true, params: idParams, body: faqUpdateSchema, response: { status: 200, description: "The entry", schema: faq } }),
  op({ method: "DELETE", path: "/api/v1/knowledge/faqs/{id}", tag: "Knowledge", summary: "Delete an FAQ entry", auth: "session+key", adminOnly: true, params: idParams, response: { status: 204, description: "Deleted" } }),
];
