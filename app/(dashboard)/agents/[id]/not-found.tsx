import Link from "next/link";
import { buttonClasses } from "@/components/ui/button-classes";
import { EmptyState } from "@/components/ui/empty-state";
import { AgentIcon } from "@/components/ui/icons";

export default function AgentNotFound() {
  return (
    <EmptyState
      icon={<AgentIcon className="size-6" />}
      badge={<span className="text-sm font-semibold text-accent-600">404</span>}
      title="Agent not found"
      description="This agent does not exist in your workspace. It may have been deleted, or the link is wrong."
      action={
        <Link href="/agents" className={buttonClasses()}>
          Back to agents
        </Link>
      }
    />
  );
}
