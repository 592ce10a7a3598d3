// The model's responses on their way to the caller: each one's spoken items (audio cut into segments
// whose marks say how much was heard), its tool calls, and what happens once it was heard. A barge-in,
// a closing line or a dropped socket cuts them: every item still playing is truncated in the model's
// conversation at the millisecond the caller heard, and recorded as an interrupted turn with the words
// heard. Replies cut by a drop while their tools ran are kept as orphans: their outputs are owed an answer.
import type { AfterReply } from "../../../conversation/call-lifecycle";
import type { CallSink, TurnLatency, TurnRecord } from "../../../conversation/types";
import { S2S_SILENCE_MS } from "./config";
import type { HistoryLine } from "./history";
import type { S2sClientEvent } from "./socket";
import { itemOfSegment, SpokenItem } from "./spoken-item";

/** What the engine decided about a response before it started. */
export interface ReplyMeta {
  interruptible: boolean;
  after: AfterReply;
}

/** An interruptible reply with nothing to do once heard: an answer, a re-prompt. */
export const PLAIN_REPLY: ReplyMeta = { interruptible: true, after: { kind: "none" } };

export interface ToolCall {
  callId: string;
  name: string;
  args: string;
}

/** One model response and what happens once the caller has heard it. */
export interface Reply extends ReplyMeta {
  id: string;
  items: SpokenItem[];
  calls: ToolCall[];
  /** Its first tool call in the model's history: its words are logged before it. */
  callLine?: HistoryLine;
  done: boolean;
  toolsRunning: boolean;
  cancelled: boolean;
  startedAt: number;
  /** Answers to the caller's speech: when the caller stopped (for the turn's latency). */
  speechStoppedAt: number;
  firstAudioAt: number;
}

export interface RepliesDeps {
  sink: CallSink;
  send(event: S2sClientEvent): void;
  /** An agent turn: one of the reply's items, heard in full or up to a cut. */
  record(turn: Omit<TurnRecord, "index">, reply: Reply): void;
  rel(t: number): number;
  /** A sentence of the reply's words starts playing: the caller hears it from now. */
  sentenceStarted(segmentId: string, text: string): void;
}

export class Replies {
  private readonly pending = new Map<string, ReplyMeta>();
  private readonly byResponse = new Map<string, Reply>();
  private readonly items = new Map<string, SpokenItem>();
  private readonly itemReply = new Map<SpokenItem, Reply>();
  private open: Reply[] = [];
  private generating: Reply | null = null;
  private orphanList: Reply[] = [];
  private tags = 0;

  constructor(private readonly deps: RepliesDeps) {}

  /** A tag for a response the engine asks for, so that its response.created is recognised. */
  tag(meta: ReplyMeta): string {
    const tag = `fd${++this.tags}`;
    this.pending.set(tag, meta);
    return tag;
  }

  /** response.created. `requested` is false when the server's VAD started it on its own. */
  created(id: string, tag: string | undefined, now: number, speechStoppedAt: number): { reply: Reply; requested: boolean } {
    const meta = (tag && this.pending.get(tag)) || null;
    if (tag) this.pending.delete(tag);
    const reply: Reply = {
      id,
      interruptible: meta?.interruptible ?? true,
      after: meta?.after ?? { kind: "none" },
      items: [],
      calls: [],
      done: false,
      toolsRunning: false,
      cancelled: false,
      startedAt: now,
      speechStoppedAt: meta ? -1 : speechStoppedAt,
      firstAudioAt: -1,
    };
    this.byResponse.set(id, reply);
    return { reply, requested: meta !== null };
  }

  /** The reply generates and stays open until heard or cut. */
  begin(reply: Reply): void {
    this.generating = reply;
    this.open.push(reply);
  }

  /** A reply the call does not want (the caller spoke over a closing line). */
  refuse(reply: Reply): void {
    reply.cancelled = true;
    this.deps.send({ type: "response.cancel", response_id: reply.id });
  }

  itemAdded(responseId: string, itemId: string): void {
    const reply = this.byResponse.get(responseId);
    if (!reply || reply.cancelled) return;
    const item = new SpokenItem(itemId, this.deps.sink);
    reply.items.push(item);
    this.items.set(itemId, item);
    this.itemReply.set(item, reply);
  }

  /** false: the audio belongs to no reply still playing (in flight when the caller barged in). */
  audio(itemId: string, base64: string, now: number): boolean {
    const item = this.items.get(itemId);
    const reply = item && this.itemReply.get(item);
    if (!item || !reply || reply.cancelled) return false;
    if (reply.firstAudioAt < 0) reply.firstAudioAt = now;
    item.push(base64);
    this.tellSentences(item);
    return true;
  }

  audioDone(itemId: string): void {
    const item = this.items.get(itemId);
    item?.endAudio();
    if (item) this.tellSentences(item);
  }

  transcriptDelta(itemId: string, delta: string): void {
    const item = this.items.get(itemId);
    if (!item) return;
    item.addTranscript(delta);
    this.tellSentences(item);
  }

  transcriptDone(itemId: string, transcript: string): void {
    const item = this.items.get(itemId);
    if (!item) return;
    item.endTranscript(transcript);
    this.tellSentences(item);
  }

  toolCall(responseId: string, call: ToolCall): void {
    const reply = this.byResponse.get(responseId);
    if (reply && !reply.cancelled) reply.calls.push(call);
  }

  /** response.done: the reply has generated all it will. undefined: not one of this socket's replies. */
  done(responseId: string | undefined): Reply | undefined {
    const reply = responseId ? this.byResponse.get(responseId) : undefined;
    if (!reply) return undefined;
    this.byResponse.delete(reply.id);
    reply.done = true;
    if (this.generating === reply) this.generating = null;
    for (const item of reply.items) {
      // A cancelled or cut-short item gets no output_audio.done, nor its transcript's.
      item.endAudio();
      item.endTranscript();
      this.tellSentences(item);
    }
    return reply;
  }

  /** A mark echo of one of the model's segments: the reply it belongs to, while it plays. */
  marked(segmentId: string): Reply | undefined {
    const item = this.items.get(itemOfSegment(segmentId));
    if (!item) return undefined;
    item.markPlayed(segmentId);
    this.tellSentences(item);
    return this.itemReply.get(item);
  }

  /** Heard in full with nothing left running: recorded and closed. false: not yet. */
  complete(reply: Reply, now: number): boolean {
    if (!reply.done || reply.toolsRunning || !this.open.includes(reply)) return false;
    if (!reply.items.every((i) => i.fullyHeard)) return false;
    this.open = this.open.filter((r) => r !== reply);
    for (const item of reply.items) this.recordAgent(reply, item, now, false);
    return true;
  }

  /** Nothing is playing, generating, or owed an answer. */
  get idle(): boolean {
    return this.open.length === 0 && !this.generating && this.orphanList.length === 0;
  }

  /** A reply that must not be cut is playing (a closing line, a committed hand-over). */
  get holdsLine(): boolean {
    return this.open.some((r) => !r.interruptible);
  }

  /** A closing line or a committed hand-over is already on its way. */
  get closingLineOpen(): boolean {
    return this.open.some((r) => !r.interruptible && r.after.kind !== "none");
  }

  /** Stops every reply; truncates the model's items at what was heard. `heard`: the words the caller heard. */
  cut(now: number, clear: boolean): { heard: string; cut: boolean } {
    let heard = "";
    let playing = false;
    let cut = false;
    for (const reply of this.open) {
      reply.cancelled = true;
      for (const item of reply.items) {
        if (item.recorded) continue;
        if (item.fullyHeard) {
          this.recordAgent(reply, item, now, false);
          continue;
        }
        playing ||= item.playing;
        cut = true;
        const text = item.heardText();
        heard = heard ? `${heard} ${text}`.trim() : text;
        this.deps.send({ type: "conversation.item.truncate", item_id: item.itemId, content_index: 0, audio_end_ms: item.heardMs });
        this.recordAgent(reply, item, now, true);
        item.endAudio();
      }
    }
    if (this.generating) {
      this.deps.send({ type: "response.cancel", response_id: this.generating.id });
      this.generating.cancelled = true;
      this.generating = null;
      cut = true;
    }
    this.open = [];
    // Whatever the caller says now answers the outputs of tools still running: no answer is owed.
    this.orphanList = [];
    if (clear && playing) this.deps.sink.clear();
    return { heard, cut };
  }

  /**
   * The socket dropped: replies end as a barge-in would leave them, and ids belong to the dead
   * conversation. `terminal`: a hand-over or hang-up already committed to, still to be said.
   */
  drop(now: number): { cut: boolean; terminal: AfterReply | null } {
    const terminal = [...this.open, ...this.pending.values()].find((r) => r.after.kind !== "none")?.after ?? null;
    const running = [...this.orphanList, ...this.open.filter((r) => r.toolsRunning)];
    const { cut } = this.cut(now, true);
    this.orphanList = running;
    this.pending.clear();
    this.byResponse.clear();
    this.items.clear();
    this.itemReply.clear();
    return { cut, terminal };
  }

  /** Replies cut by a drop while their tools ran, not answered yet. */
  get orphans(): readonly Reply[] {
    return this.orphanList;
  }

  /** The orphans' outputs are being answered. */
  clearOrphans(): void {
    this.orphanList = [];
  }

  /** The call is over. */
  stop(): void {
    this.open = [];
    this.generating = null;
    this.orphanList = [];
  }

  /** The item's sentences that started playing. A cut item (recorded) tells nothing more: the caller never heard the rest. */
  private tellSentences(item: SpokenItem): void {
    if (this.itemReply.get(item)?.cancelled) return;
    for (const s of item.startedSentences()) this.deps.sentenceStarted(s.id, s.text);
  }

  private recordAgent(reply: Reply, item: SpokenItem, now: number, interrupted: boolean): void {
    if (item.recorded) return;
    item.recorded = true;
    this.items.delete(item.itemId);
    const text = item.transcript.trim();
    if (!text) return;
    const latency = latencyOf(reply);
    const turn = { role: "AGENT" as const, text, startMs: this.deps.rel(reply.startedAt), endMs: this.deps.rel(now) };
    this.deps.record({ ...turn, ...(interrupted ? { heardText: item.heardText(), interrupted: true } : {}), ...(latency ? { latency } : {}) }, reply);
  }
}

function latencyOf(reply: Reply): TurnLatency | undefined {
  if (reply.speechStoppedAt < 0 || reply.firstAudioAt < 0) return undefined;
  const llmMs = Math.max(0, Math.round(reply.firstAudioAt - reply.speechStoppedAt));
  // Server VAD: the trailing silence is the endpointing; everything after it is the model's (the
  // delta goes to the transport as it arrives, so the platform adds nothing measurable here).
  return { endpointMs: S2S_SILENCE_MS, sttMs: 0, llmMs, ttsMs: 0, platformMs: 0, totalMs: S2S_SILENCE_MS + llmMs };
}
