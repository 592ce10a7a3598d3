"use client";
// Duplicate and Delete for one agent (admins only), with the delete confirmation.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/api-client";
import { Button, type ButtonSize } from "@/components/ui/button";
import { CopyIcon, TrashIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { DeleteAgentDialog } from "./delete-agent-dialog";
import { useDuplicateAgent } from "./queries";
import type { Agent } from "./types";

export function AgentActions({
  agent,
  size = "sm",
  compact = false,
  openCopy = false,
  afterDelete,
}: {
  agent: Pick<Agent, "id" | "name" | "phoneNumbers">;
  size?: ButtonSize;
  /** For table rows: icon-only below xl (labels stay for assistive technology and as tooltips), stacked below sm. */
  compact?: boolean;
  /** Go to the copy once it exists. */
  openCopy?: boolean;
  afterDelete?: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const duplicate = useDuplicateAgent();
  const [confirming, setConfirming] = useState(false);
  const label = (text: string) => (compact ? <span className="sr-only xl:not-sr-only">{text}</span> : text);

  return (
    <>
      <div className={compact ? "flex flex-col items-end gap-1.5 sm:flex-row sm:items-center sm:justify-end sm:gap-2" : "flex items-center justify-end gap-2"}>
        <Button
          variant="secondary"
          size={size}
          icon={<CopyIcon className="size-4" />}
          title={compact ? `Duplicate “${agent.name}”` : undefined}
          loading={duplicate.isPending}
          onClick={() =>
            duplicate.mutate(agent.id, {
              onSuccess: (copy) => {
                toast({ title: "Agent duplicated", description: `“${copy.name}” was created, disabled.` });
                if (openCopy) router.push(`/agents/${copy.id}`);
              },
              onError: (error) => toast({ tone: "error", title: "Could not duplicate the agent", description: errorMessage(error) }),
            })
          }
        >
          {label("Duplicate")}
        </Button>
        <Button
          variant="danger-secondary"
          size={size}
          icon={<TrashIcon className="size-4" />}
          title={compact ? `Delete “${agent.name}”` : undefined}
          onClick={() => setConfirming(true)}
        >
          {label("Delete")}
        </Button>
      </div>
      <DeleteAgentDialog agent={confirming ? agent : null} onClose={() => setConfirming(false)} onDeleted={afterDelete} />
    </>
  );
}
