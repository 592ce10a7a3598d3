"use client";
// What a screen reader hears as documents finish: "Handbook is ready: 3 pages · 12 chunks", or why one
// failed. Only settled changes are spoken (every stage of every file would drown the page); the text
// is returned for a polite live region.
import { useEffect, useRef, useState } from "react";
import { statusSentence } from "./knowledge-format";
import type { DocumentStatus, KnowledgeDocument } from "./types";

export function useStatusAnnouncer(docs: KnowledgeDocument[]): string {
  const previous = useRef<Map<string, DocumentStatus> | null>(null);
  const [text, setText] = useState("");

  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(docs.map((d) => [d.id, d.status]));
    // The first list is what was already there, not news.
    if (!before) return;
    const news = docs
      .filter((d) => (d.status === "READY" || d.status === "FAILED") && before.has(d.id) && before.get(d.id) !== d.status)
      .map((d) => `${d.title}: ${statusSentence(d)}`);
    if (news.length > 0) setText(news.join(". "));
  }, [docs]);

  return text;
}
