import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { ChartIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <>
      <PageHeader title="Analytics" description="How your receptionist is doing, over time." />
      <ComingNext
        icon={<ChartIcon className="size-6" />}
        title="Analytics — coming next"
        description="Charts of your call volume, outcomes and minutes used will appear here once calls are recorded — coming next."
        points={[
          "Calls per day and busiest hours",
          "Outcomes: resolved, message taken, transferred, abandoned",
          "Average call length and agent response latency",
          "Minutes used against your plan's quota",
        ]}
      />
    </>
  );
}
