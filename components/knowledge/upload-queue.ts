// The upload list's state: one row per dropped file, from waiting through its own request's progress
// to the server's answer. Pure (a reducer and selectors), so the rules are unit-tested: a cancelled
// upload stays cancelled whatever its request reports afterwards, progress only moves forward, and at
// most a few requests run at once (the page also polls, and browsers allow ~6 connections per host).

export type UploadPhase = "waiting" | "uploading" | "done" | "failed" | "cancelled";

export type UploadItem = {
  key: string;
  name: string;
  size: number;
  phase: UploadPhase;
  /** Bytes of the request body sent so far (the browser's upload progress). */
  loaded: number;
  /** Bytes the request body will have: the file plus multipart framing, once the browser knows it. */
  total: number;
  /** The server's message (or ours, for a file refused before sending) when phase is "failed". */
  error: string | null;
  /** The document(s) the server created, when done. */
  documentIds: string[];
};

export type UploadAction =
  | { type: "added"; files: { key: string; name: string; size: number; error?: string }[] }
  | { type: "started"; key: string }
  | { type: "progressed"; key: string; loaded: number; total: number }
  | { type: "succeeded"; key: string; documentIds: string[] }
  | { type: "failed"; key: string; message: string }
  | { type: "cancelled"; key: string }
  | { type: "dismissed"; key: string }
  | { type: "cleared" };

/** Uploads running at once; the rest wait their turn. */
export const MAX_CONCURRENT_UPLOADS = 3;

function update(items: UploadItem[], key: string, change: (item: UploadItem) => UploadItem | null): UploadItem[] {
  return items.map((item) => (item.key === key ? (change(item) ?? item) : item));
}

export function uploadQueueReducer(items: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case "added":
      return [
        ...items,
        ...action.files.map(
          (f): UploadItem => ({
            key: f.key,
            name: f.name,
            size: f.size,
            phase: f.error ? "failed" : "waiting",
            loaded: 0,
            total: f.size,
            error: f.error ?? null,
            documentIds: [],
          }),
        ),
      ];
    case "started":
      return update(items, action.key, (item) => (item.phase === "waiting" ? { ...item, phase: "uploading" } : null));
    case "progressed":
      return update(items, action.key, (item) => {
        if (item.phase !== "uploading") return null;
        const total = action.total > 0 ? action.total : item.total;
        // Progress events can arrive out of order with the final one; never move the bar backwards.
        const loaded = Math.min(Math.max(item.loaded, action.loaded), total);
        return { ...item, loaded, total };
      });
    case "succeeded":
      return update(items, action.key, (item) =>
        item.phase === "uploading" ? { ...item, phase: "done", loaded: item.total, documentIds: action.documentIds } : null,
      );
    case "failed":
      return update(items, action.key, (item) =>
        item.phase === "uploading" || item.phase === "waiting" ? { ...item, phase: "failed", error: action.message } : null,
      );
    case "cancelled":
      return update(items, action.key, (item) => (item.phase === "uploading" || item.phase === "waiting" ? { ...item, phase: "cancelled" } : null));
    case "dismissed":
      return items.filter((item) => item.key !== action.key || isActive(item));
    case "cleared":
      return items.filter(isActive);
  }
}

/** Still waiting or sending: cannot be dismissed, only cancelled. */
export function isActive(item: UploadItem): boolean {
  return item.phase === "waiting" || item.phase === "uploading";
}

/** The waiting uploads that may start now, oldest first. */
export function uploadsToStart(items: UploadItem[], max = MAX_CONCURRENT_UPLOADS): UploadItem[] {
  const running = items.filter((item) => item.phase === "uploading").length;
  return items.filter((item) => item.phase === "waiting").slice(0, Math.max(0, max - running));
}

/** 0-100, whole numbers: what the bar and its aria-valuenow show. */
export function uploadPercent(item: UploadItem): number {
  if (item.phase === "done") return 100;
  if (item.total <= 0) return 0;
  return Math.floor((item.loaded / item.total) * 100);
}
