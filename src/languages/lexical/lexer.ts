/**
 * A table-driven lexer: finds the strings and comments of a file (from a LanguageSpec row) and the
 * bracket pairs of the code between them. It never fails: an unclosed region runs to the end of its
 * line (single-line quotes) or of the file.
 */
import type { Delim, LanguageSpec } from "./spec.js";

export interface Region {
  type: "string" | "comment";
  /** The whole region, delimiters included. */
  start: number;
  end: number;
  /** The content between the delimiters. */
  cStart: number;
  cEnd: number;
  delim: Delim;
}

export interface Lexed {
  text: string;
  /** Non-overlapping, sorted by start. */
  regions: Region[];
  byEnd: Map<number, Region>;
  byStart: Map<number, Region>;
  /** Bracket pairs of the code outside regions: open offset → close offset, and back. */
  pairs: Map<number, number>;
  closes: Map<number, number>;
  /** The pairs sorted by open offset, each with the index of its enclosing pair (-1 at top level). */
  nest: { open: number; close: number; parent: number }[];
}

interface CompiledDelim {
  d: Delim;
  /** Sticky version of a RegExp opener. */
  re?: RegExp;
  startsWithLetter: boolean;
}

const compiled = new WeakMap<LanguageSpec, Map<string, { type: Region["type"]; c: CompiledDelim }[]>>();

function compile(spec: LanguageSpec): Map<string, { type: Region["type"]; c: CompiledDelim }[]> {
  let byFirst = compiled.get(spec);
  if (byFirst) return byFirst;
  byFirst = new Map();
  const add = (type: Region["type"], d: Delim) => {
    const c: CompiledDelim = {
      d,
      re: typeof d.open === "string" ? undefined : new RegExp(d.open.source, d.open.flags.replace(/[gy]/g, "") + "y"),
      startsWithLetter: /[A-Za-z]/.test(d.first),
    };
    for (const ch of d.first) {
      const list = byFirst!.get(ch) ?? [];
      list.push({ type, c });
      byFirst!.set(ch, list);
    }
  };
  // Comments first: "//" must win over a "/" string, "<#" over "#", "--[[" over "--".
  for (const d of spec.comments) add("comment", d);
  for (const d of spec.strings) add("string", d);
  compiled.set(spec, byFirst);
  return byFirst;
}

const WORD = /[A-Za-z0-9_]/;
const WORD_START_BEFORE = new Set([" ", "\t", "\n", "\r", ";", "|", "&", "(", "`"]);

function isLineEnd(text: string, i: number): boolean {
  const c = text[i];
  return c === "\n" || c === "\r";
}

/** Whether only blanks stand between the start of the line and offset i. */
function atLineStart(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text[k];
    if (c === "\n" || c === "\r") return true;
    if (c !== " " && c !== "\t") return false;
  }
  return true;
}

function lineEnd(text: string, i: number): number {
  let k = i;
  while (k < text.length && !isLineEnd(text, k)) k++;
  return k;
}

interface Pending {
  tag: string;
  delim: Delim;
}

/** Tokenize a text into string and comment regions plus the bracket pairs of the code. */
export function lex(text: string, spec: LanguageSpec): Lexed {
  const lx = new Lexer(text, compile(spec));
  lx.run();
  return lx.result();
}

/** One pass over a text: regions as they open and close, brackets on a stack, heredocs pending. */
class Lexer {
  readonly regions: Region[] = [];
  readonly pairs = new Map<number, number>();
  readonly closes = new Map<number, number>();
  private readonly stack: number[] = [];
  private readonly pending: Pending[] = [];
  private readonly n: number;

  constructor(
    readonly text: string,
    private readonly byFirst: Map<string, { type: Region["type"]; c: CompiledDelim }[]>,
  ) {
    this.n = text.length;
  }

  run(): void {
    const { text, n, pending, byFirst } = this;
    let i = 0;
    while (i < n) {
      const ch = text[i]!;
      if (pending.length > 0 && (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n"))) {
        i = this.consumeHeredocs(i + 1);
        continue;
      }
      const cands = byFirst.get(ch);
      if (cands) {
        let next = -1;
        for (const { type, c } of cands) {
          next = this.tryOpen(type, c, i);
          if (next >= 0) break;
        }
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      if (ch === "(" || ch === "[" || ch === "{") this.stack.push(i);
      else if (ch === ")" || ch === "]" || ch === "}") this.closeBracket(ch, i);
      i++;
    }
  }

  private closeBracket(ch: string, i: number): void {
    const { stack, text } = this;
    const want = ch === ")" ? "(" : ch === "]" ? "[" : "{";
    let k = stack.length - 1;
    while (k >= 0 && text[stack[k]!] !== want) k--;
    if (k >= 0) {
      const o = stack[k]!;
      stack.length = k;
      this.pairs.set(o, i);
      this.closes.set(i, o);
    }
  }

  /** A region whose opener may start at `at`: the offset after it, or -1 when the opener is not there. */
  private tryOpen(type: Region["type"], c: CompiledDelim, at: number): number {
    const { text } = this;
    const d = c.d;
    if (d.lineStart && !atLineStart(text, at)) return -1;
    if (d.wordStart && at > 0 && !WORD_START_BEFORE.has(text[at - 1]!)) return -1;
    if (c.startsWithLetter && at > 0 && WORD.test(text[at - 1]!) && WORD.test(text[at]!)) return -1;
    if (d.notAfter && d.notAfter.test(text.slice(Math.max(0, at - 40), at))) return -1;
    let groups: string[];
    if (c.re) {
      c.re.lastIndex = at;
      const m = c.re.exec(text);
      if (!m) return -1;
      groups = m.map((g) => g ?? "");
    } else {
      if (!text.startsWith(d.open as string, at)) return -1;
      groups = [d.open as string];
    }
    const openEnd = at + groups[0]!.length;
    const close = typeof d.close === "string" ? d.close : d.close(groups);
    if (d.heredoc) {
      this.pending.push({ tag: close, delim: d });
      return openEnd;
    }
    if (close === "\n") {
      const e = lineEnd(text, openEnd);
      this.regions.push({ type, start: at, end: e, cStart: openEnd, cEnd: e, delim: d });
      return e;
    }
    // Nesting: "" means the opener's own bracket (Ruby %q(…)); otherwise a literal (/*).
    const nestOpen = d.nests === undefined ? undefined : d.nests === "" ? groups[0]!.slice(-1) : d.nests;
    return this.body(type, d, at, openEnd, close, nestOpen);
  }

  /** The body of a region opened at `at`, up to its closer (escapes, nesting, doubled closers): the offset after it. */
  private body(type: Region["type"], d: Delim, at: number, openEnd: number, close: string, nestOpen: string | undefined): number {
    const { text, n } = this;
    let depth = 0;
    let j = openEnd;
    while (j < n) {
      const ch = text[j]!;
      if (d.escape && ch === d.escape) {
        j += 2;
        continue;
      }
      if (d.singleLine && (ch === "\n" || ch === "\r")) {
        this.regions.push({ type, start: at, end: j, cStart: openEnd, cEnd: j, delim: d });
        return j;
      }
      if (nestOpen && text.startsWith(nestOpen, j) && !(nestOpen === close)) {
        depth++;
        j += nestOpen.length;
        continue;
      }
      if (text.startsWith(close, j) && (!d.closeLineStart || atLineStart(text, j))) {
        if (d.doubled && text.startsWith(close, j + close.length)) {
          j += 2 * close.length;
          continue;
        }
        if (depth > 0) {
          depth--;
          j += close.length;
          continue;
        }
        const end = j + close.length;
        this.regions.push({ type, start: at, end, cStart: openEnd, cEnd: j, delim: d });
        return end;
      }
      j++;
    }
    this.regions.push({ type, start: at, end: n, cStart: openEnd, cEnd: n, delim: d });
    return n;
  }

  /** Heredoc bodies start on the line after their opener; each ends at a line holding its tag. */
  private consumeHeredocs(bodyStart: number): number {
    const { text, n, pending } = this;
    let pos = bodyStart;
    while (pending.length > 0) {
      const p = pending.shift()!;
      const start = pos;
      let found = false;
      while (pos < n) {
        const le = lineEnd(text, pos);
        const line = text.slice(pos, le);
        const trimmed = line.replace(/^[ \t]+/, "");
        if (trimmed.startsWith(p.tag) && /^[ \t;,)]*$/.test(trimmed.slice(p.tag.length))) {
          const tagEnd = pos + (line.length - trimmed.length) + p.tag.length;
          this.regions.push({ type: "string", start, end: tagEnd, cStart: start, cEnd: pos, delim: p.delim });
          found = true;
          // Another heredoc of the same line starts after this one's closing line.
          pos = pending.length > 0 ? nextLineStart(text, le) : tagEnd;
          break;
        }
        pos = nextLineStart(text, le);
      }
      if (!found) {
        this.regions.push({ type: "string", start, end: n, cStart: start, cEnd: n, delim: p.delim });
        pending.length = 0;
        return n;
      }
    }
    return pos;
  }

  result(): Lexed {
    const { text, regions, pairs, closes } = this;
    regions.sort((a, b) => a.start - b.start);
    const byEnd = new Map<number, Region>();
    const byStart = new Map<number, Region>();
    for (const r of regions) {
      byEnd.set(r.end, r);
      byStart.set(r.start, r);
    }
    // Pairs nest properly (the stack drops unmatched openers), so a sweep finds each one's parent.
    const nest: Lexed["nest"] = [...pairs].sort((a, b) => a[0] - b[0]).map(([open, close]) => ({ open, close, parent: -1 }));
    const open: number[] = [];
    nest.forEach((p, k) => {
      while (open.length > 0 && nest[open[open.length - 1]!]!.close < p.open) open.pop();
      p.parent = open.length > 0 ? open[open.length - 1]! : -1;
      open.push(k);
    });
    return { text, regions, byEnd, byStart, pairs, closes, nest };
  }
}

function nextLineStart(text: string, le: number): number {
  if (text[le] === "\r" && text[le + 1] === "\n") return le + 2;
  return Math.min(text.length, le + 1);
}

/** The region containing offset `pos` (start ≤ pos < end), if any. */
export function regionAt(lx: Lexed, pos: number): Region | undefined {
  const rs = lx.regions;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (pos < r.start) hi = mid - 1;
    else if (pos >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The innermost bracket pair strictly enclosing [start, end). */
export function enclosingPair(lx: Lexed, start: number, end: number): { open: number; close: number } | undefined {
  const ps = lx.nest;
  let lo = 0;
  let hi = ps.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid]!.open < start) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  while (k >= 0) {
    const p = ps[k]!;
    if (p.close >= end) return p;
    k = p.parent;
  }
  return undefined;
}
