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
      title={number ? `${number.provisioned ? "Release" : "Delete"} ${number.e164}?` : "Delete number?"}
      confirmLabel={number?.provisioned ? "Release" : undefined}
      description={
        number?.provisioned ? (
          <>The number is released from the Twilio account: it stops ringing here and may go to someone else. Past calls are kept.</>
        ) : (
          <>Calls to this number will no longer be answered by Frontdesk. You can add it again later. Past calls are kept.</>
        )
      }
      deletedToast={(deleted) =>
        deleted.provisioned ? { title: "Number released", description: `${deleted.e164} was released.` } : { title: "Number deleted", description: `${deleted.e164} was removed.` }
      }
    />
  );
}
