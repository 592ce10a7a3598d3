"use client";
// Asks before leaving a page whose form has unsaved or in-flight changes: on reload, closing the tab
// or typing another address (the browser's own "Leave site?" prompt via beforeunload), and on a click
// on an in-app link (the App Router has no navigation events, so such clicks are caught before Next's
// <Link> sees them). Links to a part of the same page (#section) are left alone.
import { useEffect } from "react";

function leavesPage(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return null;
  if (anchor.target && anchor.target !== "_self") return null; // opens elsewhere; this page stays
  const to = new URL(anchor.href, window.location.href);
  const here = window.location;
  if (to.origin === here.origin && to.pathname === here.pathname && to.search === here.search) return null;
  return anchor;
}

/** While `active`, leaving the page asks first (in-app links with our wording; browsers word their own prompt). */
export function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older Chromium needs it set to show the prompt
    };
    const onClick = (event: MouseEvent) => {
      if (!leavesPage(event)) return;
      if (window.confirm("You have unsaved changes. Leave this page and lose them?")) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // Next's <Link> would navigate on the same click
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture on window: runs before React's listener on the root and Next's <Link> handler.
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [active]);
}
