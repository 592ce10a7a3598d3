// Refuses guessable passwords, not only short ones: zxcvbn-ts estimates how many guesses a password
// takes against common-password lists, English words, names, keyboard patterns, dates and the
// person's own details, and we require score >= MIN_SCORE ("safely unguessable" to slow online
// guessing). Used by sign-up and by anything that sets a password (password change).
//
// The dictionaries are ~7 MB of JS and ~40 MB of heap: loaded on the first check, once per process.
// The check is synchronous CPU on the request's event loop, so its input is bounded (MAX_CHECKED_CHARS,
// fewer l33t substitutions than the default): the worst case measured ~0.1 s, typical ~10-30 ms.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError } from "../errors";

const MIN_SCORE = 3;
const MAX_CHECKED_CHARS = 64;

let checker: Promise<ZxcvbnFactory> | undefined;

function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      // A password longer than this is judged by its first 64 characters ("password" × 10 still fails).
      maxLength: MAX_CHECKED_CHARS,
      // The default (100) lets a 64-character symbol string take over a second of CPU.
      l33tMaxSubstitutions: 8,
    });
  })();
  checker.catch(() => (checker = undefined));
  return checker;
}

export type PasswordContext = { email?: string; name?: string; businessName?: string };

/** Words an attacker who knows the person would try first. */
function personalWords(ctx: PasswordContext): string[] {
  const words = new Set<string>(["frontdesk"]);
  for (const value of [ctx.email, ctx.email?.split("@")[0], ctx.name, ctx.businessName]) {
    if (!value) continue;
    words.add(value.toLowerCase());
    for (const part of value.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

export type PasswordVerdict = { acceptable: boolean; score: number; message: string | null };

export async function checkPasswordStrength(password: string, ctx: PasswordContext = {}): Promise<PasswordVerdict> {
  const zxcvbn = await loadChecker();
  const result = zxcvbn.check(password, personalWords(ctx));
  if (result.score >= MIN_SCORE) return { acceptable: true, score: result.score, message: null };
  const usesPersonalInfo = result.sequence.some((m) => "dictionaryName" in m && m.dictionaryName === "userInputs");
  const warning = usesPersonalInfo
    ? "Don't build your password from your name, email or business name."
    : (result.feedback.warning ?? "This password is easy to guess.");
  const hint = result.feedback.suggestions[0] ?? "Add another word or two that are less common.";
  return { acceptable: false, score: result.score, message: `${warning} ${hint}` };
}

/** Throws 422 VALIDATION_FAILED on `field` with zxcvbn's advice when the password is guessable. */
export async function assertPasswordAcceptable(password: string, ctx: PasswordContext = {}, field = "password"): Promise<void> {
  const verdict = await checkPasswordStrength(password, ctx);
  if (!verdict.acceptable) throw new AppError("VALIDATION_FAILED", verdict.message!, { field });
}
