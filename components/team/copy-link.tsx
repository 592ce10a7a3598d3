"use client";
// An invite link in a read-only field with a copy button (the admin passes it on themselves).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export function CopyLink({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the field is selectable by hand
    }
  };
  return (
    <span className="mt-2 flex items-center gap-2">
      <Input readOnly value={link} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      <Button variant="secondary" size="sm" onClick={() => void copy()}>
        {copied ? "Copied" : "Copy link"}
      </Button>
    </span>
  );
}
