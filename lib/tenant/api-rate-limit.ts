// Rate limits of /api/v1: requests per minute per API key and per signed-in session, counted in the
// database (RateLimitBucket, lib/auth/rate-limit.ts) so every app instance shares one window.
import { hitRateLimit, throttled, type RateLimit } from "../auth/rate-limit";
import { getEnv } from "../env";
import { platformDb } from "./platform-db";

export const API_LIMIT_WINDOW_MS = 60_000;

export function apiKeyLimit(): RateLimit {
  return { name: "api:key", limit: getEnv().API_RATE_LIMIT_PER_KEY, windowMs: API_LIMIT_WINDOW_MS };
}

export function sessionLimit(): RateLimit {
  return { name: "api:session", limit: getEnv().API_RATE_LIMIT_PER_SESSION, windowMs: API_LIMIT_WINDOW_MS };
}

/** Counts one request of this key or session; THROTTLED (429 + Retry-After) once the minute's budget is spent. */
export async function enforceApiLimit(limit: RateLimit, subject: string): Promise<void> {
  const result = await hitRateLimit(platformDb("session"), limit, subject);
  if (!result.allowed) {
    throw throttled(`Too many requests: ${limit.limit} a minute are allowed; retry in ${result.retryAfterSec} s`, result.retryAfterSec);
  }
}
