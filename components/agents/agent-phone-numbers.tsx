import Link from "next/link";
import { PhoneIcon } from "@/components/ui/icons";
import type { Agent } from "./types";

/** Which numbers this agent answers, with a way to change that. */
export function AgentPhoneNumbers({ numbers, canEdit }: { numbers: Agent["phoneNumbers"]; canEdit: boolean }) {
  return (
    <section
      aria-labelledby="agent-numbers-title"
      className="mb-6 flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-xs sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="flex min-w-0 items-start gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-600">
          <PhoneIcon className="size-5" />
        </span>
        <div className="min-w-0">
          <h2 id="agent-numbers-title" className="text-sm font-semibold text-zinc-900">
            Phone numbers
          </h2>
          {numbers.length === 0 ? (
            <p className="mt-0.5 text-sm text-zinc-500">No number is routed to this agent yet, so it does not receive calls.</p>
          ) : (
            <ul className="mt-1 flex flex-wrap gap-2" aria-label="Numbers this agent answers">
              {numbers.map((n) => (
                <li key={n.id} className="rounded-md bg-zinc-100 px-2 py-0.5 font-mono text-sm text-zinc-800">
                  {n.e164}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <Link href="/phone-numbers" className="focus-ring shrink-0 rounded-md text-sm font-medium text-accent-700 hover:text-accent-800">
        {canEdit ? (numbers.length ? "Manage numbers" : "Attach a number") : "View numbers"}
      </Link>
    </section>
  );
}
