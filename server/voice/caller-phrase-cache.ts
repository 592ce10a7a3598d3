// Per agent configuration, the caller phrases a call opens with (see createCallerPhraseCache).
import { createHash } from "node:crypto";
import type { AgentProfile, ResponderProvider } from "../../lib/providers/responder/types";
import { normalizePhrase } from "../../lib/providers/speech/local/grammar";

/** Agent configurations kept at once (a voice server answers many agents); an entry is some 40 kB. */
export const CALLER_PHRASE_CACHE_SIZE = 64;

/**
 * The sentences an agent's callers are expected to say (for the recogniser) and the same normalised as
 * the recogniser writes them (hearing one is a finished thought, for the endpointing), per agent
 * configuration. Every call to an agent needs the same lists, and making them is ~3-4 ms of string work
 * on the event loop per call (some 700 phrases through a dozen regular expressions): at a burst of call
 * arrivals that was a stall every live call's audio felt. Keyed by a hash of the whole profile, so any change to
 * the agent (FAQ, services, knowledge, or anything a responder may read) makes a new entry; the least
 * recently used entries go past CALLER_PHRASE_CACHE_SIZE. The lists are shared: nobody changes them.
 */
export function createCallerPhraseCache(responders: Pick<ResponderProvider, "expectedCallerPhrases">, size = CALLER_PHRASE_CACHE_SIZE) {
  const entries = new Map<string, { phrases: readonly string[]; sentences: ReadonlySet<string> }>();
  return {
    of(profile: AgentProfile) {
      const key = createHash("sha256").update(JSON.stringify(profile)).digest("base64url");
      let entry = entries.get(key);
      if (entry) {
        entries.delete(key); // re-inserted below: Map order is the recency order
      } else {
        const phrases = Object.freeze(responders.expectedCallerPhrases?.(profile) ?? []);
        entry = { phrases, sentences: new Set(phrases.map((p) => normalizePhrase(p).join(" "))) };
      }
      entries.set(key, entry);
      if (entries.size > size) entries.delete(entries.keys().next().value!);
      return entry;
    },
    get size() {
      return entries.size;
    },
  };
}
