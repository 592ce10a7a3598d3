"use client";
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useDeletePhoneNumber } from "./queries";
import type { PhoneNumber } from "./types";

export function DeletePhoneNumberDialog({ number, onClose }: { number: PhoneNumber | null; onClose: () => void }) {
  const toast = useToast();
  const remove = useDeletePhoneNumber();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={number !== null}
      onClose={close}
      role="alertdialog"
      title={number ? `Delete ${number.e164}?` : "Delete number?"}
      description={
        <>
          Calls to this number will no longer be answered by Frontdesk. You can add it again later. Past calls are kept.
        </>
      }
      footer={
        <>
          <Button variant="secondary" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => {
              if (!number) return;
              remove.mutate(number.id, {
                onSuccess: () => {
                  toast({ title: "Number deleted", description: `${number.e164} was removed.` });
                  onClose();
                },
              });
            }}
          >
            Delete
          </Button>
        </>
      }
    >
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
    </Dialog>
  );
}
