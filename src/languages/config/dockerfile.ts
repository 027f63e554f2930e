import type { Adapter, AdapterInput, AdapterOutput } from "../../core/types.js";
import { SlotCollector, sitesFromSlots } from "./slots.js";
import { lineEndAt, nextLineStart } from "./env.js";

const isBlank = (c: string | undefined) => c === " " || c === "\t";

/** The escape character: `\` unless a `# escape=`` parser directive at the top says otherwise. */
function escapeChar(text: string): string {
  const m = /^(?:[ \t]*#[ \t]*[a-z]+[ \t]*=[^\r\n]*\r?\n)*?[ \t]*#[ \t]*escape[ \t]*=[ \t]*([`\\])/i.exec(text);
  return m ? m[1]! : "\\";
}

/**
 * Dockerfile (`Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`): `ENV KEY=value`,
 * `ENV KEY value`, `ARG KEY=value`; a key containing MODEL is a model position; `#` lines are
 * comments; every other instruction is "other".
 */
export function collectDockerfileSlots(text: string, collector: SlotCollector): void {
  const esc = escapeChar(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    let p = i;
    while (isBlank(text[p])) p++;
    const eol = lineEndAt(text, p);
    if (text[p] === "#") {
      collector.add({ start: p, end: eol, role: "comment", path: [] });
      i = nextLineStart(text, eol);
      continue;
    }
    const wm = /[A-Za-z]+/y;
    wm.lastIndex = p;
    const word = wm.exec(text)?.[0];
    // The logical line: physical lines joined while one ends with the escape character; comment
    // and empty lines inside a continued instruction are skipped.
    const segments: [number, number][] = [];
    let s = word ? p + word.length : p;
    let e = eol;
    let last = eol;
    for (;;) {
      let t = e;
      while (t > s && isBlank(text[t - 1])) t--;
      const continued = t > s && text[t - 1] === esc;
      segments.push([s, continued ? t - 1 : e]);
      last = e;
      if (!continued) break;
      let next = nextLineStart(text, e);
      while (next < n) {
        let b = next;
        while (isBlank(text[b])) b++;
        const be = lineEndAt(text, b);
        if (text[b] === "#") collector.add({ start: b, end: be, role: "comment", path: [] });
        else if (b !== be) break;
        next = nextLineStart(text, be);
      }
      if (next >= n) break;
      s = next;
      e = lineEndAt(text, next);
    }
    const upper = word?.toUpperCase();
    if (upper === "ENV" || upper === "ARG") parseAssignments(text, segments, upper === "ENV", esc, collector);
    else if (upper === "CMD" || upper === "ENTRYPOINT" || upper === "RUN") {
      // The exec form is a JSON array; the shell form a command line (`RUN python x.py --model …`).
      if (!parseExecForm(text, segments, collector) && segments.length > 0)
        collector.add({ start: segments[0]![0], end: segments[segments.length - 1]![1], role: "value", path: [], shell: true });
    }
    i = nextLineStart(text, last);
  }
}

interface Word {
  start: number;
  end: number;
}

/** Split a logical line's segments into whitespace-separated words (quotes keep spaces). */
function wordsOf(text: string, segments: [number, number][], esc: string): Word[] {
  const words: Word[] = [];
  for (const [s, e] of segments) {
    let i = s;
    while (i < e) {
      while (i < e && isBlank(text[i])) i++;
      if (i >= e) break;
      const start = i;
      let quote = "";
      while (i < e) {
        const c = text[i]!;
        if (c === esc) {
          i += 2;
          continue;
        }
        if (quote) {
          if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (isBlank(c)) break;
        i++;
      }
      words.push({ start, end: Math.min(i, e) });
    }
  }
  return words;
}

function unquoted(text: string, start: number, end: number): [number, number] {
  const c = text[start];
  if ((c === '"' || c === "'") && end - start >= 2 && text[end - 1] === c) return [start + 1, end - 1];
  return [start, end];
}

function parseAssignments(text: string, segments: [number, number][], isEnv: boolean, esc: string, collector: SlotCollector): void {
  const words = wordsOf(text, segments, esc);
  if (words.length === 0) return;
  const first = words[0]!;
  const firstText = text.slice(first.start, first.end);
  if (isEnv && !firstText.includes("=") && words.length > 1) {
    // Legacy form: ENV KEY value with spaces (the rest of the logical line is the value).
    const start = words[1]!.start;
    const end = words[words.length - 1]!.end;
    const [vs, ve] = words.length === 2 ? unquoted(text, start, end) : [start, end];
    collector.add({ start: vs, end: ve, role: "value", path: [firstText], envValue: true });
    return;
  }
  for (const w of words) {
    const wt = text.slice(w.start, w.end);
    const eq = wt.indexOf("=");
    if (eq <= 0) continue;
    const key = wt.slice(0, eq);
    const [vs, ve] = unquoted(text, w.start + eq + 1, w.end);
    collector.add({ start: vs, end: ve, role: "value", path: [key], envValue: true });
  }
}

/**
 * The exec form `CMD ["node", "server.js", "--model", "deepseek-chat"]`: a JSON array of strings,
 * each a list member (so `--model` before a value makes it a model position).
 */
function parseExecForm(text: string, segments: [number, number][], collector: SlotCollector): boolean {
  const first = segments[0];
  if (!first) return false;
  let i = first[0];
  while (i < first[1] && isBlank(text[i])) i++;
  if (text[i] !== "[") return false;
  const items: [number, number][] = [];
  for (const [s, e] of segments) {
    for (let j = s === first[0] ? i + 1 : s; j < e; j++) {
      if (text[j] !== '"') continue;
      let k = j + 1;
      while (k < e && text[k] !== '"') k += text[k] === "\\" ? 2 : 1;
      if (k >= e) return false; // not a JSON array on these lines: the shell form
      items.push([j + 1, k]);
      j = k;
    }
  }
  const members = items.map(([s, e]) => text.slice(s, e));
  items.forEach(([s, e], n) => collector.add({ start: s, end: e, role: "value", path: [], members, prev: n > 0 ? members[n - 1] : undefined, argv: true }));
  return true;
}

export const adapter: Adapter = {
  name: "dockerfile",
  description: "Dockerfile / Containerfile (ENV and ARG lines)",
  scan(input: AdapterInput): AdapterOutput {
    const collector = new SlotCollector(input.matches);
    collectDockerfileSlots(input.text, collector);
    return { sites: sitesFromSlots(input, collector.slots) };
  },
};
