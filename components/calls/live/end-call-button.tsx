"use client";
// "End call" for workspace admins: confirm, then ask the voice server (through the API) to say
// goodbye and hang up. The row leaves the list when the call.ended event arrives.
import { useState } from "react";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function EndCallButton({ callId, caller, ending, onRequested }: { callId: string; caller: string; ending: boolean; onRequested: () => void }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await api.post(`/api/v1/calls/${encodeURIComponent(callId)}/end`);
      onRequested();
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not end the call. Try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button variant="danger" size="sm" disabled={ending} onClick={() => setOpen(true)}>
        {ending ? "Ending…" : "End call"}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => void confirm()}
        title="End this call?"
        description={`The agent tells ${caller} it has to end the call, says goodbye and hangs up.`}
        confirmLabel="End call"
        pending={pending}
        error={error}
      />
    </>
  );
}
