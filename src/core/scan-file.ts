import type { ClockInfo } from "./clock-info.js";
import { adapterNameFor, loadAdapter, loadLinter } from "../languages/registry.js";
import { classify } from "../rules/classify.js";
import { detectOtherHost } from "../rules/hosts.js";
import { generatedFile } from "../rules/generated.js";
import { findMatches } from "../rules/match.js";
import { derivedKeys } from "../rules/derived-keys.js";
import { substringTestsIn } from "../rules/group-substrings.js";
import { applyEditGroups } from "../fix/apply.js";
import { unifiedDiff } from "../fix/diff.js";
import { decode, encode, hasUtf16Bom, LineIndex } from "./text.js";
import type { AdapterOutput, Encoding, FileResult, Finding, Lint, Match, Ruleset } from "./types.js";
import { importsOf } from "../rules/imports.js";
import { lintCandidate } from "../lints/index.js";
import { DEFAULT_MAX_TOKENS_FLOOR, type LintOptions } from "../rules/lint-options.js";
import { contentHash, isCacheFile, type CachedAnalysis, type ScanCache } from "./cache.js";
import { readBounded } from "./read-bounded.js";

export { DEFAULT_MAX_FILE_SIZE } from "./limits.js";
/**
 * The per-file parse budget, in characters: a larger file is not given to its language adapter
 * (parsing costs grow with size, and such files are bundles or data); its matches are reported
 * lexically with a note, never safe. It sits just under the default size limit (5 MB), so it
 * matters for files raised over that limit with --max-file-size (a 20 MB minified bundle).
 */
export const DEFAULT_PARSE_BUDGET = 4 * 1024 * 1024;
const BINARY_PROBE = 8 * 1024;

export interface ScanFileOptions {
  ruleset: Ruleset;
  clock: ClockInfo;
  unsafeFixes: boolean;
  maxFileSize: number;
  /** Characters a file may have to be parsed by its adapter (default DEFAULT_PARSE_BUDGET). */
  parseBudget?: number;
  /** --cache: earlier analyses by path and text hash (src/core/cache.ts). */
  cache?: ScanCache;
  /**
   * Leave each file's diff to be made when a report reads it (`check`: most formats show none);
   * the text and the fixed text are kept as always (see lazyDiffs).
   */
  deferDiffs?: boolean;
  /**
   * The run never writes (`check`): a file with fixes keeps its text and fixed text but not a copy
   * of its bytes (`FileResult.original`, which only a write compares against; a patch encodes the
   * text, the same bytes for every file whose fixes are kept).
   */
  readOnly?: boolean;
  /** Settings of the request lints (absent: the defaults). */
  lint?: LintOptions;
  /** --select / --ignore: the rule codes reported (absent: all). */
  codes?: { select: string[]; ignore: string[] };
}

/** Findings of the selected codes only (--select, --ignore, the configuration). */
export function selectCodes(findings: Finding[], codes: ScanFileOptions["codes"]): Finding[] {
  if (!codes || (codes.select.length === 0 && codes.ignore.length === 0)) return findings;
  return findings.filter((f) => (codes.select.length === 0 || codes.select.includes(f.code)) && !codes.ignore.includes(f.code));
}


function containsNeedle(buf: Buffer, needles: string[]): boolean {
  for (const n of needles) if (buf.indexOf(n) >= 0) return true;
  return false;
}

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];
const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The result of a file with nothing to report. Most files of a tree are clean, and a run keeps one
 * result per file, so clean results share their empty (frozen) lists.
 */
export function cleanResult(rel: string, abs: string, analysis?: [string, string]): FileResult {
  return { file: rel, absPath: abs, status: "ok", findings: NO_FINDINGS, warnings: NO_WARNINGS, ...(analysis ? { analysis } : {}) };
}

/**
 * Scan one file: read once, prefilter on bytes, decode, match, let the adapter classify, turn sites
 * into findings, apply the selected fixes in memory and diff. A failure is a status, never a throw.
 */
export async function scanFile(abs: string, rel: string, opts: ScanFileOptions): Promise<FileResult> {
  const result = cleanResult(rel, abs);
  let buf: Buffer;
  let shared = false;
  try {
    const r = readBounded(abs, opts.maxFileSize);
    if (r.skip) return { ...result, status: "skipped", message: r.skip };
    // The tool's own results cache names legacy IDs: it is never scanned (src/core/cache.ts).
    if (r.cacheFile) return result;
    buf = r.buf!;
    shared = r.shared === true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "it vanished after the walk (ENOENT)" : code === "EACCES" || code === "EPERM" ? `permission denied (${code})` : (code ?? String(e));
    return { ...result, status: "error", message: `cannot read: ${why}` };
  }
  const utf16 = hasUtf16Bom(buf);
  // A clean result settled by the text and the cache's settings alone: the cache's clean layer may
  // record it (src/core/cache.ts).
  const settled = (): FileResult => (opts.cache && !result.derivedKeys ? { ...result, settled: true } : result);
  if (!utf16) {
    if (!containsNeedle(buf, opts.ruleset.needles)) return settled();
    // The tool's own results cache names legacy IDs: it is never scanned (src/core/cache.ts).
    if (isCacheFile(buf)) return result;
    if (buf.subarray(0, BINARY_PROBE).includes(0)) return { ...result, status: "skipped", message: "binary file" };
  }
  // Past the prefilter, the bytes are copied out of the scratch buffer (reused by the next read)
  // before the scan waits for anything, and when a result keeps them (a file with fixes): a cache
  // hit without fixes is never copied.
  const own = (): Buffer => {
    if (shared) buf = Buffer.from(buf);
    shared = false;
    return buf;
  };
  try {
    const { text, encoding } = decode(buf);
    if (utf16 && !opts.ruleset.needles.some((n) => text.includes(n))) return settled();
    noteDerivedKeys(result, text, opts.ruleset);
    // A file with an entry: its bytes' hash first. An entry is made only for a text that was
    // analysed, so the same bytes need no matching again (nor the imports: the entry has them).
    const cached = opts.cache?.entries.get(rel);
    let hash = cached ? contentHash(buf) : undefined;
    const hit = cached && cached[0] === hash ? parseAnalysis(cached[1]) : undefined;
    let imports: string[];
    if (hit) imports = fromEntry(result, text, hit, cached!);
    else {
      const matches = findMatches(text, opts.ruleset);
      // A file without a model-ID match is still linted when it may send a DeepSeek request.
      if (matches.length === 0 && !lintCandidate(adapterNameFor(rel), text)) return settled();
      result.warnings = [];
      imports = importsOf(rel, text);
      own();
      if ((await analyze(result, rel, text, matches, opts)) && opts.cache) {
        // (An analysis made after a failure, a parser that did not load or an adapter that threw, is
        // not cached: the failure may not happen again.)
        result.analysis = [(hash ??= contentHash(buf)), analysisJson(result, imports)];
      }
    }
    if (imports.length > 0) result.imports = imports;
    const found = result.findings.length;
    result.findings = selectCodes(result.findings, opts.codes);
    if (result.findings.length === 0 && result.warnings.length === 0) {
      const clean = { ...cleanResult(rel, abs, result.analysis), ...(result.derivedKeys && { derivedKeys: result.derivedKeys }) };
      // Nothing found whatever the codes selected, by an analysis that holds (cached, or cacheable): settled.
      return found === 0 && result.analysis && !clean.derivedKeys ? { ...clean, settled: true } : clean;
    }
    const tests = substringTestsIn(rel, text);
    if (tests.length > 0) result.substringTests = tests;
    applyFixes(result, own, text, encoding, rel, opts);
    return result;
  } catch (e) {
    return { ...result, status: "error", message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A cache hit: the entry's analysis as the file's result. Returns what the file imports. */
function fromEntry(result: FileResult, text: string, hit: CachedAnalysis, entry: [string, string]): string[] {
  result.warnings = hit.warnings;
  if (hit.adapter !== undefined) result.adapter = hit.adapter;
  // An entry leaves out each finding's line text (a long line with many matches would be stored
  // once per match): it is taken again from the text read now.
  const lines = new LineIndex(text);
  for (const f of hit.findings) f.lineText = lines.lineText(f.line - 1);
  result.findings = hit.findings;
  result.analysis = entry;
  return hit.imports ?? [];
}

/** A cached analysis, or undefined when the entry is not one (the file is then analysed again). */
function parseAnalysis(json: string): CachedAnalysis | undefined {
  try {
    const a = JSON.parse(json) as CachedAnalysis;
    return Array.isArray(a.warnings) && Array.isArray(a.findings) && (a.imports === undefined || Array.isArray(a.imports)) ? a : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The adapter's sites and the rules' classification: the findings and the adapter's notes.
 * Returns false when an exception was caught on the way (the findings are then the fallback's).
 */
/** The cache entry's analysis of a result (its findings without their line texts). */
function analysisJson(result: FileResult, imports: string[]): string {
  const a: CachedAnalysis = {
    ...(result.adapter !== undefined ? { adapter: result.adapter } : {}),
    warnings: result.warnings,
    findings: result.findings.map((f) => ({ ...f, lineText: "" })),
    ...(imports.length > 0 ? { imports } : {}),
  };
  return JSON.stringify(a);
}

/**
 * Tables keyed by names built from an ID (src/rules/derived-keys.ts): the rename groups read them.
 * Such a file is never settled clean, so a warm run with --cache reads it again.
 */
function noteDerivedKeys(result: FileResult, text: string, ruleset: ScanFileOptions["ruleset"]): void {
  const keys = derivedKeys(text, ruleset);
  if (keys.length > 0) result.derivedKeys = keys;
}

async function analyze(result: FileResult, rel: string, text: string, matches: Match[], opts: ScanFileOptions): Promise<boolean> {
  let clean = true;
  const adapterName = adapterNameFor(rel);
  result.adapter = adapterName;
  let out: AdapterOutput;
  let whenUnparsed: "unsafe" | "none" | undefined;
  const budget = opts.parseBudget ?? DEFAULT_PARSE_BUDGET;
  // The request lints read the file too (never a file over the budget): the adapter may hand them its tree.
  const linted = text.length <= budget && lintCandidate(adapterName, text);
  try {
    // A file linted without a model-ID match needs no adapter (nor its parser).
    // Nor does a file whose matches are all report-only (retired aliases with the default target):
    // they are reported without a position.
    const needsAdapter = matches.some((m) => !opts.ruleset.byId.get(m.legacyId)?.reportOnly);
    const adapter = needsAdapter ? await loadAdapter(adapterName) : undefined;
    whenUnparsed = adapter?.whenUnparsed;
    if (!adapter) {
      out = { sites: [] };
    } else if (adapterName !== "lexical" && text.length > budget) {
      out = { sites: [], parseError: `not parsed: over the parse budget of ${budget} characters` };
    } else {
      out = await adapter.scan({ path: rel, absPath: result.absPath, text, matches, ruleset: opts.ruleset, ...(linted ? { linted } : {}) });
      if (!out || !Array.isArray(out.sites)) out = { sites: [], parseError: `the ${adapterName} adapter returned no sites` };
    }
  } catch (e) {
    // Includes RangeError (a stack overflow on deeply nested input): the file is scanned lexically.
    clean = false;
    out = { sites: [], parseError: e instanceof Error ? `${e.name === "Error" ? "" : `${e.name}: `}${e.message}` : String(e) };
  }
  if (out.parseError && matches.length > 0) result.warnings.push(`did not parse (${out.parseError}); matches reported lexically`);
  // Request lints: the adapter's own, then the file kind's linter (never on a file over the budget).
  const lints: Lint[] = [...(out.lints ?? [])];
  if (linted) {
    try {
      const linter = await loadLinter(adapterName);
      const options = opts.lint ?? { maxTokensFloor: DEFAULT_MAX_TOKENS_FLOOR };
      if (linter) lints.push(...(await linter({ path: rel, text, options, ...(out.tree !== undefined ? { tree: out.tree } : {}) })));
    } catch (e) {
      clean = false;
      result.warnings.push(`the request lints failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const classifyInput = {
    path: rel,
    text,
    matches,
    sites: out.sites,
    ruleset: opts.ruleset,
    otherHost: detectOtherHost(text),
    generated: generatedFile(rel, text),
    parseError: out.parseError,
    whenUnparsed,
    severity: opts.clock.severity,
    retirement: opts.clock.retirement,
    lints,
  };
  let findings;
  try {
    findings = classify(classifyInput);
  } catch (e) {
    // Adapter output the rules could not use: fall back to the lexical classification.
    const why = `the ${adapterName} adapter's output could not be classified: ${e instanceof Error ? e.message : String(e)}`;
    result.warnings.push(`${why}; matches reported lexically`);
    findings = classify({ ...classifyInput, sites: [], parseError: why });
    clean = false;
  }
  result.findings = findings;
  return clean;
}

/**
 * Give each result whose diff was deferred (a fixed text, no diff) a `diff` made on first read and
 * kept: the same string as an eager diff, for the reports that show diffs (json, markdown, html).
 */
export function lazyDiffs(results: FileResult[]): void {
  for (const f of results) {
    if (f.fixed === undefined || f.text === undefined || f.diff !== undefined) continue;
    const { file, text, fixed } = f;
    Object.defineProperty(f, "diff", {
      configurable: true,
      enumerable: true,
      get() {
        const diff = unifiedDiff(file, text, fixed);
        Object.defineProperty(f, "diff", { value: diff, writable: true, configurable: true, enumerable: true });
        return diff;
      },
      set(value: string | undefined) {
        Object.defineProperty(f, "diff", { value, writable: true, configurable: true, enumerable: true });
      },
    });
  }
}

/** Apply the selected fixes in memory and diff them (a file whose text would not re-encode is only reported). */
function applyFixes(result: FileResult, bytes: () => Buffer, text: string, encoding: Encoding, rel: string, opts: ScanFileOptions): void {
  const selected = selectedFixes(result.findings, opts.unsafeFixes);
  if (selected.length > 0) {
    const { fixed, applied } = fixedText(result, text, selected);
    // Strict UTF-8 and Latin-1 decoding always round-trip; the other encodings are checked.
    const roundTrips = encoding === "utf8" || encoding === "latin1" || encode(text, encoding).equals(bytes());
    selected.forEach((f, i) => (f.applied = roundTrips && applied[i]!));
    if (fixed !== text && !roundTrips) {
      // Writing would change bytes outside the fixes (e.g. a truncated UTF-16 file, invalid UTF-8
      // after a UTF-8 byte-order mark): report, never write.
      result.warnings.push(`the ${encoding} text does not re-encode to the same bytes; fixes reported, not applied`);
    } else if (fixed !== text) {
      if (!opts.readOnly) result.original = bytes();
      result.encoding = encoding;
      result.text = text;
      result.fixed = fixed;
      if (!opts.deferDiffs) result.diff = unifiedDiff(rel, text, fixed);
    }
  }
}

/** The findings whose fixes a run applies: safe ones, plus unsafe ones with --unsafe-fixes. */
function selectedFixes(findings: Finding[], unsafeFixes: boolean): Finding[] {
  return findings.filter((f) => !f.suppressed && f.edits.length > 0 && (f.fix === "safe" || (f.fix === "unsafe" && unsafeFixes)));
}

const OVERLAP_NOTE = / overlaps another fix; not applied this run$/;

function fixedText(result: FileResult, text: string, selected: Finding[]): { fixed: string; applied: boolean[] } {
  const { text: fixed, applied } = applyEditGroups(
    text,
    selected.map((f) => f.edits),
  );
  applied.forEach((ok, i) => {
    if (!ok) result.warnings.push(`fix at line ${selected[i]!.line} overlaps another fix; not applied this run`);
  });
  return { fixed, applied };
}

/**
 * Apply a file's fixes again after its findings changed (the rename groups of the whole run lower
 * some classes, src/rules/groups.ts). Only a file whose text the scan kept (one that had fixes) can
 * change: a fix is only ever taken away here.
 */
export function refix(result: FileResult, unsafeFixes: boolean): void {
  const selected = selectedFixes(result.findings, unsafeFixes);
  // A fix the group took away is no longer selected (src/core/outcome.ts).
  const keep = new Set(selected);
  for (const f of result.findings) if (!keep.has(f)) delete f.applied;
  if (result.text === undefined) return;
  const text = result.text;
  if (result.warnings.some((w) => OVERLAP_NOTE.test(w))) result.warnings = result.warnings.filter((w) => !OVERLAP_NOTE.test(w));
  const { fixed, applied } = selected.length > 0 ? fixedText(result, text, selected) : { fixed: text, applied: [] };
  selected.forEach((f, i) => (f.applied = applied[i]!));
  if (fixed === result.fixed) return;
  if (fixed === text) {
    delete result.original;
    delete result.encoding;
    delete result.text;
    delete result.fixed;
    delete result.diff;
    return;
  }
  result.fixed = fixed;
  // A run that defers diffs (lazyDiffs) computes this one when it is read.
  if (result.diff !== undefined) result.diff = unifiedDiff(result.file, text, fixed);
}
