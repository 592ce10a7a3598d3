"use client";
// Where files go in: a large button that opens the file chooser (Enter or Space, like any button) and
// also takes files dropped on it, several at once. The file input stays in the page, visually hidden,
// so its label names it for assistive technology and tests can set files on it.
import { useId, useRef, useState, type DragEvent } from "react";
import { cn } from "@/components/ui/cn";
import { BookIcon } from "@/components/ui/icons";
import { UPLOAD_ACCEPT } from "./knowledge-format";

/** Dragging a selection of text or a link is not a file drop: only react to files. */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes("Files");
}

export function DropZone({ onFiles, disabled, hint }: { onFiles: (files: File[]) => void; disabled?: boolean; hint: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        accept={UPLOAD_ACCEPT}
        aria-label="Files to upload"
        tabIndex={-1}
        className="sr-only"
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared, so choosing the same file again (after a failure) fires change again.
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <button
        type="button"
        disabled={disabled}
        aria-describedby={hintId}
        onClick={() => inputRef.current?.click()}
        onDragEnter={(event) => {
          if (carriesFiles(event)) setOver(true);
        }}
        onDragOver={(event) => {
          if (!carriesFiles(event)) return;
          event.preventDefault(); // allows the drop
          event.dataTransfer.dropEffect = disabled ? "none" : "copy";
          setOver(true);
        }}
        onDragLeave={(event) => {
          // Leaving for a child of the button is not leaving the zone.
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={onDrop}
        className={cn(
          "focus-ring flex w-full flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-10 text-center transition-colors disabled:cursor-not-allowed disabled:opacity-60",
          over ? "border-accent-500 bg-accent-50" : "border-zinc-300 bg-zinc-50/60 hover:border-zinc-400 hover:bg-zinc-50",
        )}
      >
        <span className="flex size-11 items-center justify-center rounded-full bg-white text-accent-600 shadow-xs ring-1 ring-zinc-200">
          <BookIcon className="size-5" />
        </span>
        <span className="text-sm font-medium text-zinc-900">
          {over ? "Drop to upload" : <>Drop files here, or <span className="text-accent-700 underline underline-offset-2">choose files</span></>}
        </span>
        <span id={hintId} className="text-sm text-zinc-500">
          {hint}
        </span>
      </button>
    </div>
  );
}
