"use client";
// Confirms and deletes a document: its file and chunks go with it, and agents stop answering from it.
import { errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useDeleteDocument } from "./queries";
import type { KnowledgeDocument } from "./types";

/** `doc` null = closed. */
export function DeleteDocumentDialog({ doc, onClose, onDeleted }: { doc: KnowledgeDocument | null; onClose: () => void; onDeleted?: () => void }) {
  const toast = useToast();
  const remove = useDeleteDocument();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={doc !== null}
      onClose={close}
      role="alertdialog"
      title={doc ? `Delete “${doc.title}”?` : "Delete document?"}
      description="The file, its extracted text and its chunks are deleted, and agents stop answering from it. Upload it again to bring it back."
      footer={
        <>
          <Button variant="secondary" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={remove.isPending}
            onClick={() => {
              if (!doc) return;
              remove.mutate(doc.id, {
                onSuccess: () => {
                  toast({ title: "Document deleted", description: `“${doc.title}” was deleted.` });
                  onClose();
                  onDeleted?.();
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
