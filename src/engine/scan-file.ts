import fs from "node:fs";
import type { ClockInfo } from "./clock-info.js";
import { adapterNameFor, loadAdapter } from "../languages/index.js";
import { classify } from "../rules/classify.js";
import { detectOtherHost } from "../rules/hosts.js";
import { findMatches } from "../rules/match.js";
import { applyEditGroups } from "../fix/apply.js";
import { unifiedDiff } from "../fix/diff.js";
import { decode, hasUtf16Bom } from "../text.js";
import type { AdapterOutput, FileResult, Ruleset } from "../types.js";

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const BINARY_PROBE = 8 * 1024;

export interface ScanFileOptions {
  ruleset: Ruleset;
  clock: ClockInfo;
  unsafeFixes: boolean;
  maxFileSize: number;
}


function readBounded(abs: string, max: number): { buf?: Buffer; skip?: string } {
  const fd = fs.openSync(abs, "r");
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { skip: "not a regular file" };
    if (st.size > max) return { skip: `over the size limit (${st.size} > ${max} bytes)` };
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { buf: off === st.size ? buf : buf.subarray(0, off) };
  } finally {
    fs.closeSync(fd);
  }
}

function containsNeedle(buf: Buffer, needles: string[]): boolean {
  for (const n of needles) if (buf.indexOf(n) >= 0) return true;
  return false;
}

/**
 * Scan one file: read once, prefilter on bytes, decode, match, let the adapter classify, turn sites
 * into findings, apply the selected fixes in memory and diff. A failure is a status, never a throw.
 */
export async function scanFile(abs: string, rel: string, opts: ScanFileOptions): Promise<FileResult> {
  const result: FileResult = { file: rel, absPath: abs, status: "ok", findings: [], warnings: [] };
  let buf: Buffer;
  try {
    const r = readBounded(abs, opts.maxFileSize);
    if (r.skip) return { ...result, status: "skipped", message: r.skip };
    buf = r.buf!;
  } catch (e) {
    return { ...result, status: "error", message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const utf16 = hasUtf16Bom(buf);
  if (!utf16) {
    if (!containsNeedle(buf, opts.ruleset.needles)) return result;
    if (buf.subarray(0, BINARY_PROBE).includes(0)) return { ...result, status: "skipped", message: "binary file" };
  }
  try {
    const { text, encoding } = decode(buf);
    if (utf16 && !opts.ruleset.needles.some((n) => text.includes(n))) return result;
    const matches = findMatches(text, opts.ruleset);
    if (matches.length === 0) return result;

    const adapterName = adapterNameFor(rel);
    result.adapter = adapterName;
    let out: AdapterOutput;
    try {
      const adapter = await loadAdapter(adapterName);
      out = await adapter.scan({ path: rel, text, matches, ruleset: opts.ruleset });
    } catch (e) {
      out = { sites: [], parseError: e instanceof Error ? e.message : String(e) };
    }
    if (out.parseError) result.warnings.push(`did not parse (${out.parseError}); matches reported lexically`);

    const findings = classify({
      path: rel,
      text,
      matches,
      sites: out.sites,
      ruleset: opts.ruleset,
      otherHost: detectOtherHost(text),
      parseError: out.parseError,
      severity: opts.clock.severity,
      retirement: opts.clock.retirement,
    });
    result.findings = findings;

    const selected = findings.filter(
      (f) => !f.suppressed && f.edits.length > 0 && (f.fix === "safe" || (f.fix === "unsafe" && opts.unsafeFixes)),
    );
    if (selected.length > 0) {
      const { text: fixed, applied } = applyEditGroups(
        text,
        selected.map((f) => f.edits),
      );
      applied.forEach((ok, i) => {
        if (!ok) result.warnings.push(`fix at line ${selected[i]!.line} overlaps another fix; not applied this run`);
      });
      if (fixed !== text) {
        result.original = buf;
        result.encoding = encoding;
        result.text = text;
        result.fixed = fixed;
        result.diff = unifiedDiff(rel, text, fixed);
      }
    }
    return result;
  } catch (e) {
    return { ...result, status: "error", message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
