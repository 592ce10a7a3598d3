// A finished call written straight into the e2e server's database and storage, as the voice server
// would leave it: turns (one interrupted agent turn, one tool turn), a transfer event, a message, and
// a stereo WAV recording (caller left, agent right) under the key the recorder uses.
import path from "node:path";
import pg from "pg";
import { wavHeader } from "@/lib/audio/wav";
import { recordingKey } from "@/lib/calls/recording";
import { LocalStorage } from "@/lib/providers/storage/local";
import { DB_URL, E2E, ROOT } from "./env";
import { uniqueId } from "./fixtures";

/** endpoint, STT, LLM first token, TTS first byte, and optionally the total wait (ms), as the CallTurn columns. */
export type SeedLatency = [endpoint: number, stt: number, llm: number, tts: number, total?: number];
export type SeedTurn = { role: "CALLER" | "AGENT" | "TOOL"; text: string; startMs: number; heardText?: string; toolName?: string; toolArgs?: unknown; toolResult?: unknown; latency?: SeedLatency };
export type SeedCall = {
  agentId?: string | null;
  fromNumber: string;
  status?: string;
  direction?: string;
  outcome?: string | null;
  startedAt: Date;
  durationSec: number;
  costCents?: number;
  turns?: SeedTurn[];
  transferTo?: string;
  /** audio: where the message was said in the recording (a message kept as audio). */
  message?: { callerName: string; callerPhone: string; body: string; urgency: "LOW" | "NORMAL" | "HIGH"; audio?: { startMs: number; endMs: number } };
  /** Seconds of recording to store (8 kHz stereo, a tone per side while that side speaks). */
  recordingSec?: number;
};

/** 8 kHz stereo PCM16: a 300 Hz tone on the left during caller turns, 500 Hz on the right during agent turns. */
export function toneWav(seconds: number, turns: SeedTurn[]): Buffer {
  const rate = 8000;
  const frames = seconds * rate;
  const pcm = Buffer.alloc(frames * 4);
  const speaking = (role: string, t: number) => turns.some((x, i) => x.role === role && t * 1000 >= x.startMs && t * 1000 < (turns[i + 1]?.startMs ?? seconds * 1000));
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    if (speaking("CALLER", t)) pcm.writeInt16LE(Math.round(12000 * Math.sin(2 * Math.PI * 300 * t)), i * 4);
    if (speaking("AGENT", t)) pcm.writeInt16LE(Math.round(9000 * Math.sin(2 * Math.PI * 500 * t)), i * 4 + 2);
  }
  return Buffer.concat([wavHeader(pcm.length, rate, 2), pcm]);
}

async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** The workspace of a signed-up owner. */
export function tenantIdOf(ownerEmail: string): Promise<string> {
  return withDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT m."tenantId" AS id FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = $1`,
      [ownerEmail.toLowerCase()],
    );
    if (rows.length !== 1) throw new Error(`no single workspace for ${ownerEmail}`);
    return rows[0]!.id;
  });
}

export async function seedCall(tenantId: string, c: SeedCall): Promise<{ id: string; messageId: string | null }> {
  const id = `e2ecall${uniqueId()}`;
  const turns = c.turns ?? [];
  const key = c.recordingSec ? recordingKey(tenantId, id) : null;
  if (key) await new LocalStorage(path.resolve(ROOT, E2E.storageDir)).put(key, toneWav(c.recordingSec!, turns), { contentType: "audio/wav" });
  const endedAt = new Date(c.startedAt.getTime() + c.durationSec * 1000);
  return withDb(async (db) => {
    await db.query(
      `INSERT INTO "Call" ("id","tenantId","agentId","providerCallId","fromNumber","toNumber","direction","status","startedAt","answeredAt","endedAt","durationSec","endedReason","outcome","costCents","costBreakdown","recordingKey","recordingDurationSec","updatedAt")
       VALUES ($1,$2,$3,$4,$5,'+15550100001',$6::"CallDirection",$7::"CallStatus",$8,$8,$9,$10,$11::"CallEndedReason",$12::"CallOutcome",$13,$14,$15,$16,now())`,
      [id, tenantId, c.agentId ?? null, `CA${id}`, c.fromNumber, c.direction ?? "INBOUND", c.status ?? "COMPLETED", c.startedAt, endedAt, c.durationSec,
        c.transferTo ? "TRANSFERRED" : "CALLER_HANGUP", c.outcome ?? null, c.costCents ?? 0, JSON.stringify({ telephonyCents: 2, sttCents: 1 }), key, c.recordingSec ?? null],
    );
    for (const [index, t] of turns.entries()) {
      await db.query(
        `INSERT INTO "CallTurn" ("id","tenantId","callId","index","role","text","heardText","interrupted","startMs","endMs","toolName","toolArgs","toolResult","endpointLatencyMs","sttLatencyMs","llmLatencyMs","ttsLatencyMs","totalLatencyMs")
         VALUES ($1,$2,$3,$4,$5::"TurnRole",$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
        [`${id}t${index}`, tenantId, id, index, t.role, t.text, t.heardText ?? null, t.heardText !== undefined, t.startMs, turns[index + 1]?.startMs ?? c.durationSec * 1000,
          t.toolName ?? null, t.toolArgs === undefined ? null : JSON.stringify(t.toolArgs), t.toolResult === undefined ? null : JSON.stringify(t.toolResult), ...latencyColumns(t.latency)],
      );
    }
    if (c.transferTo) {
      await db.query(`INSERT INTO "CallEvent" ("id","tenantId","callId","type","payload","at") VALUES ($1,$2,$3,'transfer',$4,$5)`, [`${id}ev`, tenantId, id, JSON.stringify({ to: c.transferTo }), endedAt]);
    }
    let messageId: string | null = null;
    if (c.message) {
      messageId = `${id}m`;
      const m = c.message;
      await db.query(
        `INSERT INTO "Message" ("id","tenantId","agentId","callId","callerName","callerPhone","body","urgency","audioStartMs","audioEndMs","updatedAt","createdAt") VALUES ($1,$2,$3,$4,$5,$6,$7,$8::"MessageUrgency",$9,$10,now(),$11)`,
        [messageId, tenantId, c.agentId ?? null, id, m.callerName, m.callerPhone, m.body, m.urgency, m.audio?.startMs ?? null, m.audio?.endMs ?? null, endedAt],
      );
    }
    return { id, messageId };
  });
}

function latencyColumns(l: SeedLatency | undefined): (number | null)[] {
  return l ? [l[0], l[1], l[2], l[3], l[4] ?? null] : [null, null, null, null, null];
}
