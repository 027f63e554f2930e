/**
 * Rename groups (docs/groups.md): the occurrences of one legacy ID that must stay equal after a
 * migration are fixed all together or not at all, with the class of the weakest one. A constant
 * renamed while the dict key it looks up, the branch it takes or the test expectation that checks
 * it stays behind breaks the code, so each finding is judged with the others of its group.
 *
 * This runs once over the whole run's results, after every file was scanned (the scan of one file
 * cannot see the others), and only ever lowers a class: a fix may be taken away, never added.
 */
import path from "node:path";
import type { FileResult, Finding, FixClass, GroupMember } from "../core/types.js";
import { branchingSubject, diskTexts, importedMemberFiles, isSnapshotFile, isTestFile, lowerToUnsafe, namedPartners, PROSE_ADAPTERS, testsThroughModules, unparsedKey } from "./group-links.js";
import { pyModuleKeys } from "./imports.js";
import { isDataFile, lowerForDerivedTables, tieConstantsToTables } from "./group-constants.js";
import { packageBranch } from "./test-subjects.js";
import { tieEnumValues } from "./group-enums.js";
import { envReaders } from "./group-env.js";
import { lowerForSubstringBranch, substringBranches } from "./group-substrings.js";
import { POSITIONS } from "../languages/registry.js";

/** How many other members a finding lists (`group.related`); `group.size` counts them all. */
export const GROUP_RELATED_MAX = 10;
/** How many of them the advice text names. */
const ADVICE_NAMED = 3;

const RANK: Record<FixClass, number> = { none: 0, unsafe: 1, safe: 2 };

/** Positions that are never members: prose, history and what a person reads. */
const NOT_MEMBERS = new Set(["comment", "doc", "output", "response"]);

function isMember(f: Finding, file: FileResult): boolean {
  // (A relative path names a module or a file, not the model: never renamed with the values.)
  if (f.suppressed || f.thirdParty || f.path) return false;
  // A request lint names no model ID; a retired alias with the default target is never renamed.
  if (!f.legacyId || (f.fix === "none" && f.severity === "info")) return false;
  if (f.kind !== undefined && NOT_MEMBERS.has(f.kind)) return false;
  if (file.adapter !== undefined && PROSE_ADAPTERS.has(file.adapter) && !isSnapshotFile(file.file)) return false;
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
  if (unparsedKey(f)) return "key";
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
      if (f.position === "lexical/expected-text") return "expected value";
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
  /** The files the run walked (relative to cwd): where a provider's code that tests model names is looked for. */
  walked?: readonly string[];
  /** The files that key a table by names built from an ID (src/rules/derived-keys.ts), clean or not. */
  derived?: FileResult[];
}

/**
 * Form the run's rename groups and lower each member to its group's class. Returns the files whose
 * findings changed (their fixed text must be computed again).
 */
export function applyGroups(files: FileResult[], opts: GroupOptions): Set<FileResult> {
  const changed = new Set<FileResult>();
  // Code that tests model names for "reasoner" or "chat" (src/rules/group-substrings.ts): safe values of that ID are lowered first.
  const ok = files.filter((f) => f.status === "ok" && f.findings.some((x) => x.fix === "safe"));
  const noted = new Map(ok.length > 0 ? files.filter((f) => f.status === "ok").map((f) => [f.file, f.substringTests ?? []] as const) : []);
  const branches = ok.length > 0 ? substringBranches(opts.walked ?? [], noted, opts.cwd) : new Map();
  for (const file of branches.size > 0 ? ok : []) for (const f of file.findings) if (lowerForSubstringBranch(f, branches)) changed.add(file);
  const nodes = memberNodes(files);
  if (nodes.size === 0) return changed;
  tieLinkedFiles(nodes, opts.cwd);
  const pinned = pinnedTests([...nodes.keys()], opts.cwd, replayedRequests(files));
  if (opts.derived?.length) lowerForDerivedTables(nodes, opts.derived, diskTexts(opts.cwd), changed);
  for (const parts of groupsOf(nodes)) bindGroup(parts, pinned, changed);
  return changed;
}

/** The members of each file, one node per legacy ID (files without members are left out). */
function memberNodes(files: FileResult[]): Map<FileResult, Map<string, Node>> {
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
  return nodes;
}

/** Join the nodes of one legacy ID across files that import each other, test each other, or share a Go package. */
function tieLinkedFiles(nodes: Map<FileResult, Map<string, Node>>, cwd: string): void {
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
    for (const target of importedMemberFiles(file, byRel, pyKeys, cwd)) tie(file, target);
    // A test and its subject by name; a snapshot file and its test.
    for (const target of namedPartners(file, memberFiles, byRel, pyKeys, cwd)) tie(file, target);
  }
  // (Both read code files from disk: one reader, each file read once.)
  const textOf = diskTexts(cwd);
  tieConstantsToTables(nodes, cwd, textOf, union);
  for (const [a, b] of testsThroughModules(nodes, cwd)) union(a, b);
  tieEnvValuesToReaders(nodes, textOf, cwd);
  tieTypedElsewhere(nodes);
  tieEnumValues(nodes, cwd, textOf, union);
  // Go: the files of one folder are one package and share their constants without imports.
  const goDirs = new Map<string, FileResult>();
  for (const f of memberFiles) {
    if (!f.file.endsWith(".go")) continue;
    const dir = path.posix.dirname(f.file);
    const first = goDirs.get(dir);
    if (first) tie(first, f);
    else goDirs.set(dir, f);
  }
}

/** The positions of a TypeScript literal type member (a union's, or a lone literal type's). */
const TYPE_MEMBER = /^typescript\/(?:union-member|keyed-type-member|compared-type-member)$/;

/**
 * A value whose declared type is imported and not followed (`const c: Partial<IAConfig> = { model:
 * "…" }`) and the literal type members of the same ID in the run: that type may be one of them (or
 * built on one), and renaming the value alone would break the type-check (docs/groups.md).
 */
function tieTypedElsewhere(nodes: Map<FileResult, Map<string, Node>>): void {
  const typed: Node[] = [];
  const members = new Map<string, Node[]>();
  for (const byId of nodes.values())
    for (const [id, n] of byId) {
      if (n.members.some((f) => f.typedElsewhere !== undefined)) typed.push(n);
      if (!n.members.some((f) => f.position !== undefined && TYPE_MEMBER.test(f.position))) continue;
      const list = members.get(id);
      if (list) list.push(n);
      else members.set(id, [n]);
    }
  for (const n of typed) for (const m of members.get(n.legacyId) ?? []) union(n, m);
}

/** An env file's value and the code file that reads its variable (docs/groups.md). */
function tieEnvValuesToReaders(nodes: Map<FileResult, Map<string, Node>>, textOf: (rel: string) => string | undefined, cwd: string): void {
  const members = new Map([...nodes].map(([file, byId]) => [file, new Map([...byId].map(([id, n]) => [id, n.members]))]));
  for (const [env, id, reader] of envReaders(members, isDataFile, textOf, cwd)) union(nodes.get(env)!.get(id)!, nodes.get(reader)!.get(id)!);
}

/**
 * Tests that pin a branch (a test of code that branches on the model ID is at most unsafe), or that
 * replay a recorded request naming the ID: for each test file, the sentence that says why, by legacy ID.
 */
type Pinned = (file: FileResult, legacyId: string) => string | undefined;

function pinnedTests(memberFiles: FileResult[], cwd: string, replayed: Map<string, { file: string; line: number }[]>): Pinned {
  const branching = new Map<FileResult, string>();
  const packageLines = new Map<string, number | undefined>();
  for (const file of memberFiles) {
    if (!isTestFile(file.file) || isSnapshotFile(file.file)) continue;
    const why = branchingSubject(file, cwd) ?? packageBranch(file.file, cwd, packageLines);
    if (why) branching.set(file, why);
  }
  return (file, legacyId) => {
    const why = branching.get(file);
    if (why) return `This test's subject ${why}: the test may pass this ID on purpose to cover that branch; review before renaming.`;
    if (!isTestFile(file.file) || isSnapshotFile(file.file)) return undefined;
    const cassette = nearestCassette(file.file, replayed.get(legacyId) ?? []);
    if (!cassette) return undefined;
    return `A cassette beside this test records a request that names this ID (\`${cassette.file}:${cassette.line}\`): where the test replays it and its recorder matches requests on their body, renaming the value alone makes the replay fail; rename it together with re-recording the cassette.`;
  };
}

/** The requests recorded in cassettes and HTTP archives, by legacy ID: where each is. */
function replayedRequests(files: FileResult[]): Map<string, { file: string; line: number }[]> {
  const out = new Map<string, { file: string; line: number }[]>();
  for (const file of files)
    for (const f of file.findings) {
      if (f.position !== RECORDED_REQUEST || !f.legacyId) continue;
      const list = out.get(f.legacyId) ?? [];
      if (!list.some((r) => r.file === file.file)) list.push({ file: file.file, line: f.line });
      out.set(f.legacyId, list);
    }
  return out;
}

const RECORDED_REQUEST = "config/recorded-request";

/**
 * The cassette that belongs with a test, the nearest first: both under one folder below the
 * repository's root (a Go package's `testdata/`, `tests/cassettes/`, `spec/fixtures/vcr_cassettes/`),
 * or any for a test at the root.
 */
function nearestCassette<C extends { file: string }>(test: string, cassettes: readonly C[]): C | undefined {
  const dirs = test.split("/").slice(0, -1);
  let best: C | undefined;
  let bestShared = 0;
  for (const c of cassettes) {
    const parts = c.file.split("/");
    let shared = 0;
    while (shared < dirs.length && shared < parts.length - 1 && parts[shared] === dirs[shared]) shared++;
    if ((shared > bestShared || !best) && (shared > 0 || dirs.length === 0)) {
      best = c;
      bestShared = shared;
    }
  }
  return best;
}

/** The nodes of each group. */
function groupsOf(nodes: Map<FileResult, Map<string, Node>>): Node[][] {
  const groups = new Map<Node, Node[]>();
  for (const byId of nodes.values())
    for (const n of byId.values()) {
      const r = find(n);
      const list = groups.get(r);
      if (list) list.push(n);
      else groups.set(r, [n]);
    }
  return [...groups.values()];
}

interface Member {
  f: Finding;
  file: FileResult;
  /** Its class before the group's (after a pinning test lowered it). */
  own: FixClass;
  role: string;
}

/**
 * One group: its members in path and position order, the class of the weakest, and on each member
 * the group, its class and advice naming the others. Adds to `changed` the files whose findings
 * were lowered.
 */
function bindGroup(parts: Node[], pinned: Pinned, changed: Set<FileResult>): void {
  parts.sort((a, b) => (a.file.file < b.file.file ? -1 : a.file.file > b.file.file ? 1 : 0));
  const members = membersOf(parts, pinned, changed);
  members.sort((a, b) => (a.file.file < b.file.file ? -1 : a.file.file > b.file.file ? 1 : a.f.start - b.f.start));
  let cls: FixClass = "safe";
  for (const m of members) if (RANK[m.own] < RANK[cls]) cls = m.own;
  if (members.length < 2) return;
  // Model values only (constants, arguments, defaults): nothing compares them with each other or
  // looks them up, so each keeps its own class. A group binds when it holds a key, a comparison, a
  // list entry, an expectation, a snapshot or a value in an unknown position.
  if (members.every((m) => m.f.kind === "model")) return;
  const first = members[0]!;
  const id = `${first.f.legacyId}@${first.file.file}:${first.f.line}`;
  const weakest = members.filter((m) => m.own === cls);
  // Linear in the group's size: each member lists a bounded number of the others.
  const head = members.slice(0, GROUP_RELATED_MAX + 1);
  const weakHead = weakest.slice(0, ADVICE_NAMED + 1);
  for (const m of members) {
    const related: GroupMember[] = head
      .filter((o) => o !== m)
      .slice(0, GROUP_RELATED_MAX)
      .map((o) => ({ file: o.file.file, line: o.f.line, column: o.f.column, role: o.role, fix: o.own }));
    m.f.group = { id, fix: cls, size: members.length, role: m.role, related };
    const lowered = RANK[cls] < RANK[m.own];
    const coupled = coupledWith(m, members.length - 1, lowered ? weakHead : [], head);
    if (lowered) {
      const because = weakest.length === 1 ? `${weakest[0]!.role} \`${weakest[0]!.file.file}:${weakest[0]!.f.line}\` is` : `${weakest.length} of its members are`;
      lower(m.f, cls);
      m.f.advice = join(
        `${coupled}: they must keep the same ID, so they are fixed together or not at all; the group is ${cls} because ${because}${cls === "none" ? " not renamed" : ` ${cls}`}.`,
        m.f.advice,
      );
      changed.add(m.file);
    } else {
      m.f.advice = join(`${coupled}: they must keep the same ID, so they are fixed together.`, m.f.advice);
    }
  }
}

/** A group's members; a safe member of a test that pins a branch or replays a recorded request is lowered to unsafe first. */
function membersOf(parts: Node[], pinned: Pinned, changed: Set<FileResult>): Member[] {
  const members: Member[] = [];
  for (const n of parts) {
    const why = pinned(n.file, n.legacyId);
    for (const f of n.members) {
      if (why && lowerToUnsafe(f, why)) changed.add(n.file);
      members.push({ f, file: n.file, own: f.fix, role: roleOf(f, n.file) });
    }
  }
  return members;
}

/** "Coupled with `a.py:3` (key), … and N more": the members that decide the class first, then the others. */
function coupledWith(m: Member, othersCount: number, weakHead: Member[], head: Member[]): string {
  const named: Member[] = [];
  for (const o of weakHead) if (o !== m && named.length < ADVICE_NAMED) named.push(o);
  for (const o of head) if (o !== m && named.length < ADVICE_NAMED && !named.includes(o)) named.push(o);
  const list = named.map((o) => `\`${o.file.file}:${o.f.line}\` (${o.role})`).join(", ");
  const more = othersCount > named.length ? ` and ${othersCount - named.length} more` : "";
  return `Coupled with ${list}${more}`;
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

