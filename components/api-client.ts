// Same-origin JSON client for /api routes. Success bodies are `{ data }`; failures are
// `{ error: { code, message, field? } }` and are thrown as ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Messages for failures whose body carries none (a proxy's error page, an empty body). */
export const COMMON_FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  401: "Your session has ended. Sign in again.",
  403: "You don't have permission to do that.",
  404: "It no longer exists.",
  429: "Too many requests. Wait a moment and try again.",
};

const FALLBACK_MESSAGES: Readonly<Record<number, string>> = {
  ...COMMON_FALLBACK_MESSAGES,
  409: "That conflicts with something that already exists.",
  422: "Some fields need attention.",
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** `{ error: { code, message, field? } }` (or anything else a proxy sent) → ApiError. */
export function apiErrorFrom(status: number, body: unknown, fallbacks: Readonly<Record<number, string>> = FALLBACK_MESSAGES): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const message = typeof error.message === "string" && error.message ? error.message : (fallbacks[status] ?? "Something went wrong. Try again.");
  return new ApiError(
    status,
    typeof error.code === "string" ? error.code : `HTTP_${status}`,
    message,
    typeof error.field === "string" ? error.field : undefined,
  );
}

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach Frontdesk. Check your connection and try again.");
  }

  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);

  if (!response.ok) throw apiErrorFrom(response.status, json);
  return (isRecord(json) && "data" in json ? json.data : json) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: (path: string) => request<void>("DELETE", path),
};

/** A message for any thrown value, for toasts and alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Try again.";
}
