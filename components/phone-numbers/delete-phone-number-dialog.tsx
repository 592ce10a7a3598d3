"use client";
import { DeleteDialog } from "@/components/delete-dialog";
import { useDeletePhoneNumber } from "./queries";
import type { PhoneNumber } from "./types";

export function DeletePhoneNumberDialog({ number, onClose }: { number: PhoneNumber | null; onClose: () => void }) {
  return (
    <DeleteDialog
      target={number}
      mutation={useDeletePhoneNumber()}
      onClose={onClose}
      title={number ? `Delete ${number.e164}?` : "Delete number?"}
      description={
        <>
          Calls to this number will no longer be answered by Frontdesk. You can add it again later. Past calls are kept.
        </>
      }
      deletedToast={(deleted) => ({ title: "Number deleted", description: `${deleted.e164} was removed.` })}
    />
  );
}
