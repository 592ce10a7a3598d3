"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon } from "@/components/ui/icons";

/** Fallback for an unexpected error while rendering a route segment. */
export function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert">
      <EmptyState
        icon={<AlertIcon className="size-6" />}
        title="Something went wrong"
        description={
          <>
            This page could not be loaded. Nothing you saved is lost. Try again, and if it keeps happening, contact support
            {digest ? (
              <>
                {" "}
                with reference <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs">{digest}</code>
              </>
            ) : null}
            .
          </>
        }
        action={<Button onClick={() => retry()}>Try again</Button>}
      />
    </div>
  );
}
