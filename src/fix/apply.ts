import type { Edit } from "../core/types.js";

function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start; // two insertions at one point
  return a.start < b.end && b.start < a.end;
}

function same(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/**
 * Apply groups of edits (one group per fix) to a text. A group is applied whole or not at all: it is
 * skipped when one of its edits overlaps an edit of a group accepted before it. Identical edits from
 * several groups are applied once. Bytes outside the accepted edits never change.
 */
export function applyEditGroups(text: string, groups: Edit[][]): { text: string; applied: boolean[] } {
  const accepted: Edit[] = [];
  const applied = groups.map((group) => {
    const fresh: Edit[] = [];
    for (const e of group) {
      if (e.start < 0 || e.end > text.length || e.start > e.end) return false;
      if (accepted.some((a) => same(a, e)) || fresh.some((a) => same(a, e))) continue;
      if (accepted.some((a) => overlaps(a, e)) || fresh.some((a) => overlaps(a, e))) return false;
      fresh.push(e);
    }
    accepted.push(...fresh);
    return true;
  });
  return { text: applyEdits(text, accepted), applied };
}

/** Apply non-overlapping edits. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
