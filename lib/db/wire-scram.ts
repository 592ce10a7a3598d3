// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677), the password exchange PostgreSQL uses by
// default. Chosen over MD5 and cleartext because the password never crosses the socket, not even
// hashed: the client proves it knows the password, and the server proves it knows it too. No
// channel binding (the embedded server refuses SSL), which is what clients ask for without TLS.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export const SCRAM_MECHANISM = "SCRAM-SHA-256";
// PostgreSQL's default scram_iterations; clients refuse far higher counts (pg: 100000).
const ITERATIONS = 4096;

/** What a server stores instead of the password (PostgreSQL's rolpassword holds the same four). */
export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text, "utf8").digest();
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();

export function createScramVerifier(password: string): ScramVerifier {
  const salt = randomBytes(16);
  // SASLprep is the identity for the ASCII passwords we generate; NFKC covers typed ones.
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, ITERATIONS, 32, "sha256");
  return { salt, iterations: ITERATIONS, storedKey: sha256(hmac(salted, "Client Key")), serverKey: hmac(salted, "Server Key") };
}

export class ScramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScramError";
  }
}

function attributes(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split(",")) {
    const eq = part.indexOf("=");
    if (eq === 1) map.set(part[0]!, part.slice(2));
  }
  return map;
}

/** One connection's exchange: `start` answers the client-first-message, `finish` the client-final. */
export class ScramExchange {
  private clientFirstBare = "";
  private serverFirst = "";
  private gs2Header = "";
  private nonce = "";

  constructor(private readonly verifier: ScramVerifier) {}

  start(clientFirst: string): string {
    // gs2-header: "n,," (client has no channel binding) or "y,," (it could, but we offered none).
    const match = /^([ny]),([^,]*),(.*)$/.exec(clientFirst);
    if (!match) throw new ScramError("malformed SCRAM client-first-message (channel binding is not supported)");
    this.gs2Header = `${match[1]},${match[2]},`;
    this.clientFirstBare = match[3]!;
    const clientNonce = attributes(this.clientFirstBare).get("r");
    if (!clientNonce) throw new ScramError("SCRAM client-first-message has no nonce");
    this.nonce = clientNonce + randomBytes(18).toString("base64");
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString("base64")},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** The server-final-message when the proof is right, else undefined. */
  finish(clientFinal: string): string | undefined {
    const proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0) throw new ScramError("SCRAM client-final-message has no proof");
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get("c") !== Buffer.from(this.gs2Header).toString("base64")) throw new ScramError("SCRAM channel binding mismatch");
    if (attrs.get("r") !== this.nonce) throw new ScramError("SCRAM nonce mismatch");
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== signature.length) return undefined;
    const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]!));
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString("base64")}`;
  }
}
