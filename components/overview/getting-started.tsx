import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CheckCircleIcon, CircleIcon, ClockIcon } from "@/components/ui/icons";

type StepState = "done" | "todo" | "soon";

export type Step = { title: string; description: ReactNode; state: StepState; href?: string; cta?: string };

function StepMark({ state }: { state: StepState }) {
  if (state === "done") return <CheckCircleIcon className="size-6 text-emerald-600" />;
  if (state === "soon") return <ClockIcon className="size-6 text-zinc-300" />;
  return <CircleIcon className="size-6 text-zinc-300" />;
}

const STATE_TEXT: Record<StepState, string> = { done: "Done", todo: "Not done yet", soon: "Coming soon" };

export function GettingStarted({ steps }: { steps: Step[] }) {
  const done = steps.filter((s) => s.state === "done").length;
  const available = steps.filter((s) => s.state !== "soon").length;
  return (
    <Card
      title="Getting started"
      description={`${done} of ${available} steps done`}
      bodyClassName="p-0 sm:p-0"
      actions={
        <div
          role="progressbar"
          aria-label="Setup progress"
          aria-valuemin={0}
          aria-valuemax={available}
          aria-valuenow={done}
          className="h-2 w-28 overflow-hidden rounded-full bg-zinc-100"
        >
          <div className="h-full rounded-full bg-accent-600 transition-all" style={{ width: `${available ? (done / available) * 100 : 0}%` }} />
        </div>
      }
    >
      <ol className="divide-y divide-zinc-100">
        {steps.map((step) => (
          <li key={step.title} className="flex items-start gap-4 px-5 py-4 sm:px-6">
            <span className="mt-0.5 shrink-0">
              <StepMark state={step.state} />
              <span className="sr-only">{STATE_TEXT[step.state]}:</span>
            </span>
            <div className="min-w-0 flex-1">
              <p className={cn("text-sm font-medium", step.state === "done" ? "text-zinc-500 line-through decoration-zinc-300" : "text-zinc-900")}>
                {step.title}
              </p>
              <p className="mt-0.5 text-sm text-zinc-500">{step.description}</p>
            </div>
            <div className="shrink-0 self-center">
              {step.state === "soon" ? (
                <Badge>Coming soon</Badge>
              ) : step.state === "todo" && step.href && step.cta ? (
                <Link href={step.href} className="focus-ring rounded-md text-sm font-medium text-accent-700 hover:text-accent-800">
                  {step.cta}
                </Link>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
