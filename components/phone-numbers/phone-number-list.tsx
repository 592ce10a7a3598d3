"use client";
import Link from "next/link";
import { useState } from "react";
import { useAgents } from "@/components/agents/queries";
import { errorMessage } from "@/components/api-client";
import { PlanUsage } from "@/components/shell/plan-usage";
import { useCanEdit, type Plan } from "@/components/shell/viewer";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PhoneIcon, TrashIcon } from "@/components/ui/icons";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import type { Agent } from "@/components/agents/types";
import { AddPhoneNumberForm } from "./add-phone-number-form";
import { AssignAgentSelect } from "./assign-agent-select";
import { BuyNumberPanel } from "./buy-number-panel";
import { ImportNumberForm } from "./import-number-form";
import { DeletePhoneNumberDialog } from "./delete-phone-number-dialog";
import { usePhoneNumbers } from "./queries";
import type { PhoneNumber, Telephony } from "./types";
import { PlanLimitNote } from "@/components/shell/plan-usage";

const PROVIDER_LABEL: Record<PhoneNumber["provider"], string> = { LOCAL: "Local", TWILIO: "Twilio" };

/** What the page's server component read: the lists (so the first paint has them) and the workspace's country and limit. */
type PhoneNumberListProps = {
  initialNumbers: PhoneNumber[];
  initialAgents: Agent[];
  workspace: { country: string; plan: Plan; maxPhoneNumbers: number };
  /** "twilio": numbers are bought or imported through the account; "local": typed (simulated). */
  telephony: Telephony;
};

export function PhoneNumberList({ initialNumbers, initialAgents, workspace, telephony }: PhoneNumberListProps) {
  const canEdit = useCanEdit();
  const numbers = usePhoneNumbers(initialNumbers);
  const agents = useAgents(initialAgents);
  const [deleting, setDeleting] = useState<PhoneNumber | null>(null);
  const used = numbers.data.length;
  const max = workspace.maxPhoneNumbers;

  return (
    <div className="space-y-6">
      {canEdit && telephony === "twilio" && (
        <Card
          id="add-number"
          title="Buy a number"
          description="Search the numbers Twilio offers and buy one; its calls come straight to this workspace."
          actions={<PlanUsage used={used} max={max} noun={{ singular: "number" }} plan={workspace.plan} />}
        >
          <div className="space-y-6">
            {used >= max && <PlanLimitNote max={max} plan={workspace.plan} noun={{ singular: "phone number" }} remove="Release a number below to add another." />}
            <BuyNumberPanel agents={agents.data} country={workspace.country} disabled={used >= max} />
            <div className="border-t border-zinc-100 pt-5">
              <h3 className="mb-3 text-sm font-medium text-zinc-900">Import from Twilio</h3>
              <ImportNumberForm agents={agents.data} country={workspace.country} disabled={used >= max} />
            </div>
          </div>
        </Card>
      )}
      {canEdit && telephony === "local" && (
        <Card
          id="add-number"
          title="Add a number"
          description="Register a number you own, and choose which agent answers it."
          actions={<PlanUsage used={used} max={max} noun={{ singular: "number" }} plan={workspace.plan} />}
        >
          <AddPhoneNumberForm
            agents={agents.data}
            country={workspace.country}
            limit={{ max, plan: workspace.plan, reached: used >= max }}
          />
        </Card>
      )}

      {numbers.isError ? (
        <Alert
          title="Could not load phone numbers"
          action={
            <Button size="sm" variant="secondary" onClick={() => void numbers.refetch()}>
              Retry
            </Button>
          }
        >
          {errorMessage(numbers.error)}
        </Alert>
      ) : numbers.data.length === 0 ? (
        <EmptyState
          icon={<PhoneIcon className="size-6" />}
          title="No phone numbers yet"
          description={
            canEdit
              ? `${telephony === "twilio" ? "Buy or import" : "Add"} a number above and route it to an agent; calls to it are then answered by that agent.`
              : "An admin of this workspace can add numbers and route them to agents."
          }
        />
      ) : (
        <Table
          caption="Phone numbers in this workspace"
          head={
            <>
              <Th edge>Number</Th>
              <Th>Answered by</Th>
              <Th hideBelow="md">Provider</Th>
              <Th hideBelow="lg">Added</Th>
              {canEdit && (
                <Th edge align="right">
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </>
          }
        >
          {numbers.data.map((n) => (
            <tr key={n.id}>
              <td className="px-3 py-3.5 sm:px-5">
                <span className="font-mono text-sm font-medium whitespace-nowrap text-zinc-900">{n.e164}</span>
                {n.label && <p className="mt-0.5 max-w-56 truncate text-xs text-zinc-500">{n.label}</p>}
              </td>
              <td className="px-3 py-3 sm:px-4">
                {canEdit ? (
                  <AssignAgentSelect number={n} agents={agents.data} />
                ) : n.agent ? (
                  <Link href={`/agents/${n.agent.id}`} className="focus-ring rounded font-medium text-zinc-800 hover:text-accent-700">
                    {n.agent.name}
                  </Link>
                ) : (
                  <span className="text-zinc-400">Not routed</span>
                )}
              </td>
              <td className="hidden px-4 py-3.5 md:table-cell">
                <Badge tone={n.provider === "TWILIO" ? "accent" : "neutral"}>{PROVIDER_LABEL[n.provider]}</Badge>
              </td>
              <td className="hidden px-4 py-3.5 whitespace-nowrap text-zinc-500 lg:table-cell">
                <TimeText iso={n.createdAt} format="date" />
              </td>
              {canEdit && (
                <td className="px-3 py-3 text-right sm:px-5">
                  <Button variant="danger-secondary" size="sm" icon={<TrashIcon className="size-4" />} onClick={() => setDeleting(n)}>
                    <span className="sr-only sm:not-sr-only">{n.provisioned ? "Release" : "Delete"}</span>
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <DeletePhoneNumberDialog number={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
