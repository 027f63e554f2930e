import { isAscii } from "node:buffer";
import type { Encoding } from "./types.js";

const utf8Fatal = new TextDecoder("utf-8", { fatal: true });

/** Decode a file's bytes, remembering how to encode them back byte for byte. */
export function decode(buf: Buffer): { text: string; encoding: Encoding } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString("utf8"), encoding: "utf8bom" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: buf.subarray(2).toString("utf16le"), encoding: "utf16le" };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return { text: swapped.toString("utf16le"), encoding: "utf16be" };
  }
  // ASCII (most source files): the same string as UTF-8 decoding, for a fraction of its cost.
  if (isAscii(buf)) return { text: buf.toString("latin1"), encoding: "utf8" };
  try {
    return { text: utf8Fatal.decode(buf), encoding: "utf8" };
  } catch {
    // Not UTF-8: Latin-1 maps every byte to one code unit and back, so ASCII IDs can be edited
    // while every other byte is kept.
    return { text: buf.toString("latin1"), encoding: "latin1" };
  }
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const b = Buffer.from(text, "utf16le");
      b.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
    }
    case "latin1":
      return Buffer.from(text, "latin1");
  }
}

/** Whether a buffer has a UTF-16 byte-order mark (such files contain NUL bytes but are text). */
export function hasUtf16Bom(buf: Buffer): boolean {
  return buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

/** Maps offsets to 1-based line and column (UTF-16 code units) in the physical file. */
export class LineIndex {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    const starts = this.starts;
    if (text.indexOf("\r") < 0) {
      // No CR (the usual case): the native search is several times faster than the loop below.
      for (let p = text.indexOf("\n"); p !== -1; p = text.indexOf("\n", p + 1)) starts.push(p + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }
  /** 0-based line number of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  position(offset: number): { line: number; column: number } {
    const l = this.lineOf(offset);
    return { line: l + 1, column: offset - this.starts[l]! + 1 };
  }
  /** The text of a 0-based line, without its line ending. */
  lineText(line: number): string {
    const s = this.starts[line];
    if (s === undefined) return "";
    const next = this.starts[line + 1] ?? this.text.length;
    return this.text.slice(s, next).replace(/\r?\n$|\r$/, "");
  }
  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
}

/** The line ending used at (or nearest before) an offset; the file's first one otherwise; "\n" by default. */
export function eolAt(text: string, offset: number): string {
  const nl = text.indexOf("\n", offset);
  const at = nl >= 0 ? nl : text.lastIndexOf("\n", offset);
  if (at < 0) return text.includes("\r") ? "\r" : "\n";
  return at > 0 && text[at - 1] === "\r" ? "\r\n" : "\n";
}

/** The leading whitespace of the line containing offset. */
export function indentAt(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== "\n" && text[s - 1] !== "\r") s--;
  let e = s;
  while (e < text.length && (text[e] === " " || text[e] === "\t")) e++;
  return text.slice(s, e);
}
