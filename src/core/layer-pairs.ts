/**
 * Pairing a walk with the cache's clean layer (src/core/clean-layer.ts): both are sorted by path,
 * so one merge pass finds each walked path's line, comparing the path (a JS string) with the line's
 * UTF-8 bytes where they lie, without decoding the layer.
 */
import type { Layer } from "./clean-layer.js";

/**
 * Pair sorted walked paths with the layer's lines (sorted the same way, by UTF-16 code units) in
 * one pass. Calls `found(i, line, keyStart, keyEnd)` for each walked path `rels[i]` that is a line.
 * (A path the order does not place is simply not found: its file is then read, never skipped.)
 */
export function pairLines(rels: readonly string[], layer: Layer, found: (i: number, line: number, keyStart: number, keyEnd: number) => void): void {
  let at = 0;
  let line = 0;
  for (let i = 0; i < rels.length && at < layer.length; i++) {
    const rel = rels[i]!;
    for (;;) {
      const c = compareAt(layer, at, rel);
      if (c < 0) {
        const end = layer.indexOf(10, at);
        if (end < 0) return;
        at = end + 1;
        line++;
        continue;
      }
      if (c === 0) {
        // (compareAt left the path's end, its tab, in pathEnd.)
        const keyStart = pathEnd + 1;
        let keyEnd = layer.indexOf(10, keyStart);
        if (keyEnd < 0) keyEnd = layer.length;
        found(i, line, keyStart, keyEnd);
      }
      break;
    }
  }
}

let pathEnd = 0;

/**
 * The line at `at` (its path's UTF-8 bytes, up to the tab) against `rel`, in the order of UTF-16
 * code units (the order the lines were sorted in): negative, 0 or positive. On 0, `pathEnd` is the
 * tab's offset.
 */
function compareAt(layer: Layer, at: number, rel: string): number {
  const n = layer.length;
  let p = at;
  // The low half of a surrogate pair decoded from a four-byte sequence, compared next.
  let low = -1;
  for (let k = 0; k < rel.length; k++) {
    let a: number;
    if (low >= 0) {
      a = low;
      low = -1;
    } else if (p >= n) {
      a = -1;
    } else {
      a = layer[p]!;
      if (a < 0x80) p++;
      else {
        const cp = codePointAt(layer, p);
        p += a >= 0xf0 ? 4 : a >= 0xe0 ? 3 : a >= 0xc0 ? 2 : 1;
        if (cp > 0xffff) {
          a = 0xd800 + ((cp - 0x10000) >> 10);
          low = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else a = cp;
      }
    }
    const d = a - rel.charCodeAt(k);
    if (d !== 0) return a === 9 ? -1 : d;
  }
  if (low >= 0 || layer[p] !== 9) return 1;
  pathEnd = p;
  return 0;
}

/**
 * The code point of the UTF-8 sequence at `p` (the layer is written from strings: well formed, a
 * lone surrogate having become U+FFFD). A stray continuation byte reads as U+FFFD: at worst a line
 * is not paired, and its file is read.
 */
function codePointAt(b: Layer, p: number): number {
  const c = b[p]!;
  if (c >= 0xf0) return ((c & 0x07) << 18) | ((b[p + 1]! & 0x3f) << 12) | ((b[p + 2]! & 0x3f) << 6) | (b[p + 3]! & 0x3f);
  if (c >= 0xe0) return ((c & 0x0f) << 12) | ((b[p + 1]! & 0x3f) << 6) | (b[p + 2]! & 0x3f);
  if (c >= 0xc0) return ((c & 0x1f) << 6) | (b[p + 1]! & 0x3f);
  return 0xfffd;
}
