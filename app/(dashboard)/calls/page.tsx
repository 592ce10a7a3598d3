import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { CallLogIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Calls" };

export default function CallsPage() {
  return (
    <>
      <PageHeader title="Calls" description="Every call your agents answer." />
      <ComingNext
        icon={<CallLogIcon className="size-6" />}
        title="Call history — coming next"
        description="Every call to your numbers will be listed here with its recording, transcript and summary — coming next."
        points={[
          "Live calls as they happen, with the transcript updating in real time",
          "Recordings, full transcripts and an AI summary of each call",
          "Messages taken and calls transferred, with the caller's details",
          "Filter by agent, number, outcome and date",
        ]}
      />
    </>
  );
}
