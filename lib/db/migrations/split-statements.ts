// Splits a SQL script into its statements, for migrations that run outside a transaction (and to find a
// migration's own BEGIN/COMMIT, apply.ts): outside a transaction each
// statement must go on its own, because PostgreSQL runs a multi-statement query string as one
// implicit transaction, and CREATE INDEX CONCURRENTLY refuses to run in one.
// Semicolons inside quotes, quoted identifiers, dollar-quoted bodies and comments do not split.

const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;

export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text && stripComments(text).trim()) statements.push(text);
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const eol = script.indexOf("\n", i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(script, i);
    } else if (c === "'") {
      // E'...' strings take backslash escapes; standard strings only double the quote.
      const escapes = i > 0 && /[eE]/.test(script[i - 1]!) && !/[\w$]/.test(script[i - 2] ?? " ");
      i = skipQuoted(script, i, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(script, i, '"', false);
    } else if (c === "$" && !/[\w$]/.test(script[i - 1] ?? " ")) {
      const tag = DOLLAR_TAG.exec(script.slice(i))?.[0];
      if (tag) {
        const close = script.indexOf(tag, i + tag.length);
        i = close < 0 ? n : close + tag.length;
      } else i++;
    } else if (c === ";") {
      push(i);
      start = ++i;
    } else i++;
  }
  push(n);
  return statements;
}

function skipQuoted(s: string, from: number, quote: string, backslashEscapes: boolean): number {
  let i = from + 1;
  while (i < s.length) {
    if (backslashEscapes && s[i] === "\\") i += 2;
    else if (s[i] === quote && s[i + 1] === quote) i += 2;
    else if (s[i] === quote) return i + 1;
    else i++;
  }
  return s.length;
}

/** Block comments nest in PostgreSQL. */
function skipBlockComment(s: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < s.length) {
    if (s[i] === "/" && s[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (s[i] === "*" && s[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return s.length;
}

export function stripComments(text: string): string {
  return text.replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}
