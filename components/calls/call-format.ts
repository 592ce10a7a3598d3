// Display text for calls: labels of the API's enums, durations, money, transcript clock.
import type { BadgeTone } from "@/components/ui/badge";
import type { Call } from "./types";

export const STATUS: Record<Call["status"], { label: string; tone: BadgeTone }> = {
  QUEUED: { label: "Queued", tone: "neutral" },
  RINGING: { label: "Ringing", tone: "accent" },
  IN_PROGRESS: { label: "In progress", tone: "accent" },
  COMPLETED: { label: "Completed", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
  BUSY: { label: "Busy", tone: "warning" },
  NO_ANSWER: { label: "No answer", tone: "warning" },
  CANCELED: { label: "Canceled", tone: "neutral" },
};

export const DIRECTION: Record<Call["direction"], string> = { INBOUND: "Inbound", OUTBOUND: "Outbound", WEB: "Browser test" };

export const OUTCOME: Record<NonNullable<Call["outcome"]>, string> = {
  RESOLVED: "Resolved",
  MESSAGE_TAKEN: "Message taken",
  TRANSFERRED: "Transferred",
  BOOKED: "Booked",
  ABANDONED: "Abandoned",
  UNRESOLVED: "Unresolved",
};

export const ENDED_REASON: Record<NonNullable<Call["endedReason"]>, string> = {
  CALLER_HANGUP: "Caller hung up",
  AGENT_HANGUP: "Agent hung up",
  TRANSFERRED: "Transferred",
  MAX_DURATION: "Reached the maximum duration",
  SILENCE_TIMEOUT: "Silence",
  AFTER_HOURS: "After hours",
  QUOTA_EXCEEDED: "Plan quota used up",
  TENANT_SUSPENDED: "Workspace suspended",
  UNKNOWN_NUMBER: "Unknown number",
  AGENT_DISABLED: "Agent disabled",
  LINES_BUSY: "All lines busy",
  SERVER_LOST: "Voice server lost",
  PROVIDER_ERROR: "Provider error",
  ERROR: "Error",
};

/** 75 → "1:15", 3725 → "1:02:05"; null (still live) → "—". */
export function formatDuration(sec: number | null): string {
  if (sec === null) return "—";
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** Transcript clock from ms since the call started: 65_400 → "01:05". */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const usdFine = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

/** Usage costs are in micro-dollars: a fraction of a cent still shows. */
export function formatMicros(micros: number): string {
  return usdFine.format(micros / 1_000_000);
}
