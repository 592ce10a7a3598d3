// What a caller hears when the platform will not put the call through, per reason. Kept apart from the
// decision logic so the wording can change (and be translated) without touching it.
export const REFUSAL_REASONS = ["UNKNOWN_NUMBER", "TENANT_SUSPENDED", "AGENT_DISABLED", "QUOTA_EXCEEDED", "LINES_BUSY", "AFTER_HOURS"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A refusal of a call to a known number: the ones stored as a Call's endedReason (an unknown number has no row). */
export type CallRefusal = Exclude<RefusalReason, "UNKNOWN_NUMBER">;

export function isCallRefusal(reason: string | null): reason is CallRefusal {
  return reason !== "UNKNOWN_NUMBER" && (REFUSAL_REASONS as readonly (string | null)[]).includes(reason);
}

const DEFAULT_MESSAGES: Record<RefusalReason, string> = {
  UNKNOWN_NUMBER: "Sorry, the number you have called is not in service. Goodbye.",
  TENANT_SUSPENDED: "Sorry, this line is not available at the moment. Please try again later. Goodbye.",
  AGENT_DISABLED: "Sorry, no one can take your call right now. Please try again later. Goodbye.",
  QUOTA_EXCEEDED: "Sorry, we cannot take your call right now. Please try again later. Goodbye.",
  LINES_BUSY: "Sorry, all our lines are busy right now. Please call again in a few minutes. Goodbye.",
  AFTER_HOURS: "Thank you for calling. We are closed right now. Please call again during our opening hours. Goodbye.",
};

/** The sentence to say; after hours, the agent's own message when it has one. */
export function refusalMessage(reason: RefusalReason, agent?: { afterHoursMessage: string | null } | null): string {
  if (reason === "AFTER_HOURS" && agent?.afterHoursMessage?.trim()) return agent.afterHoursMessage.trim();
  return DEFAULT_MESSAGES[reason];
}

export const TRANSFER_ANNOUNCEMENT = "We are closed right now. Please hold while I transfer your call.";
