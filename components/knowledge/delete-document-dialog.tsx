"use client";
// Confirms and deletes a document: its file and chunks go with it, and agents stop answering from it.
import { DeleteDialog } from "@/components/delete-dialog";
import { useDeleteDocument } from "./queries";
import type { KnowledgeDocument } from "./types";

/** `doc` null = closed. */
export function DeleteDocumentDialog({ doc, onClose, onDeleted }: { doc: KnowledgeDocument | null; onClose: () => void; onDeleted?: () => void }) {
  return (
    <DeleteDialog
      target={doc}
      mutation={useDeleteDocument()}
      onClose={onClose}
      onDeleted={onDeleted}
      title={doc ? `Delete “${doc.title}”?` : "Delete document?"}
      description="The file, its extracted text and its chunks are deleted, and agents stop answering from it. Upload it again to bring it back."
      deletedToast={(deleted) => ({ title: "Document deleted", description: `“${deleted.title}” was deleted.` })}
    />
  );
}
