"use client";
// A time shown relative to now ("3 minutes ago") or as a date in the viewer's zone. Both depend on
// where and when they are rendered, so the server's text may differ from the browser's: the mismatch
// is expected (suppressHydrationWarning) and the element is replaced once hydrated (a new key), so the
// browser's text shows even where React would keep the server's.
import { formatDate, formatDateTime, timeAgo } from "@/components/format";
import { useHydrated } from "./use-hydrated";

export function TimeText({ iso, format }: { iso: string; format: "relative" | "date" | "datetime" }) {
  const hydrated = useHydrated(); // a second render after hydration, with the browser's clock and zone
  return (
    <time key={hydrated ? "browser" : "server"} dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {format === "relative" ? timeAgo(iso) : format === "datetime" ? formatDateTime(iso) : formatDate(iso)}
    </time>
  );
}
