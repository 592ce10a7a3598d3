import { describe, expect, it } from "vitest";
import { planUsageText } from "./plan-usage";

describe("planUsageText", () => {
  it("says how much of the plan's allowance is used", () => {
    expect(planUsageText(1, 1, { singular: "number" }, "FREE")).toBe("1 of 1 numbers used on the Free plan");
    expect(planUsageText(0, 3, { singular: "agent" }, "STARTER")).toBe("0 of 3 agents used on the Starter plan");
    expect(planUsageText(1_200, 5_000, { singular: "document" }, "ENTERPRISE")).toBe("1,200 of 5,000 documents used on the Enterprise plan");
  });
});
