// The options of every "which agent" select: the choice meaning none (or all) first, then the agents.
import type { Agent } from "./types";

export function AgentOptions({ agents, none }: { agents: Pick<Agent, "id" | "name">[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {agents.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </>
  );
}
