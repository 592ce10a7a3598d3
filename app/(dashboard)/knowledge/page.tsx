import type { Metadata } from "next";
import { ComingNext } from "@/components/shell/coming-next";
import { PageHeader } from "@/components/shell/page-header";
import { BookIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Knowledge" };

export default function KnowledgePage() {
  return (
    <>
      <PageHeader title="Knowledge" description="What your agents know about your business, and answer callers from." />
      <ComingNext
        icon={<BookIcon className="size-6" />}
        title="Knowledge base — coming next"
        description="Upload PDFs, docs and web pages your agent answers from — coming next. Until then, put the essentials in each agent's system prompt."
        points={[
          "Upload PDFs and documents, or add a web page by its address",
          "Write FAQ entries with the exact answer you want callers to hear",
          "Share knowledge with every agent, or keep it to one",
          "See each document's processing status",
        ]}
      />
    </>
  );
}
