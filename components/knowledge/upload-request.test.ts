import { describe, expect, it } from "vitest";
import { uploadForm } from "./upload-request";

const file = new File(["Parking is free."], "guide.txt", { type: "text/plain" });

describe("uploadForm", () => {
  it("sends only the file when the document is for all agents in their language", () => {
    const form = uploadForm(file, { allAgents: true });
    expect([...form.keys()]).toEqual(["file"]);
    expect((form.get("file") as File).name).toBe("guide.txt");
  });

  it("sends the chosen agents and language", () => {
    const form = uploadForm(file, { allAgents: false, agentIds: ["a1", "a2"] }, "es-ES");
    expect(form.get("agentIds")).toBe("a1,a2");
    expect(form.get("language")).toBe("es-ES");
  });
});
