import { eolAt, indentAt } from "../../core/text.js";
import type { Edit, JsonValue } from "../../core/types.js";
import { breakContainer, lineAround } from "../shared/line-width.js";

/**
 * How to break a one-line container that the insertion would make too long (docs/cli.md
 * "Line width"): the configured width, the file's indentation step and trailing-comma style, the
 * container's elements and closing bracket, and how much the renames grow a line.
 */
export interface Wrap {
  width: number;
  unit: string;
  trailingComma: boolean;
  elements: Span[];
  close: Span;
  growth: (lineStart: number, lineEnd: number) => number;
}

/** Render a JSON value as a Python literal (True/False/None), strings in the given quote. */
export function pyLiteral(v: JsonValue, quote: string): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "None";
  if (typeof v === "string") return pyString(v, quote);
  if (Array.isArray(v)) return `[${v.map((x) => pyLiteral(x, quote)).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyString(k, quote)}: ${pyLiteral(x, quote)}`)
    .join(", ")}}`;
}

export function pyString(s: string, quote: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return quote + out + quote;
}

/** A minimal view of a syntax node, enough to lay out insertions. */
export interface Span {
  startIndex: number;
  endIndex: number;
}

/**
 * Insert items (keyword arguments or dict entries) at the end of a bracketed container, following
 * its layout (docs/contract.md §5): one item per line keeps one item per line, with the last item's
 * indentation and the container's trailing-comma style; a one-line container gets them inline.
 * Returns insertions only; bytes outside them never change.
 *
 * `open` is the opening bracket, `last` the last element (absent when empty), `trailingComma` the
 * comma after the last element if there is one.
 */
export function insertItems(
  code: string,
  open: Span,
  last: Span | undefined,
  trailingComma: Span | undefined,
  items: string[],
  wrap?: Wrap,
): Edit[] {
  if (items.length === 0) return [];
  if (!last) return [{ start: open.endIndex, end: open.endIndex, text: items.join(", ") }];
  const multiline = /[\r\n]/.test(code.slice(open.startIndex, last.startIndex));
  if (!multiline) {
    const inline = trailingComma
      ? [{ start: trailingComma.endIndex, end: trailingComma.endIndex, text: " " + items.join(", ") + "," }]
      : [{ start: last.endIndex, end: last.endIndex, text: ", " + items.join(", ") }];
    return (wrap && wrapped(code, open.endIndex, wrap, inline, items)) || inline;
  }
  const indent = indentAt(code, last.startIndex);
  const after = trailingComma ? trailingComma.endIndex : last.endIndex;
  // Insert at the end of the last element's line when only blanks or a comment follow it there,
  // so a trailing comment stays on its own line; otherwise right after the element.
  let pos = after;
  while (pos < code.length && (code[pos] === " " || code[pos] === "\t")) pos++;
  if (code[pos] === "#") {
    while (pos < code.length && code[pos] !== "\n" && code[pos] !== "\r") pos++;
  } else if (!(pos >= code.length || code[pos] === "\n" || code[pos] === "\r")) {
    pos = after;
  }
  const eol = eolAt(code, last.startIndex);
  const lines = items.map((x, i) => eol + indent + x + (trailingComma || i < items.length - 1 ? "," : ""));
  const edits: Edit[] = [];
  if (!trailingComma) {
    if (pos === last.endIndex) return [{ start: pos, end: pos, text: "," + lines.join("") }];
    edits.push({ start: last.endIndex, end: last.endIndex, text: "," });
  }
  edits.push({ start: pos, end: pos, text: lines.join("") });
  return edits;
}

/** Merge insertions at the same offset into one (an edit group may not insert twice at a point). */
export function mergeInsertions(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const prev = out[out.length - 1];
    if (prev && prev.start === prev.end && e.start === e.end && prev.start === e.start) prev.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

/**
 * The edits that break a one-line container across lines, when the line with the inline insertion
 * (and the renames on it) would be longer than the configured width; undefined otherwise.
 */
export function wrapped(code: string, openEnd: number, wrap: Wrap, inline: Edit[], items: string[]): Edit[] | undefined {
  if (/[\r\n]/.test(code.slice(openEnd, wrap.close.startIndex))) return undefined;
  const line = lineAround(code, openEnd);
  const added = inline.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
  if (line.end - line.start + wrap.growth(line.start, line.end) + added <= wrap.width) return undefined;
  return breakContainer(
    code,
    openEnd,
    wrap.elements.map((e) => ({ start: e.startIndex, end: e.endIndex })),
    wrap.close.startIndex,
    items,
    { unit: wrap.unit, trailingComma: wrap.trailingComma },
  );
}
