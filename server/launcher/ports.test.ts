import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPortFree, PortInUseError } from "./ports";

describe("assertPortFree", () => {
  it("passes for a free port and names the variable when the port is taken", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const err = await assertPortFree(port, "EMBEDDED_DB_PORT", "embedded database", "127.0.0.1").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as Error).message).toBe(
        `Port ${port} (EMBEDDED_DB_PORT, embedded database) is already in use. Another "npm run dev" may still be running; stop it, or set EMBEDDED_DB_PORT to a free port.`,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
    await expect(assertPortFree(port, "EMBEDDED_DB_PORT", "embedded database", "127.0.0.1")).resolves.toBeUndefined();
  });
});
