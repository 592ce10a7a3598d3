"use client";
// A confirmation for a destructive action: an alertdialog whose Cancel has the initial focus, whose
// confirm button shows the pending state, and which shows why the action failed.
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

type ConfirmDialogProps = {
  open: boolean;
  /** Cancel, Escape and the backdrop. */
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Label of the (danger) confirm button. */
  confirmLabel?: string;
  pending?: boolean;
  /** Why the last attempt failed; nothing when it did not. */
  error?: string | null;
};

export function ConfirmDialog({ open, onClose, onConfirm, title, description, confirmLabel = "Delete", pending = false, error }: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      role="alertdialog"
      title={title}
      description={description}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
