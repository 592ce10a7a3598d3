"use client";
// Settings → API keys: the workspace's keys (prefix, who made it, when, last used) with revoke behind
// a confirmation. Revoked keys stay listed, marked, so the history reads true.
import { useState } from "react";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";
import { useApiKeys, useRevokeApiKey, type ApiKeyRow } from "./queries";

export function KeyList() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const toast = useToast();
  const [confirming, setConfirming] = useState<ApiKeyRow | null>(null);

  const onConfirm = () => {
    if (!confirming) return;
    revoke.mutate(confirming.id, {
      onSuccess: () => {
        toast({ title: "Key revoked", description: `Requests with “${confirming.name}” are refused from now on.` });
        setConfirming(null);
      },
    });
  };

  if (keys.isError) return <Alert>{errorMessage(keys.error)}</Alert>;
  if (keys.isPending) return <p className="text-sm text-zinc-500">Loading keys…</p>;
  if (keys.data.length === 0) return <p className="text-sm text-zinc-500">No API keys yet. Create one above to connect your own tools.</p>;
  return (
    <div aria-live="polite">
      <Table caption="API keys" head={<><Th edge>Name</Th><Th>Key</Th><Th hideBelow="md">Created</Th><Th hideBelow="sm">Last used</Th><Th edge align="right"><span className="sr-only">Actions</span></Th></>}>
        {keys.data.map((k) => (
          <tr key={k.id} className={k.revokedAt ? "text-zinc-400" : undefined}>
            <td className="px-3 py-3 font-medium sm:px-5">
              {k.name} {k.revokedAt && <Badge tone="neutral">Revoked</Badge>}
            </td>
            <td className="px-3 py-3 font-mono text-xs sm:px-4">{k.prefix}…</td>
            <td className="hidden px-4 py-3 md:table-cell">
              <TimeText iso={k.createdAt} format="date" />
              {k.createdBy && <span className="block text-xs text-zinc-500">by {k.createdBy.name}</span>}
            </td>
            <td className="hidden px-4 py-3 sm:table-cell">{k.lastUsedAt ? <TimeText iso={k.lastUsedAt} format="relative" /> : "Never"}</td>
            <td className="px-3 py-3 text-right sm:px-5">
              {!k.revokedAt && (
                <Button variant="danger-secondary" size="sm" onClick={() => { revoke.reset(); setConfirming(k); }} aria-label={`Revoke key ${k.name}`}>
                  Revoke
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={onConfirm}
        title={`Revoke “${confirming?.name ?? ""}”?`}
        description="Anything using this key stops working at once. This cannot be undone: make a new key to reconnect."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
      />
    </div>
  );
}
