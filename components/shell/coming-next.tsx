import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckIcon } from "@/components/ui/icons";

/** An honest placeholder for a section that is not built yet: what it will do, no sample data. */
export function ComingNext({
  icon,
  title,
  description,
  points,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  points: string[];
}) {
  return (
    <EmptyState icon={icon} badge={<Badge tone="accent">Coming next</Badge>} title={title} description={description}>
      <ul className="space-y-2 rounded-lg bg-zinc-50 p-4 text-sm text-zinc-700">
        {points.map((point) => (
          <li key={point} className="flex gap-2.5">
            <CheckIcon className="mt-0.5 size-4 shrink-0 text-accent-600" />
            <span>{point}</span>
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
