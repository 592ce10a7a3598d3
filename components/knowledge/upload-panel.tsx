"use client";
// Upload: choose the agents, then drop or choose files. Each file is its own request (its own progress
// bar, its own answer), a few at a time; a file over the size limit is refused before it is sent (a
// server refusing mid-body shows in a browser as a dropped connection, not as its message).
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { Agent } from "@/components/agents/types";
import { errorMessage } from "@/components/api-client";
import { useLeaveGuard } from "@/components/ui/use-leave-guard";
import { AgentAssignmentPicker, isAssignmentComplete } from "./agent-assignment-picker";
import { DropZone } from "./drop-zone";
import { formatBytes } from "./knowledge-format";
import { useAddedDocuments } from "./queries";
import type { AgentAssignment } from "./types";
import { UploadList } from "./upload-list";
import { LanguageSelect } from "./language-select";
import { isActive, uploadQueueReducer, uploadsToStart } from "./upload-queue";
import { uploadDocument } from "./upload-request";
import { SUPPORTED_TYPES_LABEL } from "@/lib/knowledge/types";

type Pending = { file: File; assignment: AgentAssignment; language: string };

export function UploadPanel({ agents, maxUploadBytes }: { agents: Pick<Agent, "id" | "name">[]; maxUploadBytes: number }) {
  const [assignment, setAssignment] = useState<AgentAssignment>({ allAgents: true });
  const [assignmentError, setAssignmentError] = useState<string | undefined>();
  const [language, setLanguage] = useState("");
  const [items, dispatch] = useReducer(uploadQueueReducer, []);
  const [announcement, setAnnouncement] = useState("");
  const pending = useRef(new Map<string, Pending>());
  const controllers = useRef(new Map<string, AbortController>());
  const added = useAddedDocuments();

  useLeaveGuard(items.some(isActive));

  const addFiles = (files: File[]) => {
    if (!isAssignmentComplete(assignment)) {
      setAssignmentError("Choose at least one agent, or All agents, before uploading.");
      return;
    }
    const entries = files.map((file) => {
      const key = crypto.randomUUID();
      const tooLarge = file.size > maxUploadBytes;
      if (!tooLarge) pending.current.set(key, { file, assignment, language });
      return {
        key,
        name: file.name,
        size: file.size,
        error: tooLarge ? `${file.name} is ${formatBytes(file.size)}; files can be at most ${formatBytes(maxUploadBytes)}.` : undefined,
      };
    });
    dispatch({ type: "added", files: entries });
  };

  const start = useCallback(
    (key: string, name: string) => {
      const job = pending.current.get(key);
      pending.current.delete(key);
      if (!job) return;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      dispatch({ type: "started", key });
      uploadDocument(job.file, {
        assignment: job.assignment,
        language: job.language,
        signal: controller.signal,
        onProgress: (loaded, total) => dispatch({ type: "progressed", key, loaded, total }),
      })
        .then((docs) => {
          dispatch({ type: "succeeded", key, documentIds: docs.map((d) => d.id) });
          setAnnouncement(`${name} uploaded; processing has started.`);
          added(docs);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") return; // "cancelled" is already shown
          const message = errorMessage(error);
          dispatch({ type: "failed", key, message });
          setAnnouncement(`${name} was not uploaded: ${message}`);
        })
        .finally(() => controllers.current.delete(key));
    },
    [added],
  );

  // Start waiting uploads as slots free up.
  useEffect(() => {
    for (const item of uploadsToStart(items)) start(item.key, item.name);
  }, [items, start]);

  // Leaving the page stops what is still being sent (the leave guard asked first).
  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const cancel = (key: string) => {
    controllers.current.get(key)?.abort();
    pending.current.delete(key);
    dispatch({ type: "cancelled", key });
  };

  return (
    <div>
      <div className="mb-4 grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <AgentAssignmentPicker
          id="upload-agents"
          legend="Agents that answer from these files"
          agents={agents}
          value={assignment}
          error={assignmentError}
          onChange={(value) => {
            setAssignment(value);
            if (isAssignmentComplete(value)) setAssignmentError(undefined);
          }}
        />
        <LanguageSelect id="upload-language" value={language} onChange={setLanguage} />
      </div>
      <DropZone onFiles={addFiles} hint={`${SUPPORTED_TYPES_LABEL}; up to ${formatBytes(maxUploadBytes)} each. Several at once is fine.`} />
      <UploadList
        items={items}
        onCancel={cancel}
        onDismiss={(key) => dispatch({ type: "dismissed", key })}
        onClear={() => dispatch({ type: "cleared" })}
      />
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
