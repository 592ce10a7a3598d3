"use client";
// The unhandled-messages count beside "Messages" in the navigation; polled, and updated at once by
// the inbox's mutations (they share the query). Nothing is shown at zero or before the first answer.
import { Badge } from "@/components/ui/badge";
import { useMessageSummary } from "./queries";

export function MessagesNavBadge() {
  const summary = useMessageSummary();
  const n = summary.data?.unhandled ?? 0;
  if (n === 0) return null;
  return (
    <span className="-ml-1.5">
      <span aria-hidden="true">
        <Badge tone="accent">{n > 99 ? "99+" : n}</Badge>
      </span>
      {/* Part of the link's name: "Messages, 3 unhandled messages". */}
      <span className="sr-only">, {n} unhandled {n === 1 ? "message" : "messages"}</span>
    </span>
  );
}
