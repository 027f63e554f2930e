import type { Adapter, AdapterInput, AdapterOutput } from "../../core/types.js";
import { SlotCollector, sitesFromSlots } from "./slots.js";

/** End of the physical line starting at or containing `from` (index of "\r", "\n" or text end). */
export function lineEndAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
  return i;
}

/** Start of the next physical line after the line ending at `eol`. */
export function nextLineStart(text: string, eol: number): number {
  if (text[eol] === "\r" && text[eol + 1] === "\n") return eol + 2;
  return eol < text.length ? eol + 1 : eol;
}

function skipBlanks(text: string, i: number, limit = text.length): number {
  while (i < limit && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

const ENV_KEY = /[A-Za-z_][A-Za-z0-9_.-]*/y;

/**
 * Collect the slots of a dotenv file: `KEY=value`, `export KEY=value`, `KEY: value`, quoted values (double
 * quotes may span lines, with backslash escapes), inline comments after a value, `#` comment lines.
 */
export function collectEnvSlots(text: string, collector: SlotCollector): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    let p = skipBlanks(text, i);
    const eol = lineEndAt(text, p);
    if (text[p] === "#") {
      collector.add({ start: p, end: eol, role: "comment", path: [] });
      i = nextLineStart(text, eol);
      continue;
    }
    if (text.startsWith("export", p) && (text[p + 6] === " " || text[p + 6] === "\t")) p = skipBlanks(text, p + 6, eol);
    ENV_KEY.lastIndex = p;
    const km = ENV_KEY.exec(text);
    let q = km ? skipBlanks(text, p + km[0].length, eol) : eol;
    // `KEY=value`, or `KEY: value` (accepted by dotenv too).
    const sep = text[q] === ":" && (text[q + 1] === " " || text[q + 1] === "\t") ? ":" : "=";
    if (!km || text[q] !== sep) {
      i = nextLineStart(text, eol);
      continue;
    }
    const key = km[0];
    q = skipBlanks(text, q + 1, eol);
    const quote = text[q];
    let valueEnd: number;
    if (quote === '"' || quote === "'" || quote === "`") {
      let j = q + 1;
      while (j < n && text[j] !== quote) j += quote === '"' && text[j] === "\\" ? 2 : 1;
      if (j >= n) {
        // Unterminated: take the rest of the line as the value.
        collector.add({ start: q + 1, end: eol, role: "value", path: [key], envValue: true });
        i = nextLineStart(text, eol);
        continue;
      }
      collector.add({ start: q + 1, end: j, role: "value", path: [key], envValue: true });
      valueEnd = j + 1;
    } else {
      let j = q;
      while (j < eol && !(text[j] === "#" && (j === q || text[j - 1] === " " || text[j - 1] === "\t"))) j++;
      let e = j;
      while (e > q && (text[e - 1] === " " || text[e - 1] === "\t")) e--;
      collector.add({ start: q, end: e, role: "value", path: [key], envValue: true });
      valueEnd = j;
    }
    const restEnd = lineEndAt(text, valueEnd);
    const hash = text.slice(valueEnd, restEnd).indexOf("#");
    if (hash >= 0) collector.add({ start: valueEnd + hash, end: restEnd, role: "comment", path: [] });
    i = nextLineStart(text, restEnd);
  }
}

/** Env files: `.env`, `.env.*`, `*.env`. A key containing MODEL (any case) is a model position. */
export const adapter: Adapter = {
  name: "env",
  description: "env files (.env, .env.*, *.env)",
  scan(input: AdapterInput): AdapterOutput {
    const collector = new SlotCollector(input.matches);
    collectEnvSlots(input.text, collector);
    return { sites: sitesFromSlots(input, collector.slots) };
  },
};
