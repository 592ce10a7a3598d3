import { describe, expect, it } from "vitest";
import { buildHealthReport } from "./report";

const ok = async () => ({ status: "ok" as const, latencyMs: 1 });

describe("health report figures", () => {
  it("shows the process's figures with detail only, and they never change the status", async () => {
    const figures = () => ({ pacing: { underruns: 3, lateTicks: 40 } });
    const shown = await buildHealthReport("voice", { database: ok }, { figures });
    expect(shown).toMatchObject({ httpStatus: 200, body: { status: "ok", figures: { pacing: { underruns: 3, lateTicks: 40 } } } });
    const hidden = await buildHealthReport("voice", { database: ok }, { figures, detail: false });
    expect(hidden.body.figures).toBeUndefined();
  });
});
