// The SSRF rules of web-page import: what a URL resolves to decides, however it is spelled.
import { describe, expect, it } from "vitest";
import { addressProblem, checkWebUrl, parseWebUrl, UrlRefusedError, type LookupAll } from "./url-safety";

const PUBLIC = "93.184.216.34";
const dns =
  (table: Record<string, string[]>): LookupAll =>
  async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

async function refusal(raw: string, lookup: LookupAll = dns({}), allowPrivate = false) {
  try {
    await checkWebUrl(raw, { lookup, allowPrivate });
  } catch (err) {
    if (err instanceof UrlRefusedError) return err;
    throw err;
  }
  throw new Error(`${raw} was accepted`);
}

describe("addressProblem", () => {
  it("accepts public unicast addresses only", () => {
    expect(addressProblem(PUBLIC)).toBeNull();
    expect(addressProblem("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255"]) {
      expect(addressProblem(ip), ip).not.toBeNull();
    }
    for (const ip of ["::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "2002:7f00:1::", "64:ff9b::7f00:1"]) {
      expect(addressProblem(ip), ip).not.toBeNull();
    }
  });

  it("judges an IPv4-mapped IPv6 address by the IPv4 address it carries", () => {
    expect(addressProblem("::ffff:127.0.0.1")).toMatch(/^127\.0\.0\.1 is a loopback/);
    expect(addressProblem("::ffff:10.0.0.1")).toMatch(/private/);
    expect(addressProblem(`::ffff:${PUBLIC}`)).toBeNull();
  });

  it("names the metadata address", () => {
    expect(addressProblem("169.254.169.254")).toMatch(/metadata/);
  });
});

describe("parseWebUrl", () => {
  it("takes http and https without credentials", () => {
    expect(parseWebUrl(" https://example.com/a?b=1 ").href).toBe("https://example.com/a?b=1");
    for (const raw of ["ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/", "not a url"]) {
      expect(() => parseWebUrl(raw), raw).toThrow(UrlRefusedError);
    }
    expect(() => parseWebUrl("https://user:pw@example.com/")).toThrow(/user name or password/);
  });
});

describe("checkWebUrl", () => {
  it("accepts a name whose every address is public, on any port", async () => {
    const { url, addresses } = await checkWebUrl("https://shop.test:8443/prices", { lookup: dns({ "shop.test": [PUBLIC] }), allowPrivate: false });
    expect(url.port).toBe("8443");
    expect(addresses).toEqual([{ address: PUBLIC, family: 4 }]);
  });

  it("refuses loopback literals however they are written", async () => {
    for (const raw of ["http://127.0.0.1/", "http://[::1]/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/", "http://[::ffff:127.0.0.1]/"]) {
      const err = await refusal(raw);
      expect(err.kind, raw).toBe("unsafe");
      expect(err.message, raw).toMatch(/loopback/);
    }
  });

  it("refuses private, link-local and metadata addresses and names", async () => {
    expect((await refusal("http://10.0.0.5/admin")).message).toMatch(/private network/);
    expect((await refusal("http://169.254.169.254/latest/meta-data/")).message).toMatch(/metadata/);
    expect((await refusal("http://metadata.google.internal/computeMetadata/v1/")).message).toMatch(/internal name/);
    expect((await refusal("http://localhost:3000/")).message).toMatch(/internal name/);
    expect((await refusal("http://app.localhost/")).message).toMatch(/internal name/);
  });

  it("refuses a name that resolves to a private address", async () => {
    const err = await refusal("http://evil.test/", dns({ "evil.test": ["127.0.0.1"] }));
    expect(err.kind).toBe("unsafe");
    expect(err.message).toMatch(/^evil\.test points to 127\.0\.0\.1 is a loopback/);
  });

  it("refuses a name with one public and one private address", async () => {
    const err = await refusal("http://mixed.test/", dns({ "mixed.test": [PUBLIC, "10.0.0.7"] }));
    expect(err.message).toMatch(/10\.0\.0\.7/);
    const v6 = await refusal("http://mixed6.test/", dns({ "mixed6.test": [PUBLIC, "::ffff:192.168.0.1"] }));
    expect(v6.message).toMatch(/192\.168\.0\.1/);
  });

  it("says when a name does not resolve", async () => {
    const err = await refusal("https://nowhere.test/", dns({}));
    expect(err.kind).toBe("unresolvable");
    expect(err.message).toMatch(/nowhere\.test could not be found/);
  });

  it("lets private addresses through only when allowed (development)", async () => {
    const { addresses } = await checkWebUrl("http://127.0.0.1:4000/", { allowPrivate: true });
    expect(addresses[0]!.address).toBe("127.0.0.1");
    await expect(checkWebUrl("http://127.0.0.1:4000/", { allowPrivate: false })).rejects.toThrow(UrlRefusedError);
  });
});
