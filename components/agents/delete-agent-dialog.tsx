"use client";
import { DeleteDialog } from "@/components/delete-dialog";
import { useDeleteAgent } from "./queries";

type Target = { id: string; name: string; phoneNumbers: { id: string }[] };

/** Confirms and deletes an agent. `agent` null = closed. */
export function DeleteAgentDialog({
  agent,
  onClose,
  onDeleted,
}: {
  agent: Target | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const numbers = agent?.phoneNumbers.length ?? 0;
  return (
    <DeleteDialog
      target={agent}
      mutation={useDeleteAgent()}
      onClose={onClose}
      onDeleted={onDeleted}
      title={agent ? `Delete “${agent.name}”?` : "Delete agent?"}
      description={
        <>
          This permanently deletes the agent and its settings.{" "}
          {numbers > 0
            ? `${numbers === 1 ? "Its phone number stops" : `Its ${numbers} phone numbers stop`} answering until you route ${numbers === 1 ? "it" : "them"} to another agent.`
            : "No phone numbers are routed to it."}{" "}
          Past calls are kept.
        </>
      }
      deletedToast={(deleted) => ({ title: "Agent deleted", description: `“${deleted.name}” was deleted.` })}
    />
  );
}
