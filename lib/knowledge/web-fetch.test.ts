// fetchWebPage against local HTTP servers: 127.0.0.1 stands in for a public site (treatAsPublic), and
// 127.0.0.2 is the private target an attacker wants reached; it must never see a request.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DocumentFailure } from "./types";
import type { LookupAll } from "./url-safety";
import { fetchWebPage, type FetchWebPageOptions } from "./web-fetch";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes = new Map<string, Handler>();
let publicPort = 0;
let privatePort = 0;
let privateHits = 0;
const servers: http.Server[] = [];

async function listen(host: string, handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  publicPort = await listen("127.0.0.1", (req, res) => {
    const handler = routes.get(req.url ?? "");
    if (handler) handler(req, res);
    else res.writeHead(404, "Not Found").end();
  });
  privatePort = await listen("127.0.0.2", (_req, res) => {
    privateHits++;
    res.writeHead(200, { "content-type": "text/html" }).end("<p>internal secrets</p>");
  });
});

afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

beforeEach(() => {
  privateHits = 0;
  routes.clear();
});

const lookups: string[] = [];
const dns =
  (table: Record<string, string[]>): LookupAll =>
  async (host) => {
    lookups.push(host);
    const next = table[host]?.length && table[host]!.length > 1 ? [table[host]!.shift()!] : (table[host] ?? []);
    return next.map((address) => ({ address, family: 4 as const }));
  };

const opts = (table: Record<string, string[]> = {}, more: FetchWebPageOptions = {}): FetchWebPageOptions => ({
  lookup: dns({ "shop.test": ["127.0.0.1"], "evil.test": ["127.0.0.2"], ...table }),
  allowPrivate: false,
  treatAsPublic: (address) => address === "127.0.0.1",
  ...more,
});

async function failure(promise: Promise<unknown>): Promise<DocumentFailure> {
  const err = await promise.then(
    () => new Error("fetch succeeded"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentFailure);
  expect((err as DocumentFailure).code).toBe("FETCH_FAILED");
  return err as DocumentFailure;
}

const shop = (path: string) => `http://shop.test:${publicPort}${path}`;

describe("fetchWebPage", () => {
  it("fetches a page through the checked address and follows a safe redirect", async () => {
    routes.set("/old", (_q, r) => r.writeHead(301, { location: "/prices" }).end());
    routes.set("/prices", (_q, r) => r.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<h1>Prices</h1>"));
    const page = await fetchWebPage(shop("/old"), opts());
    expect(Buffer.from(page.bytes).toString()).toBe("<h1>Prices</h1>");
    expect(page.contentType).toBe("text/html");
    expect(page.finalUrl).toBe(shop("/prices"));
  });

  it("decodes a compressed body", async () => {
    routes.set("/gz", (_q, r) => r.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync("hello there")));
    expect(Buffer.from((await fetchWebPage(shop("/gz"), opts())).bytes).toString()).toBe("hello there");
  });

  it("refuses a redirect to a name that resolves to a private address", async () => {
    routes.set("/go", (_q, r) => r.writeHead(302, { location: `http://evil.test:${privatePort}/admin` }).end());
    const err = await failure(fetchWebPage(shop("/go"), opts()));
    expect(err.message).toMatch(/evil\.test points to 127\.0\.0\.2 is a loopback address/);
    expect(privateHits).toBe(0);
  });

  it("refuses redirects to private literals and to other schemes", async () => {
    routes.set("/lit", (_q, r) => r.writeHead(307, { location: `http://127.0.0.2:${privatePort}/` }).end());
    routes.set("/meta", (_q, r) => r.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end());
    routes.set("/file", (_q, r) => r.writeHead(302, { location: "file:///etc/passwd" }).end());
    expect((await failure(fetchWebPage(shop("/lit"), opts()))).message).toMatch(/loopback/);
    expect((await failure(fetchWebPage(shop("/meta"), opts()))).message).toMatch(/metadata/);
    expect((await failure(fetchWebPage(shop("/file"), opts()))).message).toMatch(/Only http and https/);
    expect(privateHits).toBe(0);
  });

  it("refuses a name resolving to 127.0.0.1 when nothing is trusted", async () => {
    routes.set("/", (_q, r) => r.writeHead(200, { "content-type": "text/html" }).end("x"));
    const err = await failure(fetchWebPage(shop("/"), { ...opts(), treatAsPublic: undefined }));
    expect(err.message).toMatch(/shop\.test points to 127\.0\.0\.1 is a loopback/);
  });

  it("connects to the checked address even when the name resolves elsewhere a moment later", async () => {
    routes.set("/", (_q, r) => r.writeHead(200, { "content-type": "text/plain" }).end("the checked site"));
    lookups.length = 0;
    // First answer public (checked), the next one private: the socket must not ask again.
    const page = await fetchWebPage(`http://rebind.test:${publicPort}/`, opts({ "rebind.test": ["127.0.0.1", "127.0.0.2"] }));
    expect(Buffer.from(page.bytes).toString()).toBe("the checked site");
    expect(lookups.filter((h) => h === "rebind.test")).toHaveLength(1);
    expect(privateHits).toBe(0);
  });

  it("refuses content that is not a page or document", async () => {
    routes.set("/img", (_q, r) => r.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(10)));
    expect((await failure(fetchWebPage(shop("/img"), opts()))).message).toBe("The page is image/png, not a web page or document");
  });

  it("stops at the size limit, declared or streamed", async () => {
    routes.set("/declared", (_q, r) => r.writeHead(200, { "content-type": "text/plain", "content-length": "50000" }).end("x".repeat(50_000)));
    let sent = 0;
    routes.set("/streamed", (_q, r) => {
      r.writeHead(200, { "content-type": "text/plain" });
      // Writes until the client hangs up (or 1 MB, far past the limit, has gone out).
      const timer = setInterval(() => {
        sent += 4096;
        r.write("y".repeat(4096));
        if (sent > 1_000_000) {
          clearInterval(timer);
          r.end();
        }
      }, 1);
      r.on("close", () => clearInterval(timer));
    });
    expect((await failure(fetchWebPage(shop("/declared"), opts({}, { maxBytes: 10_000 })))).message).toMatch(/larger than/);
    expect((await failure(fetchWebPage(shop("/streamed"), opts({}, { maxBytes: 10_000 })))).message).toMatch(/larger than/);
    expect(sent).toBeLessThan(1_000_000);
  });

  it("gives up after its deadline and after too many redirects, and reports error statuses", async () => {
    routes.set("/slow", () => undefined); // never answers
    routes.set("/loop", (_q, r) => r.writeHead(302, { location: "/loop" }).end());
    expect((await failure(fetchWebPage(shop("/slow"), opts({}, { timeoutMs: 300 })))).message).toMatch(/did not send the page within 0\.3 seconds/);
    expect((await failure(fetchWebPage(shop("/loop"), opts()))).message).toMatch(/redirected more than 5 times/);
    expect((await failure(fetchWebPage(shop("/missing"), opts()))).message).toMatch(/answered 404 Not Found/);
  });
});
