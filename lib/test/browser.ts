// A browser's cookie handling, enough to drive /api/auth/* and /api/v1/* route handlers in db tests:
// keeps Set-Cookie values (Max-Age=0 deletes), sends them back, and can hold a response to apply its
// cookies later, the way a slow response lands after a quicker one.
import { ORIGIN } from "./factories";

// any: each route's params type differs, and a handler taking Promise<{ id: string }> is not
// assignable to one taking Promise<unknown>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

export class TestBrowser {
  readonly jar = new Map<string, string>();
  userAgent = "TestBrowser/1.0 (vitest)";

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Stores a response's cookies, as the browser does when the response arrives. */
  receive(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/;\s*max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  request(method: string, path: string, body?: { form?: Record<string, string>; json?: unknown }): Request {
    const headers = new Headers({ host: new URL(ORIGIN).host, "user-agent": this.userAgent });
    if (this.jar.size) headers.set("cookie", this.cookieHeader());
    if (method !== "GET") headers.set("origin", ORIGIN);
    let payload: string | undefined;
    if (body?.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      payload = new URLSearchParams(body.form).toString();
    } else if (body?.json !== undefined) {
      headers.set("content-type", "application/json");
      payload = JSON.stringify(body.json);
    }
    return new Request(`${ORIGIN}${path}`, { method, headers, body: payload });
  }

  /** Sends a request without storing its cookies yet (see receive). */
  send(handler: Handler, method: string, path: string, params: unknown = {}, body?: { form?: Record<string, string>; json?: unknown }) {
    return handler(this.request(method, path, body), { params: Promise.resolve(params) });
  }

  async call(handler: Handler, method: string, path: string, params: unknown = {}, body?: { form?: Record<string, string>; json?: unknown }) {
    return this.receive(await this.send(handler, method, path, params, body));
  }
}
