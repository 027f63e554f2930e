/**
 * What every lexical matcher reads: the text, its strings, comments and bracket pairs (lexer.ts),
 * and small walks over them (skip blanks and comments, find the callee of a call, the argument index).
 */
import type { LanguageSpec } from "./spec.js";
import type { Placed } from "./positions.js";
import { lex, type Lexed, type Region } from "./lexer.js";
import { WS } from "./patterns.js";

export class Context {
  readonly text: string;
  readonly lx: Lexed;
  /** Contexts of string contents already classified once (a heredoc with many IDs is lexed once). */
  readonly inner = new Map<Region, Context>();
  /** Where each name occurs (see usesOf), built on first use. */
  private names?: Map<string, number[]>;
  constructor(
    text: string,
    readonly spec: LanguageSpec,
    /** Nesting depth: text inside a string is classified once more, never deeper. */
    readonly depth = 0,
  ) {
    this.text = text;
    this.lx = lex(text, spec);
  }

  /**
   * The offsets of a name's occurrences in the text, in order: a run of word characters or `$`
   * that starts with a letter, `_` or `$`, is not part of a longer run, and does not follow a `.`
   * (a member, not the name). The file's names are indexed once, so asking about many names stays
   * linear in the text.
   */
  usesOf(name: string): readonly number[] {
    if (!this.names) {
      const names = new Map<string, number[]>();
      for (const m of this.text.matchAll(/[\w$]+/g)) {
        const w = m[0];
        if (!/^[A-Za-z_$]/.test(w) || this.text[m.index - 1] === ".") continue;
        const list = names.get(w);
        if (list) list.push(m.index);
        else names.set(w, [m.index]);
      }
      this.names = names;
    }
    return this.names.get(name) ?? [];
  }

  /** Skip blanks and comments backwards from p. */
  back(p: number): number {
    const { text } = this;
    while (p > 0) {
      if (WS.test(text[p - 1]!)) {
        p--;
        continue;
      }
      const r = this.lx.byEnd.get(p);
      if (r && r.type === "comment") {
        p = r.start;
        continue;
      }
      break;
    }
    return p;
  }

  /** Skip blanks and comments forwards from p. */
  fwd(p: number): number {
    const { text } = this;
    while (p < text.length) {
      if (WS.test(text[p]!)) {
        p++;
        continue;
      }
      const r = this.lx.byStart.get(p);
      if (r && r.type === "comment") {
        p = r.end;
        continue;
      }
      break;
    }
    return p;
  }

  /** Up to `max` characters before p (across line breaks). */
  before(p: number, max = 160): string {
    return this.text.slice(Math.max(0, p - max), p);
  }

  stringEndingAt(p: number): Region | undefined {
    const r = this.lx.byEnd.get(p);
    return r && r.type === "string" ? r : undefined;
  }

  content(r: Region): string {
    const c = this.text.slice(r.cStart, r.cEnd);
    return this.depth > 0 ? c.replace(/\u0000/g, "") : c;
  }
}

/**
 * A value token [s, e) (a string literal or a bare word whose text is the ID) and its surroundings,
 * as the value matchers (classify.ts) see it.
 */
export interface Value {
  cx: Context;
  /** The value, with a symbol's colon and a keeping suffix (`.to_string()`) included. */
  s: number;
  e: number;
  /** Before the value and after it, past blanks and comments. */
  b: number;
  a: number;
  /** Up to 160 characters before `b`; 40 characters from `a`. */
  pre: string;
  after: string;
  matchText: string;
  /** What `->` or `=>` after the value (and its alternatives) makes it (comparisons.ts), computed once. */
  arm(): "comparison" | "key" | undefined;
  /** Classify another span as a value (the call that wraps this one: `Some("…")`). */
  again(s: number, e: number): Placed;
}

/** One matcher: the position of a value, or undefined when its construct is not there. */
export type Matcher = (v: Value) => Placed | undefined;

/** Where the expression containing a literal at `open` starts: `[]string{`, `listOf(`, `new String[] {`. */
export function exprStart(cx: Context, open: number): number {
  const { text } = cx;
  const p = cx.back(open);
  let s = p;
  while (s > 0 && /[A-Za-z0-9_.\[\]<>!@%*?&:$]/.test(text[s - 1]!)) {
    const c = text[s - 1]!;
    if (c === ">" && (text[s - 2] === "=" || text[s - 2] === "-")) break;
    if (c === ":" && text[s - 2] !== ":" && !(s >= 2 && text[s] === ":")) break;
    if (c === "?" && WS.test(text[s - 2] ?? "")) break;
    s--;
  }
  const m = /\bnew\s+$/.exec(text.slice(Math.max(0, s - 12), s));
  if (m) s -= m[0].length;
  return s;
}

/** The callee name before an opening parenthesis at `paren`. */
export function calleeBefore(cx: Context, paren: number): { name: string; last: string; start: number } {
  const { text } = cx;
  let s = paren;
  while (s > 0 && /[A-Za-z0-9_$@.:!?>-]/.test(text[s - 1]!)) {
    const c = text[s - 1]!;
    if (c === ">" && text[s - 2] !== "-") break;
    if (c === "-" && text[s] !== ">") break;
    s--;
  }
  const name = text.slice(s, paren);
  const last = name.split(/\.|::|->|:/).pop() ?? name;
  return { name, last, start: s };
}

/** The 0-based index of the argument at `pos` in the call whose parenthesis opens at `open`. */
export function argIndex(cx: Context, open: number, pos: number): number {
  const { text } = cx;
  let k = 0;
  for (let p = open + 1; p < pos; p++) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      p = r.end - 1;
      continue;
    }
    const close = cx.lx.pairs.get(p);
    if (close !== undefined) {
      p = close;
      continue;
    }
    if (text[p] === ",") k++;
  }
  return k;
}

/** The statement text before p (to the previous ; { } or line break), for lookup words. */
export function segment(cx: Context, p: number): string {
  const { text } = cx;
  let s = p;
  while (s > 0 && s > p - 300 && !/[;{}\n\r]/.test(text[s - 1]!)) s--;
  return text.slice(s, p);
}
