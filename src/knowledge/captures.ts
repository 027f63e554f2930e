import type { Match } from "../core/types.js";
import { looksLikeSerializedResponse } from "./responses.js";

/**
 * The matches of a text file (a log, a stream capture, a golden transcript, a snapshot, a file of
 * unknown kind) that lie in a recorded capture, by idStart: the match's line is a serialized response
 * or stream chunk (`data: {"object": "chat.completion.chunk", …}`), or the match lies in one written
 * over several lines: from the nearest line at or above it, since the last blank line, that starts
 * like serialized data (`{`, `[`, an SSE field, a Jest snapshot entry), not like prose, down to the
 * next blank line (at most CAPTURE_LINES lines each way). Linear in the text: a file without any serialized response is
 * passed over at once, and each line and block is tested once.
 */
export function capturedMatches(text: string, matches: readonly Match[]): Set<number> {
  const out = new Set<number>();
  if (matches.length === 0 || !looksLikeSerializedResponse(text)) return out;
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const n = starts.length;
  const lineEnd = (i: number) => (i + 1 < n ? starts[i + 1]! - 1 : text.length);
  const line = (i: number) => text.slice(starts[i]!, lineEnd(i));
  const blank = (i: number) => line(i).trim() === "";
  const lineHit = new Map<number, boolean>();
  const blockHit = new Map<number, boolean>();
  // One pass down the lines as the matches go: the line where the current block's serialized data
  // starts (-1: none since the last blank line).
  let li = -1;
  let bs = -1;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    while (li + 1 < n && starts[li + 1]! <= m.start) {
      li++;
      if (blank(li)) bs = -1;
      else if (CAPTURE_START.test(line(li))) bs = li;
    }
    let hit = lineHit.get(li);
    if (hit === undefined) lineHit.set(li, (hit = looksLikeSerializedResponse(line(li))));
    if (!hit) {
      if (bs >= 0 && li - bs < CAPTURE_LINES) {
        let b = blockHit.get(bs);
        if (b === undefined) {
          let be = bs;
          while (be + 1 < n && be - bs < CAPTURE_LINES && !blank(be + 1)) be++;
          blockHit.set(bs, (b = looksLikeSerializedResponse(text.slice(starts[bs]!, lineEnd(be)))));
        }
        hit = b;
      }
    }
    if (hit) out.add(m.idStart);
  }
  return out;
}

/** How far a capture written over several lines is looked for, up and down from a match. */
const CAPTURE_LINES = 500;

/** How serialized data starts (as opposed to prose): JSON, SSE fields, a Jest snapshot entry, pretty-format's `Object {`. */
const CAPTURE_START = /^\s*(?:[{[]|(?:data|event|id):|exports\[|Object \{|Array \[)/;
