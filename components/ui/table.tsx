// The data table frame the dashboard's lists share: bordered, horizontally scrollable on small
// screens, a screen-reader caption, and header cells that can hide below a breakpoint.
import type { ReactNode } from "react";
import { cn } from "./cn";

export function Table({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs font-medium tracking-wide text-zinc-500 uppercase">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">{children}</tbody>
      </table>
    </div>
  );
}

// Full class names, so Tailwind sees them.
const HIDE_BELOW = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell" } as const;

/** A column header. `edge`: first or last column (wider padding from sm up); `hideBelow`: the breakpoint it appears at. */
export function Th({
  children,
  edge = false,
  hideBelow,
  align = "left",
  sort,
}: {
  children: ReactNode;
  edge?: boolean;
  hideBelow?: keyof typeof HIDE_BELOW;
  align?: "left" | "right";
  /** The list is sorted by this column (aria-sort). */
  sort?: "ascending" | "descending";
}) {
  return (
    <th
      scope="col"
      aria-sort={sort}
      className={cn(
        hideBelow ? cn(HIDE_BELOW[hideBelow], "px-4 py-3") : cn("px-3 py-3", edge ? "sm:px-5" : "sm:px-4"),
        align === "right" && "text-right",
      )}
    >
      {children}
    </th>
  );
}
