import crypto from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import { unifiedDiff } from "../fix/diff.js";
import type { RunResult } from "../core/run.js";
import { encode } from "../core/text.js";
import type { FileResult } from "../core/types.js";

const B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/** git's base85 (as in `git diff --binary`): 4 bytes → 5 characters, big-endian, zero-padded. */
function base85(chunk: Buffer): string {
  let out = "";
  for (let i = 0; i < chunk.length; i += 4) {
    let acc = ((chunk[i] ?? 0) * 0x1000000 + ((chunk[i + 1] ?? 0) << 16) + ((chunk[i + 2] ?? 0) << 8) + (chunk[i + 3] ?? 0)) >>> 0;
    const group: string[] = [];
    for (let k = 0; k < 5; k++) {
      group.unshift(B85[acc % 85]!);
      acc = Math.floor(acc / 85);
    }
    out += group.join("");
  }
  return out;
}

/** One `literal` hunk of a git binary patch: zlib-deflated, 52 bytes per line with a length letter. */
function literalHunk(data: Buffer): string {
  const z = zlib.deflateSync(data);
  let out = `literal ${data.length}\n`;
  for (let off = 0; off < z.length; off += 52) {
    const chunk = z.subarray(off, off + 52);
    const n = chunk.length;
    out += (n <= 26 ? String.fromCharCode(64 + n) : String.fromCharCode(96 + n - 26)) + base85(chunk) + "\n";
  }
  return out + "\n";
}

function blobId(data: Buffer): string {
  return crypto.createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

function gitMode(abs: string): string {
  try {
    return fs.statSync(abs).mode & 0o111 ? "100755" : "100644";
  } catch {
    return "100644";
  }
}

/**
 * The patch for one changed file, as bytes `git apply` accepts against the file on disk:
 * UTF-8 as is; a UTF-8 byte-order mark is kept in the first line; Latin-1 bodies are written back
 * in Latin-1 (the file's own bytes); UTF-16 files, which git treats as binary, get a git binary
 * patch (full index line, forward and reverse literal hunks).
 */
export function filePatch(f: FileResult): Buffer {
  const text = f.text!;
  const fixed = f.fixed!;
  switch (f.encoding) {
    case "utf8bom":
      return Buffer.from(unifiedDiff(f.file, "\ufeff" + text, "\ufeff" + fixed), "utf8");
    case "latin1": {
      const d = unifiedDiff(f.file, text, fixed);
      const at = d.indexOf("\n@@");
      return Buffer.concat([Buffer.from(d.slice(0, at + 1), "utf8"), Buffer.from(d.slice(at + 1), "latin1")]);
    }
    case "utf16le":
    case "utf16be": {
      const before = f.original ?? encode(text, f.encoding);
      const after = encode(fixed, f.encoding);
      return Buffer.from(
        `diff --git a/${f.file} b/${f.file}\n` +
          `index ${blobId(before)}..${blobId(after)} ${gitMode(f.absPath)}\n` +
          "GIT binary patch\n" +
          literalHunk(after) +
          literalHunk(before),
        "utf8",
      );
    }
    default:
      return Buffer.from(f.diff || unifiedDiff(f.file, text, fixed), "utf8");
  }
}

/**
 * Every file the run changes (or would change), as one patch for `git apply` (run from the current
 * directory, which the paths are relative to). Empty when nothing changes.
 */
export function buildPatch(result: RunResult): Buffer {
  const parts: Buffer[] = [];
  for (const f of result.files) {
    if (f.text === undefined || f.fixed === undefined || f.fixed === f.text) continue;
    parts.push(filePatch(f));
  }
  return Buffer.concat(parts);
}
