"use client";
// One row per file being uploaded: its own progress bar (the request's real upload progress), what
// happened (the server's own words when it refused the file), and Cancel while it is in flight.
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AlertIcon, CheckCircleIcon, CloseIcon } from "@/components/ui/icons";
import { formatBytes } from "./knowledge-format";
import { isActive, uploadPercent, type UploadItem } from "./upload-queue";

function phaseText(item: UploadItem): string {
  switch (item.phase) {
    case "waiting":
      return "Waiting";
    case "uploading": {
      const percent = uploadPercent(item);
      return percent >= 100 ? "Uploaded, saving…" : `Uploading ${percent}%`;
    }
    case "done":
      return "Uploaded: processing below";
    case "cancelled":
      return "Cancelled";
    case "failed":
      return "Not uploaded";
  }
}

export function UploadList({
  items,
  onCancel,
  onDismiss,
  onClear,
}: {
  items: UploadItem[];
  onCancel: (key: string) => void;
  onDismiss: (key: string) => void;
  onClear: () => void;
}) {
  if (items.length === 0) return null;
  const finished = items.filter((item) => !isActive(item)).length;
  return (
    <div className="mt-4">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h3 className="text-sm font-medium text-zinc-800">Uploads</h3>
        {finished > 0 && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear finished
          </Button>
        )}
      </div>
      <ul aria-label="Uploads" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
        {items.map((item) => (
          <UploadRow key={item.key} item={item} onCancel={() => onCancel(item.key)} onDismiss={() => onDismiss(item.key)} />
        ))}
      </ul>
    </div>
  );
}

function UploadRow({ item, onCancel, onDismiss }: { item: UploadItem; onCancel: () => void; onDismiss: () => void }) {
  const percent = uploadPercent(item);
  const failed = item.phase === "failed";
  return (
    <li className="px-3 py-3 sm:px-4" aria-label={item.name}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline justify-between gap-3">
            <p className="truncate text-sm font-medium text-zinc-900" title={item.name}>
              {item.name}
            </p>
            <p className="shrink-0 text-xs text-zinc-500 tabular-nums">{formatBytes(item.size)}</p>
          </div>
          {!failed && item.phase !== "cancelled" && (
            <div
              role="progressbar"
              aria-label={`Upload of ${item.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={phaseText(item)}
              className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-100"
            >
              <div
                className={cn("h-full rounded-full transition-[width] duration-150", item.phase === "done" ? "bg-emerald-500" : "bg-accent-600")}
                style={{ width: `${percent}%` }}
              />
            </div>
          )}
          <p className={cn("mt-1.5 flex items-start gap-1.5 text-xs", failed ? "text-red-700" : "text-zinc-500")}>
            {failed && <AlertIcon className="mt-px size-3.5 shrink-0" />}
            {item.phase === "done" && <CheckCircleIcon className="mt-px size-3.5 shrink-0 text-emerald-600" />}
            <span>{failed && item.error ? item.error : phaseText(item)}</span>
          </p>
        </div>
        {isActive(item) ? (
          <Button variant="secondary" size="sm" onClick={onCancel} aria-label={`Cancel upload of ${item.name}`}>
            Cancel
          </Button>
        ) : (
          <button
            type="button"
            onClick={onDismiss}
            className="focus-ring -m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-600"
            aria-label={`Dismiss ${item.name}`}
          >
            <CloseIcon className="size-4" />
          </button>
        )}
      </div>
    </li>
  );
}
