// `npm run call -- --text` end to end on the database: the Call is made as the voice webhook makes it,
// the engine answers in text, and the turns land in the database as on a phone call.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../lib/db/client";
import { e164, tenantWithNumber } from "../../lib/test/twilio";
import { parseSimArgs, type SimOptions } from "./args";
import { SimError } from "./errors";
import { converseInText } from "./text-call";

type Fixture = Awaited<ReturnType<typeof tenantWithNumber>>;
let t: Fixture;

beforeAll(async () => {
  t = await tenantWithNumber("Text Sim", { greeting: "Hello, Text Sim reception." });
});

const opts = (...argv: string[]) => parseSimArgs(["--text", ...argv], { appUrl: "http://localhost:3000" }) as SimOptions;

describe("the simulator's --text mode", () => {
  it("runs the conversation on the engine and persists it like a phone call", async () => {
    const r = await converseInText(opts("--to", t.number.e164, "--say", "Where are you located?", "--say", "Goodbye"));
    expect(r.callId).toBeTruthy();
    expect(r.lines[0]).toEqual({ who: "agent", text: "Hello, Text Sim reception." });
    expect(r.lines[1]).toEqual({ who: "caller", text: "Where are you located?" });
    expect(r.lines[2]!.who).toBe("agent");
    expect(r.lines[2]!.replyMs).toBeGreaterThanOrEqual(0);
    expect(r.printed).toContain("caller: Where are you located?");

    const call = await getDb().call.findUniqueOrThrow({ where: { id: r.callId! }, include: { turns: { orderBy: { index: "asc" } } } });
    expect(call.tenantId).toBe(t.tenant.id);
    expect(call.providerCallId).toBe(r.callSid);
    expect(call.status).toBe("COMPLETED");
    const said = call.turns.filter((x) => x.role !== "TOOL").map((x) => [x.role, x.text]);
    expect(said.slice(0, 2)).toEqual([
      ["AGENT", "Hello, Text Sim reception."],
      ["CALLER", "Where are you located?"],
    ]);
    expect(said.length).toBeGreaterThanOrEqual(4);
  });

  it("is refused as a phone call would be, with the spoken reason", async () => {
    const unknown = await converseInText(opts("--to", e164())).catch((e: unknown) => e);
    expect((unknown as SimError).code).toBe("REFUSED");
    expect((unknown as Error).message).toContain("not in service");

    const suspended = await tenantWithNumber("Text Sim Suspended");
    await getDb().tenant.update({ where: { id: suspended.tenant.id }, data: { status: "SUSPENDED", suspendedAt: new Date() } });
    const refused = await converseInText(opts("--to", suspended.number.e164)).catch((e: unknown) => e);
    expect((refused as SimError).code).toBe("REFUSED");
    expect((refused as Error).message).toMatch(/TENANT_SUSPENDED/);
  });
});
