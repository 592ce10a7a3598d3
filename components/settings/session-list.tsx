"use client";
// The person's signed-in browsers, with "sign out" per session and "sign out everywhere".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TimeText } from "@/components/ui/time-text";
import { useToast } from "@/components/ui/toast";
import { describeUserAgent } from "./user-agent";

export type SessionRow = { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean };

export const SESSIONS_KEY = ["me", "sessions"] as const;

export function SessionList() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: ({ signal }) => api.get<SessionRow[]>("/api/v1/me/sessions", signal) });

  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/me/sessions/${id}`),
    onSuccess: (_data, id) => {
      if (sessions.data?.find((s) => s.id === id)?.current) return window.location.assign("/sign-in");
      toast({ title: "Session signed out" });
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (error) => toast({ tone: "error", title: "Could not sign that session out", description: errorMessage(error) }),
  });

  const revokeAll = useMutation({
    mutationFn: () => api.post("/api/v1/me/sessions/revoke-all"),
    // This browser is signed out too (its cookie was cleared): off to sign-in.
    onSuccess: () => window.location.assign("/sign-in"),
    onError: (error) => toast({ tone: "error", title: "Could not sign out everywhere", description: errorMessage(error) }),
  });

  if (sessions.isError) return <Alert>{errorMessage(sessions.error)}</Alert>;
  return (
    <div className="grid gap-4">
      {sessions.isPending ? (
        <p className="text-sm text-zinc-500">Loading sessions…</p>
      ) : (
        <ul className="divide-y divide-zinc-100" aria-label="Active sessions">
          {sessions.data.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0">
              <div className="min-w-0">
                <p className="flex items-center gap-2 text-sm font-medium text-zinc-900">
                  {describeUserAgent(s.userAgent)}
                  {s.current && <Badge tone="accent">This device</Badge>}
                </p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {s.ip ?? "Unknown address"} · signed in <TimeText iso={s.createdAt} format="date" /> · last active{" "}
                  <TimeText iso={s.lastSeenAt} format="relative" />
                </p>
              </div>
              <Button
                variant="secondary"
                size="sm"
                loading={revoke.isPending && revoke.variables === s.id}
                onClick={() => revoke.mutate(s.id)}
                aria-label={s.current ? "Sign out this device" : `Sign out ${describeUserAgent(s.userAgent)}`}
              >
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-100 pt-4">
        <Button variant="danger-secondary" loading={revokeAll.isPending} onClick={() => revokeAll.mutate()}>
          Sign out everywhere
        </Button>
        <p className="text-sm text-zinc-500">Ends every session, this one included.</p>
      </div>
    </div>
  );
}
