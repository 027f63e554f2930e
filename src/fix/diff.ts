import { formatPatch, structuredPatch, type StructuredPatch } from "diff";

/**
 * Myers' line diff costs (lines × changed lines): a file where thousands of lines change (a JSONL
 * log, a generated table) took minutes. Beyond this many changed lines the diff is built from the
 * alignment the edits imply instead (see alignedPatch); below it the output is jsdiff's, unchanged.
 */
const MAX_EDIT_LENGTH = 1000;
const CONTEXT = 3;

/**
 * A unified diff with a/ and b/ headers and 3 lines of context that `git apply` accepts.
 * Returns "" when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  // Myers' diff begins by following the common leading lines, so leaving out all but CONTEXT of
  // them gives the same hunks, moved down by the lines left out (a fix is usually one line of a
  // long file: this halves the cost of the diff on average).
  const { cut, lines } = leadingCut(before, after);
  const structured = structuredPatch(`a/${file}`, `b/${file}`, before.slice(cut), after.slice(cut), undefined, undefined, {
    context: CONTEXT,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  let patch: string;
  if (structured) {
    for (const h of structured.hunks) {
      h.oldStart += lines;
      h.newStart += lines;
    }
    patch = formatPatch(structured);
  } else patch = alignedPatch(`a/${file}`, `b/${file}`, before, after);
  // Drop the "Index:"/"====" preamble some versions add; keep from the "---" header on.
  const at = patch.indexOf("--- ");
  const body = at > 0 ? patch.slice(at) : patch;
  return `diff --git a/${file} b/${file}\n` + body;
}

/** Where the common leading lines, all but the last CONTEXT of them, end: an offset and a line count. */
function leadingCut(a: string, b: string): { cut: number; lines: number } {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let common = 0;
  for (let p = a.indexOf("\n"); p !== -1 && p < i; p = a.indexOf("\n", p + 1)) common++;
  const lines = common - CONTEXT;
  if (lines <= 0) return { cut: 0, lines: 0 };
  let p = -1;
  for (let k = 0; k < lines; k++) p = a.indexOf("\n", p + 1);
  return { cut: p + 1, lines };
}

function splitLines(s: string): { lines: string[]; finalNewline: boolean } {
  const lines = s.split("\n");
  const finalNewline = lines[lines.length - 1] === "";
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

type Op = { t: " " | "-" | "+"; i: number; j: number };

/**
 * A linear-time diff for texts that differ by many edits: the common leading and trailing lines
 * are context; when the rest has the same number of lines on both sides (edits inside lines, the
 * usual case) it is compared line by line, otherwise it is one replaced block. Valid for `git
 * apply` and `patch` either way; not always minimal.
 */
export function alignedPatch(oldName: string, newName: string, before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const A = a.lines;
  const B = b.lines;
  // The last line without a newline differs from the same text with one.
  const open = (i: number, j: number) => (i === A.length - 1 && !a.finalNewline) === (j === B.length - 1 && !b.finalNewline);
  const same = (i: number, j: number) => A[i] === B[j] && open(i, j);
  let pre = 0;
  while (pre < A.length && pre < B.length && same(pre, pre)) pre++;
  let suf = 0;
  while (suf < A.length - pre && suf < B.length - pre && same(A.length - 1 - suf, B.length - 1 - suf)) suf++;

  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ t: " ", i: k, j: k });
  const midA = A.length - pre - suf;
  const midB = B.length - pre - suf;
  const flush = (i0: number, i1: number, j0: number, j1: number) => {
    for (let i = i0; i < i1; i++) ops.push({ t: "-", i, j: -1 });
    for (let j = j0; j < j1; j++) ops.push({ t: "+", i: -1, j });
  };
  if (midA === midB) {
    let run = -1;
    for (let k = 0; k <= midA; k++) {
      const i = pre + k;
      const changed = k < midA && !same(i, i);
      if (changed && run < 0) run = i;
      if (!changed && run >= 0) {
        flush(run, i, run, i);
        run = -1;
      }
      if (k < midA && !changed) ops.push({ t: " ", i, j: i });
    }
  } else flush(pre, pre + midA, pre, pre + midB);
  for (let k = 0; k < suf; k++) ops.push({ t: " ", i: A.length - suf + k, j: B.length - suf + k });

  // Positions before each op, to number the hunks.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let oi = 0;
  let nj = 0;
  for (const op of ops) {
    oldAt.push(oi);
    newAt.push(nj);
    if (op.t !== "+") oi++;
    if (op.t !== "-") nj++;
  }
  const hunks: StructuredPatch["hunks"] = [];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.t === " ") k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k; // exclusive end of the last change seen
    let m = k;
    while (m < ops.length) {
      if (ops[m]!.t !== " ") {
        end = m + 1;
        m++;
        continue;
      }
      if (m - end >= 2 * CONTEXT) break;
      m++;
    }
    const stop = Math.min(ops.length, end + CONTEXT);
    const lines: string[] = [];
    let oldLines = 0;
    let newLines = 0;
    for (let x = start; x < stop; x++) {
      const op = ops[x]!;
      if (op.t === "+") {
        lines.push("+" + B[op.j]);
        newLines++;
        if (op.j === B.length - 1 && !b.finalNewline) lines.push("\\ No newline at end of file");
      } else {
        lines.push(op.t + A[op.i]);
        oldLines++;
        if (op.t === " ") newLines++;
        if (op.i === A.length - 1 && !a.finalNewline) lines.push("\\ No newline at end of file");
      }
    }
    hunks.push({ oldStart: oldAt[start]! + 1, oldLines, newStart: newAt[start]! + 1, newLines, lines });
    k = stop;
  }
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks });
}
