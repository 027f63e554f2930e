import type { StructuredPatch } from "diff";
// The patch module alone (the package index loads every diff flavour: 19 modules at startup).
import { formatPatch, structuredPatch } from "diff/lib/patch/create.js";

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
  // A fix is usually one line of a long file: Myers' diff sees only the changed lines and a few
  // common ones around them (see diffWindow), with the same hunks as on the whole texts.
  const { start, end, lines } = diffWindow(before, after);
  const structured = structuredPatch(
    `a/${file}`,
    `b/${file}`,
    before.slice(start, end),
    after.slice(start, end + after.length - before.length),
    undefined,
    undefined,
    { context: CONTEXT, maxEditLength: MAX_EDIT_LENGTH },
  );
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

/** Beyond this many changed lines on either side the common trailing lines are all kept. */
const MAX_TRAILING_CUT_MIDDLE = 50;

/**
 * The part of the texts jsdiff has to see: `before.slice(start, end)` and the same lines of
 * `after` (its end is `end` moved by the length difference), `lines` lines into the files.
 *
 * Lines are jsdiff's tokens: the text up to and including each "\n" (a CR is part of the line).
 * The texts are P M_A S and P M_B S, with P and S the longest common leading and trailing lines
 * (not overlapping) and M_A, M_B the changed lines between them.
 *
 * Leading lines: jsdiff's Myers diff begins by following the common leading lines, and every path
 * it tries starts where that stops; leaving out all but CONTEXT of them gives the same hunks,
 * moved down by the lines left out.
 *
 * Trailing lines (this relies on how jsdiff searches: Myers' greedy forward search, the furthest
 * path on each diagonal, pruned at the edges; test/diff-cut.test.ts compares with jsdiff on the
 * whole texts): keeping only the first K lines of S gives the same diff when no path of at most
 * D edits (D = the edit distance, the same with or without the lines left out) reaches the last
 * line of either cut text before the end: short of that, the search (its choices, its pruning at
 * the edges, where it stops) cannot tell the texts apart. With u = |M_A|, v = |M_B|, L the longest
 * common subsequence of M_A and M_B (D = u + v - 2L), and no line of S's first K lines in M_A or
 * M_B, a path that has used all of the cut `before` and y < v + K lines of `after` matched at most
 * L + max(0, y - v) lines (S lines match only S lines), so it took at least u + K + y - 2L -
 * 2·max(0, y - v) edits: D + K - (y - v) > D when y ≥ v, D + K - (v - y) > D when y < v and
 * K > v. The same holds with the texts swapped, so K = max(CONTEXT, max(u, v) + 1), and S is cut
 * only when its first K lines pass that check. The last line of the file (the only one that can
 * lack a newline) then lies beyond the hunks.
 *
 * Exported for the tests.
 */
export function diffWindow(a: string, b: string): { start: number; end: number; lines: number } {
  const i = commonPrefix(a, b);
  // The start of the line holding the first difference.
  const firstChanged = i === 0 ? 0 : a.lastIndexOf("\n", i - 1) + 1;
  let common = 0;
  for (let p = a.indexOf("\n"); p !== -1 && p < firstChanged; p = a.indexOf("\n", p + 1)) common++;
  let start = 0;
  let lines = 0;
  if (common > CONTEXT) {
    start = firstChanged;
    // Each line start s > 0 has its newline at s - 1 and, with more lines above, another before it.
    for (let k = 0; k < CONTEXT; k++) start = a.lastIndexOf("\n", start - 2) + 1;
    lines = common - CONTEXT;
  }
  return { start, end: trailingCut(a, b, firstChanged), lines };
}

/** Where the text jsdiff sees ends in `a` (see diffWindow); `a.length` when nothing is cut. */
function trailingCut(a: string, b: string, firstChanged: number): number {
  const shift = b.length - a.length;
  const t = commonSuffix(a, b, Math.min(a.length, b.length) - firstChanged);
  // The common trailing lines begin at the first line start of both texts in the common suffix.
  let sa = a.length - t;
  if (!(lineStart(a, sa) && lineStart(b, sa + shift))) {
    const nl = a.indexOf("\n", sa);
    if (nl < 0) return a.length;
    sa = nl + 1;
  }
  const u = countLines(a, firstChanged, sa, MAX_TRAILING_CUT_MIDDLE);
  const v = countLines(b, firstChanged, sa + shift, MAX_TRAILING_CUT_MIDDLE);
  if (u > MAX_TRAILING_CUT_MIDDLE || v > MAX_TRAILING_CUT_MIDDLE) return a.length;
  const keep = Math.max(CONTEXT, Math.max(u, v) + 1);
  let end = sa;
  for (let k = 0; k < keep; k++) {
    const nl = a.indexOf("\n", end);
    if (nl < 0) return a.length;
    end = nl + 1;
  }
  if (end >= a.length) return a.length;
  const changed = new Set<string>();
  addLines(changed, a, firstChanged, sa);
  addLines(changed, b, firstChanged, sa + shift);
  for (let p = sa; p < end; ) {
    const nl = a.indexOf("\n", p);
    if (changed.has(a.slice(p, nl))) return a.length;
    p = nl + 1;
  }
  return end;
}

function lineStart(s: string, at: number): boolean {
  return at === 0 || s.charCodeAt(at - 1) === 10;
}

/** Newlines in s[from, to), counting stops past max. */
function countLines(s: string, from: number, to: number, max: number): number {
  let n = 0;
  for (let p = s.indexOf("\n", from); p !== -1 && p < to && n <= max; p = s.indexOf("\n", p + 1)) n++;
  return n;
}

/** The lines of s[from, to), which ends with a newline (or is empty), without their newlines. */
function addLines(set: Set<string>, s: string, from: number, to: number): void {
  for (let p = from; p < to; ) {
    const nl = s.indexOf("\n", p);
    set.add(s.slice(p, nl));
    p = nl + 1;
  }
}

/**
 * Blocks of growing size compared as strings (native, far faster than a charCodeAt loop), then a
 * binary search inside the first block that differs.
 */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let lo = 0;
  let step = 64;
  while (lo + step <= n && a.slice(lo, lo + step) === b.slice(lo, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step); // the first difference, if any, is below hi
  while (hi - lo > 32) {
    const mid = (lo + hi) >>> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid;
    else hi = mid;
  }
  while (lo < hi && a.charCodeAt(lo) === b.charCodeAt(lo)) lo++;
  return lo;
}

/** The length of the common suffix of a and b, at most max; as commonPrefix. */
function commonSuffix(a: string, b: string, max: number): number {
  const ea = a.length;
  const eb = b.length;
  let lo = 0;
  let step = 64;
  while (lo + step <= max && a.slice(ea - lo - step, ea - lo) === b.slice(eb - lo - step, eb - lo)) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(max, lo + step);
  while (hi - lo > 32) {
    const mid = (lo + hi) >>> 1;
    if (a.slice(ea - mid, ea - lo) === b.slice(eb - mid, eb - lo)) lo = mid;
    else hi = mid;
  }
  while (lo < hi && a.charCodeAt(ea - lo - 1) === b.charCodeAt(eb - lo - 1)) lo++;
  return lo;
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
  const hunks = hunksOf(alignedOps(a, b), a, b);
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks });
}

type Lines = ReturnType<typeof splitLines>;

/** Line operations: common lines at both ends, the middle compared line by line when it aligns. */
function alignedOps(a: Lines, b: Lines): Op[] {
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
  return ops;
}

/** The hunks of a list of line operations, CONTEXT lines around each change, close changes merged. */
function hunksOf(ops: Op[], a: Lines, b: Lines): StructuredPatch["hunks"] {
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
    const { oldLines, newLines, lines } = hunkLines(ops.slice(start, stop), a, b);
    hunks.push({ oldStart: oldAt[start]! + 1, oldLines, newStart: newAt[start]! + 1, newLines, lines });
    k = stop;
  }
  return hunks;
}

/** One hunk's lines and how many old and new lines it covers. */
function hunkLines(ops: Op[], a: Lines, b: Lines): { oldLines: number; newLines: number; lines: string[] } {
  const A = a.lines;
  const B = b.lines;
  const lines: string[] = [];
  let oldLines = 0;
  let newLines = 0;
  for (const op of ops) {
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
  return { oldLines, newLines, lines };
}
