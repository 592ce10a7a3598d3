// Labels and badge tones of a message's urgency and status, shared by the inbox and the call page.
import type { BadgeTone } from "@/components/ui/badge";
import type { Message } from "./types";

export const URGENCY: Record<Message["urgency"], { label: string; tone: BadgeTone }> = {
  HIGH: { label: "Urgent", tone: "danger" },
  NORMAL: { label: "Normal", tone: "neutral" },
  LOW: { label: "Low", tone: "neutral" },
};

export const STATUS_LABEL: Record<Message["status"], string> = { NEW: "New", READ: "Read", HANDLED: "Handled", ARCHIVED: "Archived" };

/** A tel: link target from whatever the caller gave ("+1 555 0104", "555-0104"): digits and a leading +. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/[^\d]/g, "")}`;
}
