import { Badge } from "@/components/ui/badge";

export function AgentStatusBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <Badge tone="success" dot>
      Enabled
    </Badge>
  ) : (
    <Badge tone="neutral" dot>
      Disabled
    </Badge>
  );
}
