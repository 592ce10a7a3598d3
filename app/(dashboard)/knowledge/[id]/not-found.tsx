import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { BookIcon } from "@/components/ui/icons";

export default function DocumentNotFound() {
  return (
    <EmptyState
      icon={<BookIcon className="size-6" />}
      badge={<span className="text-sm font-semibold text-accent-600">404</span>}
      title="Document not found"
      description="This document does not exist in your workspace. It may have been deleted, or the link is wrong."
      action={
        <Link href="/knowledge" className={buttonClasses()}>
          Back to knowledge
        </Link>
      }
    />
  );
}
