// The embedded database's SCRAM-SHA-256 server against node-postgres's own client implementation
// (the code every app connection runs), without a socket.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createScramVerifier, ScramError, ScramExchange, SCRAM_MECHANISM } from "./wire-scram";

type Session = { mechanism: string; response: string };
const sasl = createRequire(import.meta.url)("pg/lib/crypto/sasl") as {
  startSession(mechanisms: string[], stream?: unknown): Session;
  continueSession(session: Session, password: string, serverData: string, stream?: unknown): Promise<void>;
  finalizeSession(session: Session, serverData: string): void;
};

async function exchange(serverPassword: string, clientPassword: string, stream?: unknown) {
  const server = new ScramExchange(createScramVerifier(serverPassword));
  const session = sasl.startSession([SCRAM_MECHANISM], stream);
  const serverFirst = server.start(session.response);
  await sasl.continueSession(session, clientPassword, serverFirst, stream);
  const serverFinal = server.finish(session.response);
  return { session, serverFinal };
}

describe("ScramExchange", () => {
  it("accepts the right password, and the client accepts the server's signature", async () => {
    const { session, serverFinal } = await exchange("s3cret-Ω", "s3cret-Ω");
    expect(serverFinal).toMatch(/^v=/);
    expect(() => sasl.finalizeSession(session, serverFinal!)).not.toThrow();
  });

  it("also when the client could bind a channel but the server offered none (gs2 header y)", async () => {
    const { serverFinal } = await exchange("pw", "pw", {});
    expect(serverFinal).toMatch(/^v=/);
  });

  it("refuses a wrong password", async () => {
    expect((await exchange("right", "wrong")).serverFinal).toBeUndefined();
  });

  it("refuses a replayed or altered final message", async () => {
    const server = new ScramExchange(createScramVerifier("pw"));
    const session = sasl.startSession([SCRAM_MECHANISM]);
    await sasl.continueSession(session, "pw", server.start(session.response));
    const otherNonce = session.response.replace(/,r=([^,]+)/, ",r=$1x");
    expect(() => server.finish(otherNonce)).toThrow(ScramError);
    expect(() => server.finish(session.response.replace(/,p=.*$/, ""))).toThrow(ScramError);
    expect(server.finish(session.response.replace(/,p=.*$/, ",p="))).toBeUndefined();
  });

  it("refuses channel binding it cannot do", () => {
    const server = new ScramExchange(createScramVerifier("pw"));
    expect(() => server.start("p=tls-server-end-point,,n=*,r=abc")).toThrow(ScramError);
  });
});
