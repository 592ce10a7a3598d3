// The Twilio REST client: the official SDK, with its requests sent to TWILIO_API_BASE_URL's origin
// when set (a regional edge, or the local protocol server in tests). The SDK builds every URL on
// https://api.twilio.com; a RequestClient subclass swaps the origin just before the request leaves,
// so path, form body and basic auth are exactly what Twilio would receive. Only this folder sees the SDK.
// No "server-only" marker: the voice server (plain Node) hangs up and transfers through it too.
import twilio from "twilio";
import type { Env } from "../../env";
import { getEnv } from "../../env";
import { selectProviders } from "../selection";

export type TwilioSdk = ReturnType<typeof twilio>;

export interface TwilioRestConfig {
  accountSid: string;
  authToken: string;
  /** Origin replacing https://api.twilio.com (path and query are kept). */
  baseUrl?: string;
  /** Per-request timeout; a hung Twilio must not hold a call's end or a dashboard request for 30 s. */
  timeoutMs?: number;
}

class OriginRewritingClient extends twilio.RequestClient {
  constructor(
    private readonly origin: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, keepAlive: true });
  }

  override request<T>(opts: Parameters<InstanceType<typeof twilio.RequestClient>["request"]>[0] & { data?: T }) {
    const target = new URL(opts.uri);
    const base = new URL(this.origin);
    target.protocol = base.protocol;
    target.host = base.host;
    return super.request<T>({ ...opts, uri: target.href });
  }
}

export function createTwilioSdk(config: TwilioRestConfig): TwilioSdk {
  const timeout = config.timeoutMs ?? 10_000;
  const httpClient = config.baseUrl ? new OriginRewritingClient(config.baseUrl, timeout) : undefined;
  return twilio(config.accountSid, config.authToken, { httpClient, timeout, autoRetry: false });
}

/** The configured account, or null when Twilio keys are not set (simulated numbers, local hang-up). */
export function twilioRestConfig(env: Env = getEnv()): TwilioRestConfig | null {
  if (selectProviders(env).telephony !== "twilio") return null;
  return { accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, baseUrl: env.TWILIO_API_BASE_URL };
}

/** What our code sees of a failed request: Twilio's status and error code, never an SDK type. */
export class TwilioRestError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly twilioCode: number | null,
  ) {
    super(message);
    this.name = "TwilioRestError";
  }
}

/** Runs one SDK call, turning its RestException (or a network error) into a TwilioRestError. */
export async function twilioCall<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof twilio.RestException) {
      throw new TwilioRestError(`${what}: Twilio answered ${err.status}${err.code ? ` (${err.code})` : ""}: ${err.message}`, err.status, err.code ?? null);
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new TwilioRestError(`${what}: ${message}`, null, null);
  }
}
