// One file, one request: POST /api/v1/knowledge/documents as multipart through XMLHttpRequest, whose
// upload.onprogress is the only real per-file progress a browser reports (fetch has none for request
// bodies). Resolves with the documents the server created; rejects with the server's ApiError (415,
// 413, 409 duplicate, quota) or an AbortError when cancelled.
import { ApiError } from "@/components/api-client";
import { apiErrorFrom } from "./api-response";
import type { AgentAssignment, KnowledgeDocument } from "./types";

export const UPLOAD_PATH = "/api/v1/knowledge/documents";

export type UploadOptions = {
  assignment: AgentAssignment;
  /** "" or absent: the agents' language. */
  language?: string;
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
};

/** The multipart body: the file, the agents only when not all of them (absent = all agents), the language when chosen. */
export function uploadForm(file: File, assignment: AgentAssignment, language = ""): FormData {
  const form = new FormData();
  if (!assignment.allAgents) form.append("agentIds", assignment.agentIds.join(","));
  if (language) form.append("language", language);
  form.append("file", file, file.name);
  return form;
}

export function uploadDocument(file: File, { assignment, language, onProgress, signal }: UploadOptions): Promise<KnowledgeDocument[]> {
  return new Promise((resolve, reject) => {
    const abortError = () => new DOMException("The upload was cancelled", "AbortError");
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", UPLOAD_PATH);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) {
        const data = typeof body === "object" && body !== null && "data" in body ? (body as { data: unknown }).data : null;
        resolve(Array.isArray(data) ? (data as KnowledgeDocument[]) : []);
      } else {
        reject(apiErrorFrom(xhr.status, body));
      }
    };
    // A server that refuses early (413 from Content-Length) may close the connection mid-body; the
    // browser then reports a network error without the response.
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", "The upload was interrupted. Check your connection and try again."));
    xhr.onabort = () => reject(abortError());
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(uploadForm(file, assignment, language));
  });
}
