"use client";
// Transient notifications in one polite live region: success after saving, errors that have no field.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, CheckCircleIcon, CloseIcon, InfoIcon } from "./icons";

type ToastTone = "success" | "error" | "info";
type ToastInput = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Toasts with the same key replace each other, and dismissToast(key) takes one down early. */
  key?: string;
};
type ToastItem = ToastInput & { id: number; tone: ToastTone };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);
const DismissContext = createContext<((key: string) => void) | null>(null);

const DURATION_MS = 6000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: ToastInput) => {
    const id = nextId.current++;
    // Keep the last three; older ones have been read or are stale.
    setToasts((list) => [
      ...list.filter((t) => toast.key === undefined || t.key !== toast.key).slice(-2),
      { ...toast, tone: toast.tone ?? "success", id },
    ]);
  }, []);
  // A success that a later failure contradicts ("Number added", then "over the limit") must not stay up beside it.
  const dismissKey = useCallback((key: string) => setToasts((list) => list.filter((t) => t.key !== key)), []);

  const value = useMemo(() => show, [show]);

  return (
    <ToastContext value={value}>
      <DismissContext value={dismissKey}>{children}</DismissContext>
      {/* Top on phones; bottom-left from sm up, where it covers no primary action (those sit on the right). */}
      <div
        aria-live="polite"
        aria-relevant="additions"
        className="pointer-events-none fixed inset-x-0 top-14 z-50 flex flex-col items-center gap-2 p-4 sm:top-auto sm:bottom-0 sm:items-start sm:p-6"
      >
        {toasts.map((toast) => (
          <ToastCard key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
        ))}
      </div>
    </ToastContext>
  );
}

function ToastCard({ toast, onDismiss }: { toast: ToastItem; onDismiss: () => void }) {
  // Paused while keyboard focus is inside (e.g. on Dismiss), so it does not vanish under the user.
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(onDismiss, DURATION_MS);
    return () => window.clearTimeout(timer);
  }, [paused, onDismiss]);

  const Icon = toast.tone === "error" ? AlertIcon : toast.tone === "info" ? InfoIcon : CheckCircleIcon;
  return (
    <div
      role="status"
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
      className="pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-lg"
    >
      <Icon
        className={cn(
          "mt-0.5 size-5 shrink-0",
          toast.tone === "error" ? "text-red-600" : toast.tone === "info" ? "text-accent-600" : "text-emerald-600",
        )}
      />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-900">{toast.title}</p>
        {toast.description && <p className="mt-1 text-sm text-zinc-600">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        className="focus-ring -m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-600"
      >
        <CloseIcon className="size-4" />
        <span className="sr-only">Dismiss notification</span>
      </button>
    </div>
  );
}

export function useToast() {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast must be used inside <ToastProvider>");
  return toast;
}

/** Takes down the toast shown with this key, if it is still up. */
export function useDismissToast() {
  const dismiss = useContext(DismissContext);
  if (!dismiss) throw new Error("useDismissToast must be used inside <ToastProvider>");
  return dismiss;
}
