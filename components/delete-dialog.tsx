"use client";
// The confirmation every delete in the dashboard goes through: ConfirmDialog wired to a delete
// mutation. Closing resets the mutation (so a failed attempt's error does not come back), success
// toasts, closes and then calls onDeleted.
import type { ReactNode } from "react";
import { errorMessage } from "@/components/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";

type DeleteMutation = {
  mutate: (id: string, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
};

type DeleteDialogProps<T extends { id: string }> = {
  /** null = closed. */
  target: T | null;
  mutation: DeleteMutation;
  onClose: () => void;
  onDeleted?: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** The confirm button's label (ConfirmDialog's "Delete" when unset). */
  confirmLabel?: string;
  /** The success toast. */
  deletedToast: (target: T) => Parameters<ReturnType<typeof useToast>>[0];
};

export function DeleteDialog<T extends { id: string }>({ target, mutation, onClose, onDeleted, title, description, confirmLabel, deletedToast }: DeleteDialogProps<T>) {
  const toast = useToast();
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={target !== null}
      onClose={close}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      pending={mutation.isPending}
      error={mutation.isError ? errorMessage(mutation.error) : null}
      onConfirm={() => {
        if (!target) return;
        mutation.mutate(target.id, {
          onSuccess: () => {
            toast(deletedToast(target));
            onClose();
            onDeleted?.();
          },
        });
      }}
    />
  );
}
