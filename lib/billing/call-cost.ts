// What one call cost, from its usage records and the price table (pure: no database, no clock).
//
// Rounding, so every figure adds up exactly:
//  - each usage record is costed in whole micros, half up: round(quantity / unitSize × unitPrice);
//  - a line (one usage kind from one provider/model) is the sum of its records; the total is the sum of
//    the lines. Telephony is one line from the call's duration (Twilio: whole started minutes), its
//    micros shared among the CALL_SECONDS records by their seconds;
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
  type TelephonyChannel,
} from "./prices";

export type Capability = "llm" | "stt" | "tts" | "embeddings" | "telephony";
export type UsageSource = { provider: string; model?: string };
/** Which provider and model produced each capability's usage on this call (Call.metadata.usageSources). */
export type UsageSources = Partial<Record<Exclude<Capability, "telephony">, UsageSource>>;

export interface CallCostInput {
  usage: readonly { kind: UsageKind; quantity: number }[];
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

/** How one record of `kind` is priced; null for kinds that are not a call's own (PHONE_NUMBER_DAYS) or priced per call (CALL_SECONDS). */
export function priceOf(kind: UsageKind, sources: UsageSources): Priced | null {
  switch (kind) {
    case "LLM_INPUT_TOKENS":
    case "LLM_OUTPUT_TOKENS": {
      const p = lookupPrice(LLM_PRICES, "llm", sources.llm, UNRECORDED_PROVIDER.llm);
      const price = kind === "LLM_INPUT_TOKENS" ? p.price.input : p.price.output;
      return { capability: "llm", ...p, unit: "tokens", per: PER_MILLION_TOKENS, price };
    }
    case "STT_SECONDS":
      return { capability: "stt", ...lookupPrice(STT_PRICES, "stt", sources.stt, UNRECORDED_PROVIDER.stt), unit: "seconds", per: PER_MINUTE };
    case "TTS_CHARACTERS":
      return { capability: "tts", ...lookupPrice(TTS_PRICES, "tts", sources.tts, UNRECORDED_PROVIDER.tts), unit: "characters", per: PER_THOUSAND_CHARACTERS };
    case "EMBEDDING_TOKENS":
      return { capability: "embeddings", ...lookupPrice(EMBEDDING_PRICES, "embeddings", sources.embeddings, UNRECORDED_PROVIDER.embeddings), unit: "tokens", per: PER_MILLION_TOKENS };
    default:
      return null;
  }
}

/** µ$ of one usage record (0 for kinds costed per call); the call persistence stores it as it writes the record. */
export function recordMicros(kind: UsageKind, quantity: number, sources: UsageSources): number {
  const p = priceOf(kind, sources);
  return p && quantity > 0 ? Math.round((quantity / p.per) * p.price) : 0;
}

export function computeCallCost(input: CallCostInput): CallCost {
  const lines = new Map<string, CostLine>();
  const warnings = new Set<string>();
  const records = input.usage.map((u) => {
    const p = priceOf(u.kind, input.sources);
    if (!p || !(u.quantity > 0)) return 0;
    if (p.warning) warnings.add(p.warning);
    const micros = recordMicros(u.kind, u.quantity, input.sources);
    const key = `${u.kind}|${p.provider}|${p.model}`;
    const line = lines.get(key) ?? { capability: p.capability, kind: u.kind, provider: p.provider, model: p.model, quantity: 0, unit: p.unit, unitPriceMicros: p.price, per: p.per, micros: 0 };
    line.quantity += u.quantity;
    line.micros += micros;
    lines.set(key, line);
    return micros;
  });

  const telephony = telephonyLine(input);
  const all = [...lines.values(), telephony];
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
