"use client";
// Suspend (with a reason, which the workspace's people are not shown but the audit log keeps) or
// resume a workspace from its admin page; the page re-reads itself after either.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import type { TenantStatus } from "./types";

export function SuspendControls({ tenantId, tenantName, status }: { tenantId: string; tenantName: string; status: TenantStatus }) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/admin/tenants/${encodeURIComponent(tenantId)}`;

  const run = async (action: "suspend" | "resume") => {
    if (action === "suspend" && !reason.trim()) {
      setError("Say why the workspace is suspended.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await api.post(`${base}/${action}`, action === "suspend" ? { reason: reason.trim() } : {});
      setOpen(false);
      setReason("");
      toast({ title: action === "suspend" ? "Workspace suspended" : "Workspace resumed", description: tenantName });
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  if (status === "CANCELLED") return null;
  if (status === "SUSPENDED") {
    return (
      <div className="flex flex-col items-end gap-2">
        <Button variant="secondary" loading={pending} onClick={() => void run("resume")}>
          Resume workspace
        </Button>
        {error && <Alert>{error}</Alert>}
      </div>
    );
  }
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Suspend workspace
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        role="alertdialog"
        title={`Suspend ${tenantName}?`}
        description="Its people are signed out at once and cannot sign in, its API keys stop working, and its numbers refuse calls until you resume it."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={() => void run("suspend")}>
              Suspend
            </Button>
          </>
        }
      >
        <Field id="suspend-reason" label="Reason" error={error ?? undefined} hint="Kept in the audit log.">
          <Textarea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </Dialog>
    </>
  );
}
