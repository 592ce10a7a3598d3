"use client";
// "Chat": type to the agent for quick checks; its tool calls show inline. Reset starts a new chat.
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Transcript } from "./transcript";
import { useTestChat } from "./use-test-chat";

export function TestChatTab({ agentId }: { agentId: string }) {
  const chat = useTestChat(agentId);
  const [text, setText] = useState("");
  const started = chat.status !== "idle";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || chat.status !== "ready") return;
    chat.send(text.trim());
    setText("");
  };

  return (
    <div className="flex flex-col gap-3">
      <Transcript turns={chat.turns} label="Chat transcript" empty={started ? "Connecting…" : "Start a chat; the agent greets you first."} />
      {chat.error && <Alert>{chat.error}</Alert>}
      <form onSubmit={submit} className="flex gap-2">
        <label htmlFor="test-chat-input" className="sr-only">
          Message to the agent
        </label>
        <Input
          id="test-chat-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={1000}
          placeholder={chat.status === "ready" ? "Type what a caller would say" : ""}
          disabled={chat.status !== "ready"}
          className="flex-1"
        />
        <Button type="submit" disabled={chat.status !== "ready" || !text.trim()}>
          Send
        </Button>
        <Button variant="secondary" onClick={() => void chat.start()} loading={chat.status === "connecting"}>
          {started ? "Reset" : "Start chat"}
        </Button>
      </form>
    </div>
  );
}
