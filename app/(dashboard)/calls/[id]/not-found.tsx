import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { CallLogIcon } from "@/components/ui/icons";

export default function CallNotFound() {
  return (
    <EmptyState
      icon={<CallLogIcon className="size-6" />}
      badge={<span className="text-sm font-semibold text-accent-600">404</span>}
      title="Call not found"
      description="This call does not exist in your workspace, or the link is wrong."
      action={
        <Link href="/calls" className={buttonClasses()}>
          Back to calls
        </Link>
      }
    />
  );
}
