// What one call cost, from its usage records and the price table (pure: no database, no clock).
//
// Rounding, so every figure adds up exactly:
//  - each usage record is costed in whole micros, half up: round(quantity / unitSize × unitPrice);
//  - a line (one usage kind from one provider/model) is the sum of its records; the total is the sum of
//    the lines. Telephony is one line from the call's duration (Twilio: whole started minutes), its
//    micros shared among the CALL_SECONDS records by their seconds; a transfer's <Dial> leg
//    (TRANSFER_SECONDS) is an outbound call of its own, each record rounded as its channel bills it;
//  - the Call stores cents: the total micros rounded half up to a cent, and the per-capability cents
//    split by largest remainder so they add up to the total (a call of many tiny parts is not 0 + 0 + 0).
import type { UsageKind } from "../db/generated/enums";
import {
  EMBEDDING_PRICES,
  LLM_PRICES,
  lookupPrice,
  PER_MILLION_TOKENS,
  PER_MINUTE,
  PER_THOUSAND_CHARACTERS,
  PRICES_AS_OF,
  STT_PRICES,
  TELEPHONY_PRICES,
  TTS_PRICES,
  UNRECORDED_PROVIDER,
  type ProviderPrices,
  type TelephonyChannel,
} from "./prices";

export type Capability = "llm" | "stt" | "tts" | "embeddings" | "telephony";
export type UsageSource = { provider: string; model?: string };
/** Which provider and model produced each capability's usage on this call (Call.metadata.usageSources). */
export type UsageSources = Partial<Record<Exclude<Capability, "telephony">, UsageSource>>;

/**
 * One usage record. `model`: what the quantity was used with when it was not the call's own source (the
 * fallback LLM, the local voice after an ElevenLabs failure); null/absent = the capability's source.
 */
export type CostedUsage = { kind: UsageKind; quantity: number; model?: string | null };

export interface CallCostInput {
  usage: readonly CostedUsage[];
  sources: UsageSources;
  telephony: { channel: TelephonyChannel; direction: "INBOUND" | "OUTBOUND"; durationSec: number | null };
}

export interface CostLine {
  capability: Capability;
  kind: UsageKind;
  provider: string;
  model: string | null;
  /** In `unit`s: tokens, seconds, characters, minutes. */
  quantity: number;
  unit: string;
  /** µ$ per `per` units. */
  unitPriceMicros: number;
  per: number;
  micros: number;
}

export type CostBreakdown = Partial<Record<`${Capability}Cents`, number>>;

export interface CallCost {
  totalCents: number;
  totalMicros: number;
  /** Cents per capability (keys end in "Cents": the call page shows them as money); they sum to totalCents. */
  breakdown: CostBreakdown;
  lines: CostLine[];
  /** µ$ of each input usage record, in input order (UsageRecord.costMicros). */
  recordMicros: number[];
  warnings: string[];
}

type Priced = { capability: Exclude<Capability, "telephony">; provider: string; model: string; unit: string; per: number; price: number; warning?: string };

/**
 * The source a record is priced by: the capability's own, or the record's model. A model that names a
 * provider of the table ("local": the voice that finished a sentence ElevenLabs dropped) is that
 * provider; any other is a model of the capability's provider (the fallback LLM).
 */
function sourceOf<P>(table: Record<string, ProviderPrices<P>>, source: UsageSource | undefined, model: string | null | undefined): UsageSource | undefined {
  if (!model) return source;
  if (Object.hasOwn(table, model)) return { provider: model, model };
  return { provider: source?.provider ?? "", model };
}

/**
 * How one record of `kind` is priced; null for kinds that are not a call's own (PHONE_NUMBER_DAYS) or
 * priced from the call's channel (CALL_SECONDS, TRANSFER_SECONDS).
 */
export function priceOf(kind: UsageKind, sources: UsageSources, model?: string | null): Priced | null {
  switch (kind) {
    case "LLM_INPUT_TOKENS":
    case "LLM_OUTPUT_TOKENS": {
      const p = lookupPrice(LLM_PRICES, "llm", sourceOf(LLM_PRICES, sources.llm, model), UNRECORDED_PROVIDER.llm);
      const price = kind === "LLM_INPUT_TOKENS" ? p.price.input : p.price.output;
      return { capability: "llm", ...p, unit: "tokens", per: PER_MILLION_TOKENS, price };
    }
    case "STT_SECONDS":
      return { capability: "stt", ...lookupPrice(STT_PRICES, "stt", sourceOf(STT_PRICES, sources.stt, model), UNRECORDED_PROVIDER.stt), unit: "seconds", per: PER_MINUTE };
    case "TTS_CHARACTERS":
      return { capability: "tts", ...lookupPrice(TTS_PRICES, "tts", sourceOf(TTS_PRICES, sources.tts, model), UNRECORDED_PROVIDER.tts), unit: "characters", per: PER_THOUSAND_CHARACTERS };
    case "EMBEDDING_TOKENS":
      return { capability: "embeddings", ...lookupPrice(EMBEDDING_PRICES, "embeddings", sourceOf(EMBEDDING_PRICES, sources.embeddings, model), UNRECORDED_PROVIDER.embeddings), unit: "tokens", per: PER_MILLION_TOKENS };
    default:
      return null;
  }
}

/** µ$ of one usage record (0 for kinds costed from the call's channel); the call persistence stores it as it writes the record. */
export function recordMicros(kind: UsageKind, quantity: number, sources: UsageSources, model?: string | null): number {
  const p = priceOf(kind, sources, model);
  return p && quantity > 0 ? Math.round((quantity / p.per) * p.price) : 0;
}

export function computeCallCost(input: CallCostInput): CallCost {
  const lines = new Map<string, CostLine>();
  const warnings = new Set<string>();
  const records = input.usage.map((u) => {
    const p = priceOf(u.kind, input.sources, u.model);
    if (!p || !(u.quantity > 0)) return 0;
    if (p.warning) warnings.add(p.warning);
    const micros = recordMicros(u.kind, u.quantity, input.sources, u.model);
    const key = `${u.kind}|${p.provider}|${p.model}`;
    const line = lines.get(key) ?? { capability: p.capability, kind: u.kind, provider: p.provider, model: p.model, quantity: 0, unit: p.unit, unitPriceMicros: p.price, per: p.per, micros: 0 };
    line.quantity += u.quantity;
    line.micros += micros;
    lines.set(key, line);
    return micros;
  });

  const telephony = telephonyLine(input);
  const transfer = transferLine(input, records);
  const all = [...lines.values(), telephony, ...(transfer ? [transfer] : [])];
  // CALL_SECONDS records share the telephony line by their seconds; the last takes the rounding rest.
  const callSeconds = input.usage.flatMap((u, i) => (u.kind === "CALL_SECONDS" && u.quantity > 0 ? [i] : []));
  const seconds = callSeconds.reduce((s, i) => s + input.usage[i]!.quantity, 0);
  let given = 0;
  callSeconds.forEach((i, n) => {
    const share = n === callSeconds.length - 1 ? telephony.micros - given : Math.round((telephony.micros * input.usage[i]!.quantity) / seconds);
    records[i] = share;
    given += share;
  });

  const byCapability = new Map<Capability, number>();
  for (const l of all) byCapability.set(l.capability, (byCapability.get(l.capability) ?? 0) + l.micros);
  const totalMicros = all.reduce((s, l) => s + l.micros, 0);
  const totalCents = Math.round(totalMicros / 10_000);
  return { totalCents, totalMicros, breakdown: splitCents(byCapability, totalCents), lines: all, recordMicros: records, warnings: [...warnings] };
}

function telephonyLine(input: CallCostInput): CostLine {
  const { channel, direction, durationSec } = input.telephony;
  const rates = TELEPHONY_PRICES[channel];
  // Twilio's billed duration when it reported one (Call.durationSec), else the seconds the engine counted.
  const seconds = durationSec ?? input.usage.reduce((s, u) => s + (u.kind === "CALL_SECONDS" && u.quantity > 0 ? u.quantity : 0), 0);
  const minutes = rates.roundUpToMinute ? Math.ceil(seconds / 60) : seconds / 60;
  const price = rates[direction];
  return { capability: "telephony", kind: "CALL_SECONDS", provider: channel, model: null, quantity: minutes, unit: "minutes", unitPriceMicros: price, per: 1, micros: Math.round(minutes * price) };
}

/**
 * A transfer's forwarded leg: Twilio bills each <Dial> as an outbound call of its own (its own started
 * minutes), so every TRANSFER_SECONDS record is rounded on its own and its micros are written to `records`.
 */
function transferLine(input: CallCostInput, records: number[]): CostLine | null {
  const rates = TELEPHONY_PRICES[input.telephony.channel];
  let line: CostLine | null = null;
  for (const [i, u] of input.usage.entries()) {
    if (u.kind !== "TRANSFER_SECONDS" || !(u.quantity > 0)) continue;
    const minutes = rates.roundUpToMinute ? Math.ceil(u.quantity / 60) : u.quantity / 60;
    const micros = Math.round(minutes * rates.OUTBOUND);
    records[i] = micros;
    line ??= { capability: "telephony", kind: "TRANSFER_SECONDS", provider: input.telephony.channel, model: null, quantity: 0, unit: "minutes", unitPriceMicros: rates.OUTBOUND, per: 1, micros: 0 };
    line.quantity += minutes;
    line.micros += micros;
  }
  return line;
}

/** Whole cents per capability, summing exactly to `totalCents`: floors first, then a cent each to the largest remainders. */
function splitCents(micros: Map<Capability, number>, totalCents: number): CostBreakdown {
  const parts = [...micros].map(([capability, m]) => ({ capability, cents: Math.floor(m / 10_000), rest: m % 10_000 }));
  let left = totalCents - parts.reduce((s, p) => s + p.cents, 0);
  for (const p of [...parts].sort((a, b) => b.rest - a.rest)) {
    if (left <= 0) break;
    p.cents++;
    left--;
  }
  return Object.fromEntries(parts.map((p) => [`${p.capability}Cents`, p.cents])) as CostBreakdown;
}

/** What Call.costBreakdown stores: the cents per capability, and the lines and prices behind them. */
export function toStoredBreakdown(cost: CallCost) {
  return { ...cost.breakdown, lines: cost.lines, pricesAsOf: PRICES_AS_OF, ...(cost.warnings.length ? { warnings: cost.warnings } : {}) };
}
