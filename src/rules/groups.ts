/**
 * Rename groups (docs/groups.md): the occurrences of one legacy ID that must stay equal after a
 * migration are fixed all together or not at all, with the class of the weakest one. A constant
 * renamed while the dict key it looks up, the branch it takes or the test expectation that checks
 * it stays behind breaks the code, so each finding is judged with the others of its group.
 *
 * This runs once over the whole run's results, after every file was scanned (the scan of one file
 * cannot see the others), and only ever lowers a class: a fix may be taken away, never added.
 */
import fs from "node:fs";
import path from "node:path";
import type { FileResult, Finding, FixClass, GroupMember } from "../core/types.js";
import { importFamily, importsOf, jsCandidates, pyModule, pyModuleKeys } from "./imports.js";
import { POSITIONS } from "../languages/registry.js";

/** How many other members a finding lists (`group.related`); `group.size` counts them all. */
export const GROUP_RELATED_MAX = 10;
/** How many of them the advice text names. */
const ADVICE_NAMED = 3;

const RANK: Record<FixClass, number> = { none: 0, unsafe: 1, safe: 2 };

/** Positions that are never members: prose, history and what a person reads. */
const NOT_MEMBERS = new Set(["comment", "doc", "output", "response"]);
/** Adapters of prose files: their matches are docs, never members. */
const PROSE = new Set(["markdown", "rst", "asciidoc", "text"]);

/**
 * Data and configuration files: two values of such a file are never compared to each other there, so
 * a value in an unknown position is not a member (keys, comparisons and lists there are).
 */
const DATA_ADAPTERS = new Set(["env", "dockerfile", "yaml", "json", "jsonl", "toml", "xml"]);
const DATA_FILE = /\.(?:properties|ini|cfg|conf|json5|tf|tfvars|hcl)$|(?:^|\/)\.env(?:\.[^/]*)?$/i;

function isDataFile(file: FileResult): boolean {
  return (file.adapter !== undefined && DATA_ADAPTERS.has(file.adapter)) || DATA_FILE.test(file.file);
}

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

function isMember(f: Finding, file: FileResult): boolean {
  if (f.suppressed || f.thirdParty) return false;
  // A request lint names no model ID; a retired alias with the default target is never renamed.
  if (!f.legacyId || (f.fix === "none" && f.severity === "info")) return false;
  if (f.kind !== undefined && NOT_MEMBERS.has(f.kind)) return false;
  if (file.adapter !== undefined && PROSE.has(file.adapter) && !isSnapshotFile(file.file)) return false;
  // A match inside a longer text (a log line, a description) is a member only where that text is
  // checked as a whole: a test's expectation or inline snapshot, a snapshot file.
  const test = isTestFile(file.file);
  if ((f.kind === undefined || f.kind === "other") && !f.whole && !test) return false;
  if ((f.kind === undefined || f.kind === "other") && isDataFile(file) && !test) return false;
  return true;
}

const EXPECTATION = /\b(?:expect|assert\w*|toBe|toEqual|toStrictEqual|toHaveValue|toMatch\w*|toContain\w*|toHaveBeenCalledWith|should|assert_\w+|Equal|Equals)\b/;

/**
 * The adapter's own wording of where the finding sits (`argument of equals()`), or else the label of
 * its named position (docs/positions.md), when short.
 */
function shortLabel(f: Finding): string | undefined {
  const label = f.detail ?? (f.position !== undefined ? POSITIONS.get(f.position)?.label : undefined);
  return label && label.length <= 24 ? label : undefined;
}

/** What a member is, for the other members' reports. */
function roleOf(f: Finding, file: FileResult): string {
  if (isSnapshotFile(file.file)) return "snapshot";
  const test = isTestFile(file.file);
  if (test && /InlineSnapshot|inline_snapshot|snapshot\s*\(/.test(f.lineText)) return "inline snapshot";
  switch (f.kind) {
    case "model":
      return test ? "test value" : "model value";
    case "key":
      return shortLabel(f) ?? "key";
    case "comparison":
      if (test && EXPECTATION.test(f.lineText)) return "expected value";
      return shortLabel(f) ?? "comparison";
    case "collection":
      return "list entry";
    default:
      if (test) return EXPECTATION.test(f.lineText) ? "expected value" : "test value";
      return "value";
  }
}

interface Node {
  file: FileResult;
  legacyId: string;
  members: Finding[];
  parent: Node;
}

function find(n: Node): Node {
  while (n.parent !== n) {
    n.parent = n.parent.parent;
    n = n.parent;
  }
  return n;
}

function union(a: Node, b: Node): void {
  const ra = find(a);
  const rb = find(b);
  if (ra !== rb) rb.parent = ra;
}

export interface GroupOptions {
  /** The run's folder: where a test's subject is read from (pattern: a test that pins a branch). */
  cwd: string;
}

/**
 * Form the run's rename groups and lower each member to its group's class. Returns the files whose
 * findings changed (their fixed text must be computed again).
 */
export function applyGroups(files: FileResult[], opts: GroupOptions): Set<FileResult> {
  // Members by file and legacy ID.
  const nodes = new Map<FileResult, Map<string, Node>>();
  for (const file of files) {
    if (file.status !== "ok") continue;
    let byId: Map<string, Node> | undefined;
    for (const f of file.findings) {
      if (!isMember(f, file)) continue;
      byId ??= new Map();
      let n = byId.get(f.legacyId);
      if (!n) {
        n = { file, legacyId: f.legacyId, members: [], parent: undefined as unknown as Node };
        n.parent = n;
        byId.set(f.legacyId, n);
      }
      n.members.push(f);
    }
    if (byId) nodes.set(file, byId);
  }
  if (nodes.size === 0) return new Set();

  const memberFiles = [...nodes.keys()];
  const byRel = new Map(memberFiles.map((f) => [f.file, f]));
  const tie = (a: FileResult, b: FileResult) => {
    if (a === b) return;
    const na = nodes.get(a)!;
    const nb = nodes.get(b)!;
    for (const [id, n] of na) {
      const m = nb.get(id);
      if (m) union(n, m);
    }
  };

  // Python modules of the member files, by every path suffix ("pkg/mod", "mod").
  const pyKeys = new Map<string, FileResult[]>();
  for (const f of memberFiles)
    for (const k of pyModuleKeys(f.file)) {
      const list = pyKeys.get(k);
      if (list) list.push(f);
      else pyKeys.set(k, [f]);
    }

  for (const file of memberFiles) {
    // Imports.
    for (const target of importedMemberFiles(file, byRel, pyKeys)) tie(file, target);
    // A test and its subject by name; a snapshot file and its test.
    for (const target of namedPartners(file, memberFiles, byRel, pyKeys, opts.cwd)) tie(file, target);
  }
  // Go: the files of one folder are one package and share their constants without imports.
  const goDirs = new Map<string, FileResult>();
  for (const f of memberFiles) {
    if (!f.file.endsWith(".go")) continue;
    const dir = path.posix.dirname(f.file);
    const first = goDirs.get(dir);
    if (first) tie(first, f);
    else goDirs.set(dir, f);
  }

  // Tests that pin a branch: a test of code that branches on the model ID is at most unsafe.
  const pinned = new Map<FileResult, string>();
  for (const file of memberFiles) {
    if (!isTestFile(file.file) || isSnapshotFile(file.file)) continue;
    const why = branchingSubject(file, opts.cwd);
    if (why) pinned.set(file, why);
  }

  // The groups.
  const groups = new Map<Node, Node[]>();
  for (const byId of nodes.values())
    for (const n of byId.values()) {
      const r = find(n);
      const list = groups.get(r);
      if (list) list.push(n);
      else groups.set(r, [n]);
    }

  const changed = new Set<FileResult>();
  for (const parts of groups.values()) {
    parts.sort((a, b) => (a.file.file < b.file.file ? -1 : a.file.file > b.file.file ? 1 : 0));
    const members: { f: Finding; file: FileResult; own: FixClass; role: string }[] = [];
    for (const n of parts) {
      const why = pinned.get(n.file);
      for (const f of n.members) {
        let own = f.fix;
        if (why && own === "safe") {
          own = "unsafe";
          f.fix = "unsafe";
          f.advice = join(`This test's subject ${why}: the test may pass this ID on purpose to cover that branch; review before renaming.`, f.advice);
          changed.add(n.file);
        }
        members.push({ f, file: n.file, own, role: roleOf(f, n.file) });
      }
    }
    members.sort((a, b) => (a.file.file < b.file.file ? -1 : a.file.file > b.file.file ? 1 : a.f.start - b.f.start));
    let cls: FixClass = "safe";
    for (const m of members) if (RANK[m.own] < RANK[cls]) cls = m.own;
    if (members.length < 2) continue;
    // Model values only (constants, arguments, defaults): nothing compares them with each other or
    // looks them up, so each keeps its own class. A group binds when it holds a key, a comparison, a
    // list entry, an expectation, a snapshot or a value in an unknown position.
    if (members.every((m) => m.f.kind === "model")) continue;
    const first = members[0]!;
    const id = `${first.f.legacyId}@${first.file.file}:${first.f.line}`;
    const weakest = members.filter((m) => m.own === cls);
    // Linear in the group's size: each member lists a bounded number of the others.
    const head = members.slice(0, GROUP_RELATED_MAX + 1);
    const weakHead = weakest.slice(0, ADVICE_NAMED + 1);
    for (const m of members) {
      const othersCount = members.length - 1;
      const related: GroupMember[] = head
        .filter((o) => o !== m)
        .slice(0, GROUP_RELATED_MAX)
        .map((o) => ({ file: o.file.file, line: o.f.line, column: o.f.column, role: o.role, fix: o.own }));
      m.f.group = { id, fix: cls, size: members.length, role: m.role, related };
      const lowered = RANK[cls] < RANK[m.own];
      // Name the members that decide the class first.
      const named: typeof members = [];
      if (lowered) for (const o of weakHead) if (o !== m && named.length < ADVICE_NAMED) named.push(o);
      for (const o of head) if (o !== m && named.length < ADVICE_NAMED && !named.includes(o)) named.push(o);
      const list = named.map((o) => `\`${o.file.file}:${o.f.line}\` (${o.role})`).join(", ");
      const more = othersCount > named.length ? ` and ${othersCount - named.length} more` : "";
      if (lowered) {
        const because = weakest.length === 1 ? `${weakest[0]!.role} \`${weakest[0]!.file.file}:${weakest[0]!.f.line}\` is` : `${weakest.length} of its members are`;
        lower(m.f, cls);
        m.f.advice = join(
          `Coupled with ${list}${more}: they must keep the same ID, so they are fixed together or not at all; the group is ${cls} because ${because}${cls === "none" ? " not renamed" : ` ${cls}`}.`,
          m.f.advice,
        );
        changed.add(m.file);
      } else {
        m.f.advice = join(`Coupled with ${list}${more}: they must keep the same ID, so they are fixed together.`, m.f.advice);
      }
    }
  }
  return changed;
}

function join(a: string, b: string): string {
  return b ? `${a} ${b}` : a;
}

/** Lower a finding to its group's class: a rename that becomes none writes nothing (no flags either). */
function lower(f: Finding, cls: FixClass): void {
  f.fix = cls;
  if (cls === "none") {
    f.edits = [];
    f.thinking = "not-applicable";
    f.message = f.message.replace(/ Use [^ ]+\.$/, " Not renamed: its group needs a decision.");
    // Advice about the flags of a rename that is not made.
    f.advice = f.advice.replace(/ ?(?:Where this value names a request's model, s|S)et .*? so (?:it|they) behaves? as before\./, "").replace(/ ?Keep both: .*?; review it(?: \([^)]*\))?\./, "");
  }
}

/** The member files a file imports. */
function importedMemberFiles(file: FileResult, byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>): FileResult[] {
  const out: FileResult[] = [];
  for (const spec of file.imports ?? []) {
    if (spec.startsWith("js:")) {
      for (const c of jsCandidates(file.file, spec.slice(3))) {
        const t = byRel.get(c);
        if (t) {
          out.push(t);
          break;
        }
      }
    } else if (spec.startsWith("py:")) {
      const mod = pyModule(file.file, spec.slice(3));
      if (mod.exact) {
        for (const c of mod.exact) {
          const t = byRel.get(c);
          if (t) out.push(t);
        }
      } else if (mod.suffix) {
        const list = pyKeys.get(mod.suffix);
        if (list) out.push(...closest(file.file, list));
      }
    }
  }
  return out;
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
    try {
      const abs = path.resolve(cwd, rel);
      const st = fs.statSync(abs);
      if (st.isFile() && st.size <= SUBJECT_MAX) return { rel, text: fs.readFileSync(abs, "utf8") };
    } catch {
      // not there
    }
  }
  return undefined;
}

/** A test's subject and a snapshot's test, among the member files. */
function namedPartners(file: FileResult, memberFiles: FileResult[], byRel: Map<string, FileResult>, pyKeys: Map<string, FileResult[]>, cwd: string): FileResult[] {
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
    return [...importedMemberFiles(stand, byRel, pyKeys), ...namedPartners(stand, memberFiles, byRel, pyKeys, cwd)];
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
];
const SUBJECT_MAX = 1024 * 1024;

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
function branchingSubject(test: FileResult, cwd: string): string | undefined {
  const seen = new Set<string>();
  for (const rel of subjectsOnDisk(test, cwd)) {
    if (seen.has(rel) || rel === test.file) continue;
    seen.add(rel);
    let text: string;
    try {
      const abs = path.resolve(cwd, rel);
      const st = fs.statSync(abs);
      if (!st.isFile() || st.size > SUBJECT_MAX) continue;
      text = fs.readFileSync(abs, "utf8");
    } catch {
      continue;
    }
    const line = branchLine(text);
    if (line !== undefined) return `(\`${rel}\`) branches on the model ID (line ${line})`;
  }
  return undefined;
}

function existsFile(cwd: string, rel: string): boolean {
  try {
    return fs.statSync(path.resolve(cwd, rel)).isFile();
  } catch {
    return false;
  }
}

/** The files a test may test, as they exist on disk: its relative imports and its name's subject. */
function subjectsOnDisk(test: FileResult, cwd: string): string[] {
  const out: string[] = [];
  const dir = path.posix.dirname(test.file);
  for (const spec of test.imports ?? []) {
    if (out.length >= 20) break;
    if (spec.startsWith("js:")) {
      const hit = jsCandidates(test.file, spec.slice(3)).find((c) => !c.startsWith("..") && existsFile(cwd, c));
      if (hit) out.push(hit);
    } else if (spec.startsWith("py:")) {
      const mod = pyModule(test.file, spec.slice(3));
      const cands = mod.exact ?? [];
      if (mod.suffix) {
        // An absolute module, from each folder above the test (the import root is one of them).
        for (let d = dir; ; d = path.posix.dirname(d)) {
          const root = d === "." ? "" : `${d}/`;
          cands.push(`${root}${mod.suffix}.py`, `${root}${mod.suffix}/__init__.py`, `${root}src/${mod.suffix}.py`, `${root}src/${mod.suffix}/__init__.py`);
          if (d === "." || d === "/" || d === "") break;
        }
      }
      const hit = cands.find((c) => !c.startsWith("..") && existsFile(cwd, c));
      if (hit) out.push(hit);
    }
  }
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
