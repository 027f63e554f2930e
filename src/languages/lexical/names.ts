/**
 * Names a value is assigned to: the operator and name before a value (`model = `, `"model": `,
 * `'model' => `), the key path above it, the conditional it is a branch of, and whether the object
 * around it is a recorded response.
 */
import { MODEL_NAME } from "../../knowledge/naming.js";
import { RESPONSE_KEYS_IN_SOURCE } from "../../knowledge/responses.js";
import { exprStart, segment, type Context } from "./context.js";
import { enclosingPair } from "./lexer.js";
import { IDENT, WS } from "./patterns.js";

export interface Assignment {
  op: string;
  /** The assigned name (key, variable, field), as text. */
  name: string;
  nameStart: number;
  /** For =-like operators: the words of the declaration (`var DefaultModel string =`). */
  words: string;
}

/** The name assigned by the operator just before p, if any: `model = `, `"model": `, `Model: `, `'model' => `. */
export function assignmentBefore(cx: Context, p: number): Assignment | undefined {
  const { text, spec } = cx;
  const b = cx.back(p);
  const tail = text.slice(Math.max(0, b - 3), b);
  let op: string | undefined;
  for (const cand of [":=", "?=", "+=", "=>", "<-", "::=", "="]) {
    if (tail.endsWith(cand)) {
      op = cand;
      break;
    }
  }
  if (op === "=" && /[=!<>~]=$/.test(tail)) return undefined;
  if (op === "=" && spec.shell && WS.test(text[b - 2] ?? "")) return undefined; // [ "$m" = "…" ] compares
  if (!op && tail.endsWith(":") && !tail.endsWith("::")) op = ":";
  if (!op && spec.sql && /\bDEFAULT$/i.test(cx.before(b, 10))) op = "DEFAULT";
  if (!op) return undefined;
  const q = cx.back(b - op.length);
  if (op === ":" && text[q - 1] === "?") return undefined;
  const { name, start } = readName(cx, q);
  // Declarations name their variable among a few words: `var DefaultModel string =`, `let model: String =`.
  // Shell-like words are commands and flags, so only the assigned name counts there.
  let words = "";
  if (op !== ":" && op !== "=>" && !spec.bareValues) {
    let s = start;
    while (s > 0 && s > start - 200 && !/[;{}(),\n\r]/.test(text[s - 1]!)) s--;
    words = text.slice(s, start);
  }
  if (op === "DEFAULT") {
    let s = b;
    while (s > 0 && s > b - 300 && !/[,(]/.test(text[s - 1]!)) s--;
    const col = text.slice(s, b).trim().split(/\s+/)[0] ?? "";
    return { op, name: col, nameStart: s, words: "" };
  }
  return { op, name, nameStart: start, words };
}

/** Read a name backwards from q: identifiers, quoted keys, subscripts, `$this->x`, `Foo::X`, `$env:X`, Ruby `:sym`. */
function readName(cx: Context, q: number): { name: string; start: number } {
  const { text } = cx;
  let p = q;
  const parts: string[] = [];
  for (let guard = 0; guard < 24 && p > 0; guard++) {
    const r = cx.stringEndingAt(p);
    if (r) {
      parts.unshift(cx.content(r));
      p = r.start;
      if (text[p - 1] === ":") p--;
      continue;
    }
    const c = text[p - 1]!;
    if (c === "]") {
      const o = cx.lx.closes.get(p - 1);
      if (o === undefined) break;
      parts.unshift(text.slice(o, p));
      p = o;
      continue;
    }
    if (c === "}" && parts.length === 0) {
      // C#: public string Model { get; set; } = "…"
      const o = cx.lx.closes.get(p - 1);
      if (o === undefined) break;
      p = cx.back(o);
      continue;
    }
    if (IDENT.test(c)) {
      let s = p - 1;
      while (s > 0 && IDENT.test(text[s - 1]!)) s--;
      parts.unshift(text.slice(s, p));
      p = s;
      continue;
    }
    if (c === ">" && text[p - 2] === "-") {
      p -= 2;
      continue;
    }
    if (c === ":" && text[p - 2] === ":") {
      p -= 2;
      continue;
    }
    if (c === ":" && /\$\w+$/.test(text.slice(Math.max(0, p - 24), p - 1))) {
      p--;
      continue;
    }
    if (c === ":" && parts.length > 0) p--; // Ruby :symbol
    break;
  }
  return { name: parts.join("."), start: p };
}

/** Whether the literal starting at `s` sits under a model-named name or key path. */
export function headerIsModel(cx: Context, s: number, depth: number): boolean {
  const a = assignmentBefore(cx, s);
  if (a) {
    if (MODEL_NAME.test(a.name) || MODEL_NAME.test(a.words)) return true;
    if (a.op === ":" || a.op === "=>" || a.op === "=") return parentIsModel(cx, a.nameStart, depth + 1);
    return false;
  }
  return false;
}

/** Key paths: `models: { default: "…" }`, `'models' => ['default' => '…']`, HCL `variable "model" { default = "…" }`. */
export function parentIsModel(cx: Context, pos: number, depth: number): boolean {
  if (depth > 4) return false;
  const pair = enclosingPair(cx.lx, pos, pos);
  if (!pair) return false;
  const open = cx.text[pair.open];
  if (open !== "{" && open !== "[") return false;
  if (cx.spec.blockLabels && open === "{") {
    const ls = cx.text.lastIndexOf("\n", pair.open) + 1;
    if (MODEL_NAME.test(cx.text.slice(ls, pair.open))) return true;
  }
  const s = exprStart(cx, pair.open);
  // An entry of a list literal (`models = [{'id': …}, {'id': …}]`): the list's name is not this
  // object's key path (the first entry would otherwise read it, the others not).
  for (let i = s; i < pair.open; i++) if (cx.text[i] === "[" && (cx.lx.pairs.get(i) ?? -1) > pair.open) return false;
  return headerIsModel(cx, s, depth);
}

/**
 * Whether the literal object around `pos` is a recorded response: its own keys (not those of
 * nested objects) include choices or usage, or it says "object": "chat.completion…". Code blocks
 * (a class or function body) are never responses.
 */
export function inResponse(cx: Context, pos: number): boolean {
  const pair = enclosingPair(cx.lx, pos, pos);
  if (!pair) return false;
  const { text } = cx;
  const open = text[pair.open];
  if (open !== "{" && open !== "[" && open !== "(") return false;
  const prev = text[cx.back(exprStart(cx, pair.open)) - 1] ?? "";
  if (cx.depth === 0 && !/[=:(,\[{>]/.test(prev)) return false;
  let top = "";
  for (let p = pair.open + 1; p < pair.close && top.length < 20_000; p++) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      top += text.slice(r.start, r.end);
      p = r.end - 1;
      continue;
    }
    const close = cx.lx.pairs.get(p);
    if (close !== undefined) {
      top += " ";
      p = close;
      continue;
    }
    top += text[p];
  }
  return RESPONSE_KEYS_IN_SOURCE.test(top);
}

/** `model = cond ? "…" : "…"`: the name the conditional is assigned to. */
export function ternaryTarget(cx: Context, b: number): string | undefined {
  const { text } = cx;
  let p = b;
  if (text[p - 1] === ":" && text[p - 2] !== ":") {
    const q = cx.back(p - 1);
    const r = cx.stringEndingAt(q);
    if (!r) return undefined;
    p = cx.back(r.start);
  }
  if (text[p - 1] !== "?" || text[p - 2] === "?") return undefined;
  const seg = segment(cx, p - 1);
  const m = /([A-Za-z_$@][\w$@.]*|["'][\w.-]+["'])\s*(?::=|=|:|=>)\s*(?![=>])[^=;]*$/.exec(seg);
  return m ? m[1]!.replace(/["']/g, "") : undefined;
}
