/**
 * Which files of a run are tied into one rename group (src/rules/groups.ts): a file and the member
 * files it imports, a test and its subject by name, a snapshot file and its test; and which tests
 * pin a branch (their subject, read from disk, branches on the model ID).
 */
import fs from "node:fs";
import path from "node:path";
import type { FileResult, Finding } from "../core/types.js";
import { fileText } from "./disk-text.js";
import { importFamily, importsOf, jsSpecCandidates, pyModule, pyOnDisk, pyReexports } from "./imports.js";

/**
 * A safe rename that a rename-group rule cannot prove becomes unsafe, the reason first in its advice.
 * Returns whether it did (a finding already unsafe or none keeps its class and advice).
 */
export function lowerToUnsafe(f: Finding, why: string): boolean {
  if (f.fix !== "safe") return false;
  f.fix = "unsafe";
  f.advice = f.advice ? `${why} ${f.advice}` : why;
  return true;
}

/** Adapters of prose files (docs): their matches are read by people, never looked up or compared. */
export const PROSE_ADAPTERS: ReadonlySet<string> = new Set(["markdown", "rst", "asciidoc", "text"]);

/** A test file: its strings are fixtures, mocks and expectations of the code it tests. */
export function isTestFile(rel: string): boolean {
  const base = path.posix.basename(rel);
  return (
    /(?:^|\/)(?:tests?|__tests__|spec|specs|testing|e2e)\//i.test(rel) ||
    /^test_.*\.pyi?$|_test\.(?:pyi?|go|rb|exs?|dart)$|^conftest\.py$/.test(base) ||
    /\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/.test(base) ||
    /(?:Tests?|Spec|IT)\.(?:java|kt|kts|scala|cs|swift|groovy)$/.test(base) ||
    isSnapshotFile(rel)
  );
}

/** A snapshot file written by a test runner (Jest/Vitest `.snap`, syrupy `.ambr`, `__snapshots__/`). */
export function isSnapshotFile(rel: string): boolean {
  return /(?:^|\/)__snapshots__\//.test(rel) || /\.(?:snap|ambr)$/.test(rel);
}

/**
 * A key of a table in a file that was not parsed (over the parser's size limit, such as a generated
 * model catalogue): the ID quoted whole and followed by a colon, `"deepseek-chat": {`. It is read
 * lexically, so no adapter marks it as a key; it still ties the values looked up in it.
 */
export function unparsedKey(f: Finding): boolean {
  if (f.position !== "core/unparsed") return false;
  const at = f.column - 1;
  const quote = f.lineText[at - 1];
  if (quote !== '"' && quote !== "'" && quote !== "`") return false;
  const after = at + f.match.length;
  return f.lineText[after] === quote && /^\s*:/.test(f.lineText.slice(after + 1));
}

/** The finding keys a table: an adapter's key, or a key of an unparsed file's table. */
export function tableKey(f: Finding): boolean {
  return f.kind === "key" || unparsedKey(f);
}

/** The member files a file imports. */
export function importedMemberFiles(file: FileResult, byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>, cwd: string): FileResult[] {
  const out: FileResult[] = [];
  const specs = file.imports ?? [];
  for (const spec of specs) {
    if (spec.startsWith("js:")) {
      for (const c of jsSpecCandidates(cwd, file.file, spec.slice(3))) {
        const t = byRel.get(c);
        if (t) {
          out.push(t);
          break;
        }
      }
    } else if (spec.startsWith("py:")) {
      const hits = pyMemberFiles(file.file, spec.slice(3), byRel, pyKeys);
      if (hits.length > 0) out.push(...hits);
      else out.push(...reexportedMemberFiles(file.file, spec.slice(3), specs, byRel, pyKeys, cwd));
    }
  }
  return out;
}

/** The member files a Python module specifier names. */
function pyMemberFiles(from: string, spec: string, byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>): FileResult[] {
  const mod = pyModule(from, spec);
  if (mod.exact) return mod.exact.flatMap((c) => byRel.get(c) ?? []);
  if (mod.suffix) return closest(from, pyKeys.get(mod.suffix) ?? []);
  return [];
}

const INIT_MAX = 256 * 1024;

/**
 * `from pkg import DeepSeek`, where pkg's `__init__.py` names no legacy ID (so it is no member) and
 * takes DeepSeek from a module that does (`from .deepseek import DeepSeek`): that module is the one
 * the importing file uses. The `__init__.py` is read from disk; one step, only for the names imported.
 */
function reexportedMemberFiles(from: string, spec: string, specs: readonly string[], byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>, cwd: string): FileResult[] {
  const names = new Set<string>();
  const prefix = `py:${spec}${spec.endsWith(".") ? "" : "."}`;
  for (const s of specs) if (s.startsWith(prefix) && /^\w+$/.test(s.slice(prefix.length))) names.add(s.slice(prefix.length));
  if (names.size === 0) return [];
  const init = packageInitOnDisk(from, spec, cwd);
  const text = init && !byRel.has(init) ? textOnDisk(cwd, init, INIT_MAX) : undefined;
  if (!init || text === undefined) return [];
  return pyReexports(text, names).flatMap((s) => pyMemberFiles(init, s.slice(3), byRel, pyKeys));
}

/** The `__init__.py` of the package a Python specifier names, as it exists on disk (nearest root first). */
function packageInitOnDisk(from: string, spec: string, cwd: string): string | undefined {
  const mod = pyModule(from, spec);
  const cands = (mod.exact ?? []).filter((c) => c.endsWith("/__init__.py"));
  if (mod.suffix) {
    for (let d = path.posix.dirname(from); ; d = path.posix.dirname(d)) {
      const root = d === "." ? "" : `${d}/`;
      cands.push(`${root}${mod.suffix}/__init__.py`, `${root}src/${mod.suffix}/__init__.py`);
      if (d === "." || d === "/" || d === "") break;
    }
  }
  return cands.find((c) => !c.startsWith("..") && existsFile(cwd, c));
}

/** Of several files that fit a name, the ones nearest to `from` (the longest common folder). */
function closest(from: string, list: FileResult[]): FileResult[] {
  if (list.length <= 1) return list;
  const common = (a: string, b: string) => {
    const x = a.split("/");
    const y = b.split("/");
    let i = 0;
    while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
    return i;
  };
  const best = Math.max(...list.map((f) => common(from, f.file)));
  return list.filter((f) => common(from, f.file) === best);
}

/** The name a test file tests, e.g. "foo" for test_foo.py, foo_test.go, foo.test.ts, FooTest.java. */
export function subjectStem(rel: string): string | undefined {
  const base = path.posix.basename(rel);
  let m = /^test_(.+)\.pyi?$/.exec(base) ?? /^(.+)_test\.(?:pyi?|go|rb|exs?|dart)$/.exec(base);
  if (m) return m[1];
  m = /^(.+)\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/.exec(base);
  if (m) return m[1];
  m = /^(.+?)(?:Tests?|Spec|IT)\.(?:java|kt|kts|scala|cs|swift|groovy)$/.exec(base);
  if (m) return m[1];
  return undefined;
}

function stemOf(rel: string): string {
  return path.posix.basename(rel).replace(/\.[^.]*$/, "");
}

/** The test a snapshot file belongs to, as a base name ("foo.test.ts", "test_foo"), or undefined. */
function snapshotOwner(rel: string): { dir: string; name: string } | undefined {
  const m = /^(.*?)(?:^|\/)__snapshots__\/([^/]+)/.exec(rel);
  if (!m) return undefined;
  return { dir: m[1]!, name: m[2]!.replace(/\.(?:snap|ambr)$/, "") };
}

/** The test file a snapshot belongs to, read from disk (it need not name a legacy ID). */
function ownerTestOnDisk(snap: { dir: string; name: string }, cwd: string): { rel: string; text: string } | undefined {
  const dir = snap.dir || ".";
  const names = /\.[cm]?[jt]sx?$|\.pyi?$/.test(snap.name) ? [snap.name] : [`${snap.name}.py`, `${snap.name}.ts`, `${snap.name}.tsx`, `${snap.name}.js`, `${snap.name}.jsx`];
  for (const n of names) {
    const rel = path.posix.join(dir, n);
    const text = textOnDisk(cwd, rel);
    if (text !== undefined) return { rel, text };
  }
  return undefined;
}

/** A test's subject and a snapshot's test, among the member files. */
export function namedPartners(file: FileResult, memberFiles: FileResult[], byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>, cwd: string): FileResult[] {
  const snap = snapshotOwner(file.file);
  if (snap) {
    const tests = memberFiles.filter((f) => {
      if (f === file || isSnapshotFile(f.file) || path.posix.dirname(f.file) !== (snap.dir || ".")) return false;
      const base = path.posix.basename(f.file);
      return base === snap.name || stemOf(f.file) === snap.name;
    });
    if (tests.length > 0) return tests;
    // The test itself may not name the ID (`expect(body).toMatchSnapshot()`): the snapshot is then
    // tied to what that test imports and tests, read from disk.
    const test = ownerTestOnDisk(snap, cwd);
    if (!test) return [];
    const stand: FileResult = { file: test.rel, absPath: "", status: "ok", findings: [], warnings: [], imports: importsOf(test.rel, test.text) };
    return [...importedMemberFiles(stand, byRel, pyKeys, cwd), ...namedPartners(stand, memberFiles, byRel, pyKeys, cwd)];
  }
  const stem = subjectStem(file.file);
  if (!stem) return [];
  const family = importFamily(file.file) ?? path.posix.extname(file.file);
  const candidates = memberFiles.filter(
    (f) => f !== file && !isTestFile(f.file) && stemOf(f.file) === stem && (importFamily(f.file) ?? path.posix.extname(f.file)) === family,
  );
  return closest(file.file, candidates);
}

// Code that branches on a model ID: a comparison, a membership or prefix test, a regex test or a
// `case` against a string that names a DeepSeek model.
const MODEL_STRING = String.raw`(["'\x60])[^"'\x60\n]*deepseek[-/:_][^"'\x60\n]*\1`;
const BRANCHES: RegExp[] = [
  new RegExp(String.raw`(?:[=!]==?|\bis\b)\s*` + MODEL_STRING, "i"),
  new RegExp(MODEL_STRING + String.raw`\s*(?:[=!]==?|\bnot\s+in\b|\bin\b)`, "i"),
  new RegExp(String.raw`\bcase\s+` + MODEL_STRING, "i"),
  new RegExp(String.raw`\.(?:includes|startsWith|endsWith|startswith|endswith|indexOf|contains|HasPrefix|hasPrefix|match|test)\s*\(\s*(["'\x60])[^"'\x60\n]*deepseek`, "i"),
  new RegExp(String.raw`(?:strings\.(?:HasPrefix|Contains)|re\.(?:match|search|fullmatch))\s*\([^)\n]*deepseek`, "i"),
  new RegExp(String.raw`\/[^/\n]*deepseek[^/\n]*\/[gimsuy]*\.test\s*\(`, "i"),
  new RegExp(String.raw`\bin\s*[([{]\s*` + MODEL_STRING, "i"),
  // A substring test against a part of a legacy ID that its replacement lacks: `modelId.contains('reasoner')`.
  new RegExp(String.raw`(?:\.(?:includes|contains|Contains|include\?|indexOf|index)\s*\(\s*|\b(?:strings\.Contains|str_contains|strpos|stripos)\s*\([^,()\n]*,\s*)(["'\x60])(?:reason(?:er)?|chat)\1|(["'])(?:reason(?:er)?|chat)\2\s+in\s+[\w.]+(?:\(\))?\s*(?:[:)]|and\b|or\b)`),
];

/** Where a code text branches on a model ID: "line N", or undefined. */
export function branchLine(text: string): number | undefined {
  let best: number | undefined;
  for (const re of BRANCHES) {
    const m = re.exec(text);
    if (m && (best === undefined || m.index < best)) best = m.index;
  }
  if (best === undefined) return undefined;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < best; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Whether a test file's subject (a file it imports, or the file its name tests) branches on the
 * model ID: "(`src/x.ts`) branches on the model ID (line 12)", or undefined. The subject is read from
 * disk: it need not hold a legacy ID itself.
 */
export function branchingSubject(test: FileResult, cwd: string): string | undefined {
  const seen = new Set<string>();
  for (const rel of subjectsOnDisk(test, cwd)) {
    if (seen.has(rel) || rel === test.file) continue;
    seen.add(rel);
    const text = textOnDisk(cwd, rel);
    if (text === undefined) continue;
    const line = branchLine(text);
    if (line !== undefined) return `(\`${rel}\`) branches on the model ID (line ${line})`;
  }
  return undefined;
}

/** Files read from disk for the ties (a subject, a package's __init__.py, a module between) are at most this large. */
const ON_DISK_MAX = 1024 * 1024;

/** A file's text as it is on disk (relative to cwd), or undefined when it is not a file, is larger than `max`, or cannot be read. */
function textOnDisk(cwd: string, rel: string, max = ON_DISK_MAX): string | undefined {
  return fileText(path.resolve(cwd, rel), max);
}

/**
 * A run's reader of member files' texts on disk: each file is read at most once however many ties
 * ask for it (the constants' and the env files' ties both read the code files).
 */
export function diskTexts(cwd: string): (rel: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (rel) => {
    if (!texts.has(rel)) texts.set(rel, textOnDisk(cwd, rel));
    return texts.get(rel);
  };
}

/** Whether `rel` (relative to cwd) is a file on disk. */
export function existsFile(cwd: string, rel: string): boolean {
  try {
    return fs.statSync(path.resolve(cwd, rel)).isFile();
  } catch {
    return false;
  }
}

/** The files (relative to cwd) a file's imports name: the first candidate of each that exists (at most `max`). */
export function importedOnDisk(rel: string, specs: readonly string[], cwd: string, max = Infinity): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    if (out.length >= max) break;
    const hit = spec.startsWith("js:")
      ? jsSpecCandidates(cwd, rel, spec.slice(3)).find((c) => !c.startsWith("..") && existsFile(cwd, c))
      : spec.startsWith("py:")
        ? pyOnDisk(rel, spec.slice(3), (c) => existsFile(cwd, c))
        : undefined;
    if (hit) out.push(hit);
  }
  return out;
}

/**
 * Whether a file imports one of `targets`, or a module that imports one (TypeScript/JavaScript,
 * relative or through a path alias; Python modules, not a package's `__init__.py`, followed by name
 * only; the module between is read from disk, one step). `modules`
 * keeps, for the run, the files each file or module imports.
 */
export function importsThroughModule(file: FileResult, targets: ReadonlySet<string>, cwd: string, modules: Map<string, string[]>): boolean {
  const importsOfFile = (rel: string, specs?: readonly string[]): string[] => {
    let list = modules.get(rel);
    if (!list) {
      const text = specs === undefined && importFamily(rel) !== undefined && !rel.endsWith("__init__.py") ? textOnDisk(cwd, rel) : undefined;
      list = importedOnDisk(rel, specs ?? (text !== undefined ? importsOf(rel, text) : []), cwd);
      modules.set(rel, list);
    }
    return list;
  };
  return importsOfFile(file.file, file.imports ?? []).some((m) => targets.has(m) || importsOfFile(m).some((t) => targets.has(t)));
}

/**
 * A test's values and the same ID's values in a file that a module the test imports imports
 * (`expect(settings.model).toBe("…")` in a test of `src/settings.ts`, which reads
 * `config/default.json`): neither file names the other, so no import ties them, and renamed alone
 * the test fails (docs/groups.md). Returns the pairs of nodes to join.
 */
export function testsThroughModules<N>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, cwd: string): [N, N][] {
  const byId = new Map<string, [FileResult, N][]>();
  for (const [file, ids] of nodes) {
    if (isTestFile(file.file)) continue;
    for (const [id, n] of ids) {
      const list = byId.get(id);
      if (list) list.push([file, n]);
      else byId.set(id, [[file, n]]);
    }
  }
  const pairs: [N, N][] = [];
  const modules = new Map<string, string[]>();
  for (const [file, ids] of nodes) {
    if (!file.imports?.length || !isTestFile(file.file) || isSnapshotFile(file.file)) continue;
    for (const [id, n] of ids)
      for (const [target, m] of byId.get(id) ?? []) if (importsThroughModule(file, new Set([target.file]), cwd, modules)) pairs.push([n, m]);
  }
  return pairs;
}

/** The files a test may test, as they exist on disk: its relative imports and its name's subject. */
function subjectsOnDisk(test: FileResult, cwd: string): string[] {
  const out = importedOnDisk(test.file, test.imports ?? [], cwd, 20);
  const dir = path.posix.dirname(test.file);
  const stem = subjectStem(test.file);
  if (stem) {
    const ext = path.posix.extname(test.file);
    const exts = importFamily(test.file) === "js" ? [".ts", ".tsx", ".js", ".jsx", ".mts", ".mjs"] : [ext];
    for (const d of [dir, path.posix.dirname(dir)])
      for (const e of exts) {
        const c = path.posix.join(d, stem + e);
        if (!c.startsWith("..") && existsFile(cwd, c)) out.push(c);
      }
  }
  return out;
}
