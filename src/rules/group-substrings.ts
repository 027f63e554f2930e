/**
 * Code that tests a model name for a part of a legacy ID that its replacement lacks (docs/groups.md):
 * `Str::contains($model, 'reasoner')`, `model.contains("reasoner")`, `strings.Contains(model, "chat")`,
 * `'reasoner' in model`, `"reasoner" not in model` (the temperature or JSON mode sent only to other models). Such a test often sits in a provider's driver (`DeepseekBodyFormat.php`)
 * that names no legacy ID, far from the values that reach it (a preset, a table of connections in
 * another package). Renamed, a `deepseek-reasoner` value becomes `deepseek-v4-flash` and takes the
 * other branch (tools and structured output sent where they were dropped), and the project's tests
 * of that branch fail. The values of the ID are then at most unsafe, with the branch named.
 */
import path from "node:path";
import type { Finding } from "../core/types.js";
import { fileText } from "./disk-text.js";
import { isTestFile, lowerToUnsafe } from "./group-links.js";

/** The parts a substring test may look for, and the legacy ID whose replacement lacks each. */
const PART_IDS: Record<string, string> = { reasoner: "deepseek-reasoner", reason: "deepseek-reasoner", chat: "deepseek-chat" };

/**
 * A substring test of a name against a part: a method (`.contains(`, `.includes(`, `::contains(`),
 * a function of the name and the part (`Str::contains($m, '…')`, `strings.Contains(m, "…")`,
 * `str_contains($m, '…')`, `StringUtils.contains(m, "…")`), or Python's `'…' in model` / `'…' not in model`
 * (ending a condition, an assignment's line or a conditional expression's `else`).
 */
const SUBSTRING_TEST = new RegExp(
  String.raw`(?:(?:\.|::)(?:includes|contains|Contains|include\?|indexOf|index)\s*\(\s*|\b(?:strings\.Contains|str_contains|strpos|stripos|Str::contains|StringUtils\.contains|String\.contains)\s*\([^,()\n]*,\s*)(["'\x60])(reason(?:er)?|chat)\1|(["'])(reason(?:er)?|chat)\3\s+(?:not\s+)?in\s+[\w.]+(?:\(\))?(?:\s*(?:[:)\],]|and\b|or\b|else\b)|[ \t]*(?:#|\r?\n|$))`,
  "g",
);

/** Code files that may hold such a test: by extension. */
const CODE = /\.(?:php|java|kt|kts|scala|groovy|go|rs|rb|cs|swift|dart|exs?|py|[cm]?[jt]sx?|lua|zig|c|cc|cpp|h|hpp)$/;

/** A substring test: the part it looks for and where it is ("`path:line`"). */
export interface Branch {
  part: string;
  where: string;
}

/** At most this many files are read for the search; larger files are skipped. */
const FILES_MAX = 200;
const FILE_BYTES_MAX = 512 * 1024;

/** A path that names DeepSeek (one regular expression for the run's walked paths: a literal in the filter's callback cost 5 ms on 40,000 paths). */
const NAMES_DEEPSEEK = /deepseek/i;
/** What every substring test holds: a part in quotes (`"deepseek-chat"` is not one), checked before the search. */
const QUOTED_PART = /["'\x60](?:reason|chat)/;

/** A file's substring tests, the first of each legacy ID: what it looks for, the ID, the line. */
export interface SubstringTest {
  id: string;
  part: string;
  line: number;
}

/**
 * The substring tests of a file's text (see SUBSTRING_TEST), the first of each legacy ID; none in a
 * test file, a file that is not code, or a text larger than the search reads. The scan notes them
 * for the files it reports (src/core/scan-file.ts), so the groups need not read those files again.
 */
export function substringTestsIn(rel: string, text: string): SubstringTest[] {
  const out: SubstringTest[] = [];
  if (!CODE.test(rel) || isTestFile(rel) || !QUOTED_PART.test(text)) return out;
  if (text.length * 3 > FILE_BYTES_MAX && Buffer.byteLength(text) > FILE_BYTES_MAX) return out;
  SUBSTRING_TEST.lastIndex = 0;
  for (let m = SUBSTRING_TEST.exec(text); m; m = SUBSTRING_TEST.exec(text)) {
    const part = m[2] ?? m[4]!;
    const id = PART_IDS[part]!;
    const line = lineOf(text, m.index);
    // The same line accepting the new IDs too (`"reasoner" in m or "v4" in m`) keeps the branch.
    if (out.some((t) => t.id === id) || NEW_PART.test(line)) continue;
    // "chat" and "reason" are common words (`pathname.includes("chat")`, `"reason" in data`): only
    // a line that names a model tests a model name for them; "reasoner" is one wherever it is.
    if (part !== "reasoner" && !NAMES_MODEL.test(line)) continue;
    out.push({ id, part, line: lineAt(text, m.index) });
  }
  return out;
}

/**
 * Where the run's code tests a model name for a part of a legacy ID, by legacy ID: "`path:line`".
 * The files searched are the run's non-test code files whose path names DeepSeek (a provider's
 * driver, adapter or client: `Drivers/Deepseek/DeepseekBodyFormat.php`) and the non-test code files
 * that hold the members, each once, in path order, at most FILES_MAX. A member file's tests are the
 * ones the scan noted (`noted`); any other file is read from disk.
 */
export function substringBranches(walked: readonly string[], noted: ReadonlyMap<string, readonly SubstringTest[]>, cwd: string): Map<string, Branch> {
  const out = new Map<string, Branch>();
  const named = walked.filter((rel) => NAMES_DEEPSEEK.test(rel));
  const files = [...new Set([...named, ...noted.keys()])].filter((rel) => CODE.test(rel) && !isTestFile(rel)).sort();
  for (const rel of files.slice(0, FILES_MAX)) {
    if (out.size === 2) break;
    let tests = noted.get(rel);
    if (!tests) {
      const text = fileText(path.resolve(cwd, rel), FILE_BYTES_MAX);
      tests = text === undefined ? [] : substringTestsIn(rel, text);
    }
    for (const t of tests) if (!out.has(t.id)) out.set(t.id, { part: t.part, where: `\`${rel}:${t.line}\`` });
  }
  return out;
}

/** A line that names a model (`model`, `modelId`, `$model`, `model_name`, `engine`). */
const NAMES_MODEL = /model|engine/i;

/** A quoted part of a new ID on a line: `"v4"`, `'deepseek-v4'`, `"flash"`. */
const NEW_PART = /(["'\x60])[^"'\x60\n]*(?:v4|flash)[^"'\x60\n]*\1/i;

function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end < 0 ? text.length : end);
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Lower a safe finding of an ID that the run's code tests by a part its replacement lacks to unsafe
 * (in a test too: it may pass the ID to cover that branch). Returns whether it did.
 */
export function lowerForSubstringBranch(f: Finding, branches: ReadonlyMap<string, Branch>): boolean {
  const branch = f.fix === "safe" ? branches.get(f.legacyId) : undefined;
  if (!branch) return false;
  return lowerToUnsafe(f, `The project's code tests model names for "${branch.part}" (${branch.where}), which ${f.replacement} lacks: renamed, this value takes that test's other branch; review it (and the tests of that branch) before renaming.`);
}
