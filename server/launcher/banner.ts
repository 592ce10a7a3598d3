// What the launcher prints once everything answers: where things are and how to sign in.
import type { DemoLogin } from "./database";
import type { HttpReadiness } from "./supervisor";

export interface BannerInput {
  mode: "development" | "production";
  seconds: number;
  appUrl: string;
  publicAppUrl: string;
  voiceUrl: string;
  publicVoiceUrl: string;
  health: HttpReadiness[];
  database: { embedded: boolean; description: string };
  queue: { embedded: boolean; description: string };
  logins: DemoLogin[];
  seeded: boolean;
  paint: (color: "bold" | "green" | "yellow" | "red" | "gray" | "cyan", text: string) => string;
}

function healthWord(r: HttpReadiness, paint: BannerInput["paint"]): string {
  const status = (r.body as { status?: unknown } | undefined)?.status;
  if (r.status === 200 && status === "ok") return paint("green", "ok");
  const text = typeof status === "string" ? `${status} (HTTP ${r.status})` : `HTTP ${r.status}`;
  return paint(r.status >= 500 ? "red" : "yellow", text);
}

/** "database: <error>" for each check of a health response that is not ok (a "not_used" one is fine). */
function failingChecks(r: HttpReadiness): string[] {
  const checks = (r.body as { checks?: Record<string, { status?: string; error?: string }> } | undefined)?.checks;
  if (!checks || typeof checks !== "object") return [];
  return Object.entries(checks)
    .filter(([, c]) => c?.status !== "ok" && c?.status !== "not_used")
    .map(([name, c]) => `${name}: ${c?.status ?? "?"}${c?.error ? ` (${c.error})` : ""}`);
}

export function formatBanner(b: BannerInput): string {
  const { paint } = b;
  const label = (s: string) => paint("gray", s.padEnd(15));
  const lines: string[] = [];
  lines.push("");
  lines.push(paint("bold", `  Frontdesk is ready (${b.mode}) in ${b.seconds.toFixed(1)} s`));
  lines.push("");
  lines.push(`  ${label("App")}${paint("cyan", b.appUrl)}${b.publicAppUrl !== b.appUrl ? `  (public ${b.publicAppUrl})` : ""}`);
  lines.push(`  ${label("Voice (ws)")}${paint("cyan", b.voiceUrl)}${b.publicVoiceUrl !== b.voiceUrl ? `  (public ${b.publicVoiceUrl})` : ""}`);
  const width = Math.max(...b.health.map((h) => h.url.length));
  b.health.forEach((h, i) => {
    lines.push(`  ${label(i === 0 ? "Health" : "")}${h.url.padEnd(width)}  ${healthWord(h, paint)}`);
    for (const problem of failingChecks(h)) lines.push(`  ${label("")}  ${paint("yellow", problem)}`);
  });
  lines.push(`  ${label("Database")}${b.database.description}`);
  lines.push(`  ${label("Queue, events")}${b.queue.description}`);
  if (b.logins.length > 0) {
    lines.push("");
    lines.push(`  ${paint("bold", b.seeded ? "Demo logins (just seeded)" : "Demo logins")}`);
    const roleWidth = Math.max(...b.logins.map((l) => l.role.length));
    const emailWidth = Math.max(...b.logins.map((l) => l.email.length));
    for (const l of b.logins) lines.push(`    ${l.role.padEnd(roleWidth)}  ${l.email.padEnd(emailWidth)}  ${l.password}`);
  }
  lines.push("");
  lines.push(paint("gray", "  Ctrl-C stops everything."));
  lines.push("");
  return lines.join("\n");
}

/** postgresql://user:secret@host/db → postgresql://user:***@host/db */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
