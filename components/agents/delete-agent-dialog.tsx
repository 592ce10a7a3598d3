"use client";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
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
  const toast = useToast();
  const remove = useDeleteAgent();
  const numbers = agent?.phoneNumbers.length ?? 0;

  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <Dialog
      open={agent !== null}
      onClose={close}
      role="alertdialog"
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
      footer={
        <>
          <Button variant="secondary" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => {
              if (!agent) return;
              remove.mutate(agent.id, {
                onSuccess: () => {
                  toast({ title: "Agent deleted", description: `“${agent.name}” was deleted.` });
                  onClose();
                  onDeleted?.();
                },
              });
            }}
          >
            Delete
          </Button>
        </>
      }
    >
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
    </Dialog>
  );
}
