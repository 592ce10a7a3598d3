// A local server speaking Twilio's REST wire format (API 2010-04-01) for the pieces we use: Calls update,
// AvailablePhoneNumbers/{Country}/Local.json search, IncomingPhoneNumbers list/create/update/delete.
// Form bodies in, JSON out, HTTP basic auth checked, Twilio's error body on failure. It records every
// request (method, path, query, form, authorization) for assertions. Test support only.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  contentType: string | undefined;
  authorization: string | undefined;
}

export interface FakeNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: string;
  statusCallback: string;
  statusCallbackMethod: string;
}

export interface FakeTwilioRest {
  url: string;
  accountSid: string;
  authToken: string;
  requests: RecordedRequest[];
  /** IncomingPhoneNumbers the account holds, by SID. */
  owned: Map<string, FakeNumber>;
  /** What AvailablePhoneNumbers offers (E.164 + locality); search filters it by AreaCode / Contains. */
  available: { phoneNumber: string; locality: string; region: string; country: string }[];
  /** Calls that exist (an update to another SID is a 404, as Twilio answers). */
  calls: Set<string>;
  /** The next request answers with this status and Twilio error code instead (then clears). */
  failNext(status: number, code?: number, message?: string): void;
  /** Adds a number the account already holds (what "import" finds). */
  addOwned(phoneNumber: string): FakeNumber;
  close(): Promise<void>;
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const numberJson = (accountSid: string, n: FakeNumber) => ({
  sid: n.sid,
  account_sid: accountSid,
  phone_number: n.phoneNumber,
  friendly_name: n.friendlyName,
  voice_url: n.voiceUrl,
  voice_method: n.voiceMethod,
  status_callback: n.statusCallback,
  status_callback_method: n.statusCallbackMethod,
  capabilities: { voice: true, sms: true, mms: false, fax: false },
  uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${n.sid}.json`,
});

export async function startFakeTwilioRest(opts: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioRest> {
  const accountSid = opts.accountSid ?? sid("AC");
  const authToken = opts.authToken ?? randomBytes(16).toString("hex");
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  let fail: { status: number; code: number; message: string } | null = null;
  const state = {
    requests: [] as RecordedRequest[],
    owned: new Map<string, FakeNumber>(),
    available: [] as FakeTwilioRest["available"],
    calls: new Set<string>(),
  };
  const base = `/2010-04-01/Accounts/${accountSid}`;

  const addOwned = (phoneNumber: string, form: Record<string, string> = {}): FakeNumber => {
    const n: FakeNumber = {
      sid: sid("PN"),
      phoneNumber,
      friendlyName: form.FriendlyName ?? phoneNumber,
      voiceUrl: form.VoiceUrl ?? "",
      voiceMethod: form.VoiceMethod ?? "POST",
      statusCallback: form.StatusCallback ?? "",
      statusCallbackMethod: form.StatusCallbackMethod ?? "POST",
    };
    state.owned.set(n.sid, n);
    return n;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = await readBody(req);
      const record: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        form: Object.fromEntries(new URLSearchParams(body)),
        contentType: req.headers["content-type"],
        authorization: req.headers.authorization,
      };
      state.requests.push(record);
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      const error = (status: number, code: number, message: string) =>
        send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

      if (record.authorization !== expectedAuth) return error(401, 20003, "Authenticate");
      if (fail) {
        const f = fail;
        fail = null;
        return error(f.status, f.code, f.message);
      }
      if (!url.pathname.startsWith(`${base}/`)) return error(404, 20404, "The requested resource was not found");
      const rest = url.pathname.slice(base.length);

      let m = /^\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(rest);
      if (m && record.method === "POST") {
        if (!state.calls.has(m[1]!)) return error(404, 20404, `The requested resource ${url.pathname} was not found`);
        const status = record.form.Status ?? "in-progress";
        return send(200, { sid: m[1], account_sid: accountSid, status, uri: `${base}/Calls/${m[1]}.json` });
      }
      m = /^\/AvailablePhoneNumbers\/([A-Z]{2})\/Local\.json$/.exec(rest);
      if (m && record.method === "GET") {
        const { AreaCode: area, Contains: contains } = record.query;
        const size = Number(record.query.PageSize ?? 50);
        const list = state.available
          .filter((n) => n.country === m![1])
          .filter((n) => !area || n.phoneNumber.startsWith(`+1${area}`))
          .filter((n) => !contains || n.phoneNumber.replace(/^\+/, "").includes(contains.replace(/\*/g, "")))
          .slice(0, size)
          .map((n) => ({
            phone_number: n.phoneNumber,
            friendly_name: n.phoneNumber,
            locality: n.locality,
            region: n.region,
            iso_country: n.country,
            capabilities: { voice: true, SMS: true, MMS: false },
          }));
        return send(200, { available_phone_numbers: list, uri: url.pathname + url.search });
      }
      if (rest === "/IncomingPhoneNumbers.json" && record.method === "GET") {
        const filter = record.query.PhoneNumber;
        const list = [...state.owned.values()].filter((n) => !filter || n.phoneNumber.includes(filter));
        return send(200, { incoming_phone_numbers: list.map((n) => numberJson(accountSid, n)), next_page_uri: null, page: 0, page_size: 50, uri: rest });
      }
      if (rest === "/IncomingPhoneNumbers.json" && record.method === "POST") {
        const wanted = record.form.PhoneNumber ?? "";
        const offer = state.available.findIndex((n) => n.phoneNumber === wanted);
        if (offer < 0) return error(400, 21422, `PhoneNumber ${wanted} is not available`);
        state.available.splice(offer, 1);
        return send(201, numberJson(accountSid, addOwned(wanted, record.form)));
      }
      m = /^\/IncomingPhoneNumbers\/(PN[0-9a-f]{32})\.json$/.exec(rest);
      const number = m ? state.owned.get(m[1]!) : undefined;
      if (m && !number) return error(404, 20404, `The requested resource ${url.pathname} was not found`);
      if (number && record.method === "POST") {
        const f = record.form;
        Object.assign(number, {
          voiceUrl: f.VoiceUrl ?? number.voiceUrl,
          voiceMethod: f.VoiceMethod ?? number.voiceMethod,
          statusCallback: f.StatusCallback ?? number.statusCallback,
          statusCallbackMethod: f.StatusCallbackMethod ?? number.statusCallbackMethod,
        });
        return send(200, numberJson(accountSid, number));
      }
      if (number && record.method === "DELETE") {
        state.owned.delete(number.sid);
        return send(204);
      }
      return error(404, 20404, "The requested resource was not found");
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    ...state,
    failNext(status, code = 20500, message = "Internal Server Error") {
      fail = { status, code, message };
    },
    addOwned: (phoneNumber) => addOwned(phoneNumber),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDK keeps its sockets alive
      }),
  };
}
