// Audit entries as a table: when, who (a person, an API key or the system), what, on what, from where.
import type { ReactNode } from "react";
import { Table, Th } from "@/components/ui/table";
import { TimeText } from "@/components/ui/time-text";
import type { AuditEntryJson } from "@/lib/audit/serialize";

function actorLabel(a: AuditEntryJson["actor"]): ReactNode {
  if (a.type === "user")
    return (
      <>
        {a.name}
        <span className="block text-xs text-zinc-500">{a.email}</span>
      </>
    );
  if (a.type === "api_key") return <>API key</>;
  return <>System{a.name ? ` (${a.name})` : ""}</>;
}

function details(e: AuditEntryJson): string {
  if (!e.metadata || typeof e.metadata !== "object") return "";
  const text = JSON.stringify(e.metadata);
  return text === "{}" ? "" : text;
}

const Cell = ({ children, className = "" }: { children: ReactNode; className?: string }) => <td className={`px-4 py-3 align-top ${className}`}>{children}</td>;

export function AuditTable({ entries, showTenant = false, caption = "Audit log" }: { entries: AuditEntryJson[]; showTenant?: boolean; caption?: string }) {
  return (
    <Table
      caption={caption}
      head={
        <>
          <Th edge>When</Th>
          {showTenant && <Th>Workspace</Th>}
          <Th>Who</Th>
          <Th>Action</Th>
          <Th hideBelow="md">Details</Th>
          <Th hideBelow="lg">From</Th>
        </>
      }
    >
      {entries.map((e) => (
        <tr key={e.id}>
          <td className="px-3 py-3 align-top whitespace-nowrap text-zinc-600 sm:px-5">
            <TimeText iso={e.createdAt} format="datetime" />
          </td>
          {showTenant && <Cell>{e.tenant?.name ?? <span className="text-zinc-500">Platform</span>}</Cell>}
          <Cell>{actorLabel(e.actor)}</Cell>
          <Cell>
            <code className="text-xs font-medium text-zinc-900">{e.action}</code>
            {e.target && <span className="block text-xs text-zinc-500">{e.target.type}</span>}
          </Cell>
          <Cell className="hidden max-w-xs text-xs break-words text-zinc-600 md:table-cell">{details(e)}</Cell>
          <Cell className="hidden max-w-48 text-xs text-zinc-600 lg:table-cell">
            {e.ip ?? "—"}
            {e.userAgent && <span className="block truncate" title={e.userAgent}>{e.userAgent}</span>}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
