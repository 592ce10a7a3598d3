// The calls CSV export: the filtered, sorted list written a keyset page at a time into a stream, so an
// export of 100k calls holds one page in memory, and a client that goes away stops the reads.
import type { TenantScope } from "../tenant/scope";
import type { CallCursor } from "./cursor";
import { csvRow, type CsvValue } from "./csv";
import type { CallFilters } from "./list-query";
import type { CallWithAgent } from "./serialize";
import { readCallPage } from "./service";

export const EXPORT_PAGE_SIZE = 500;

export const EXPORT_COLUMNS = ["id", "started_at", "caller", "to", "agent", "direction", "status", "duration_sec", "outcome", "ended_reason", "cost", "summary"];

function exportRow(c: CallWithAgent): CsvValue[] {
  return [
    c.id, c.startedAt.toISOString(), c.fromNumber, c.toNumber, c.agent?.name ?? null, c.direction, c.status,
    c.durationSec, c.outcome, c.endedReason, (c.costCents / 100).toFixed(2), c.summary,
  ];
}

/** `calls-2026-12-01.csv`, the day of the export (UTC). */
export const exportFileName = (now = new Date()) => `calls-${now.toISOString().slice(0, 10)}.csv`;

/**
 * The CSV as a byte stream. The first page is read before this resolves, so a database error there is
 * still an ordinary error response; a later one aborts the stream (the download fails, not ends short).
 */
export async function exportCallsCsv(scope: TenantScope, f: CallFilters, pageSize = EXPORT_PAGE_SIZE): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let page: { calls: CallWithAgent[]; next: CallCursor | null } | null = await readCallPage(scope, f, null, pageSize);
  let text = csvRow(EXPORT_COLUMNS);
  return new ReadableStream<Uint8Array>(
    {
      // Called when the consumer wants more: one page per pull, at the client's pace.
      async pull(controller) {
        if (!page) return controller.close();
        text += page.calls.map((c) => csvRow(exportRow(c))).join("");
        controller.enqueue(encoder.encode(text));
        text = "";
        page = page.next ? await readCallPage(scope, f, page.next, pageSize) : null;
        if (!page) controller.close();
      },
      cancel() {
        page = null;
      },
    },
    { highWaterMark: 0 },
  );
}
