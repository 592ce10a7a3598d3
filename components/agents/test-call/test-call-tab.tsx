"use client";
// "Call": talk to the agent through the microphone, with a level meter, mute, hang up, and the live
// transcript beside the controls.
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Transcript } from "./transcript";
import { useTestCall } from "./use-test-call";

export function TestCallTab({ agentId }: { agentId: string }) {
  const call = useTestCall(agentId);
  const live = call.status === "live" || call.status === "connecting";
  return (
    <div className="grid gap-4 md:grid-cols-[16rem_1fr]">
      <div className="flex flex-col gap-3">
        <p className="text-sm text-zinc-600">Talk to the agent as a caller would. The call is logged in Calls as a web call.</p>
        {!live ? (
          <Button onClick={() => void call.start()}>{call.status === "ended" ? "Call again" : "Start call"}</Button>
        ) : (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={call.toggleMute} aria-pressed={call.muted}>
              {call.muted ? "Unmute" : "Mute"}
            </Button>
            <Button variant="danger" onClick={call.hangUp}>
              Hang up
            </Button>
          </div>
        )}
        <p className="text-sm font-medium text-zinc-700" role="status">
          {{ idle: "Not connected", connecting: "Connecting…", live: call.muted ? "On the call (muted)" : "On the call", ended: "Call ended" }[call.status]}
        </p>
        <div>
          <span id="mic-level-label" className="text-xs text-zinc-500">
            Microphone level
          </span>
          <div role="meter" aria-labelledby="mic-level-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(call.meter * 100)} className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100">
            <div className="h-full bg-accent-500 transition-[width] duration-100" style={{ width: `${Math.round(call.meter * 100)}%` }} />
          </div>
        </div>
        {call.error && <Alert>{call.error}</Alert>}
      </div>
      <Transcript turns={call.turns} speaking={call.speaking} label="Call transcript" empty="Start the call; the agent speaks first." />
    </div>
  );
}
