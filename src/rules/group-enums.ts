/**
 * Rename-group ties of string-backed enums (docs/groups.md): a PHP `enum Models: string { case CHAT =
 * 'deepseek-chat'; }` or a Swift `enum Model: String { case chat = "deepseek-chat" }` is what the
 * project's strings are converted into (`Models::tryFrom($id)`, `Models::from($id)`,
 * `Model(rawValue: id)`). A string of the same ID elsewhere in the project, renamed while the case
 * keeps the old ID, no longer converts: `tryFrom` gives null (often an exception next), `from`
 * throws, `rawValue:` gives nil. The code that converts it is often a setter the value reaches
 * through a call (`->setModel('deepseek-chat')` in a test), which names neither the enum nor the
 * ID, so no import says where the value goes. Expected text and a lexical test's assertions are tied
 * the same way to the project's code they check.
 */
import path from "node:path";
import type { FileResult, Finding } from "../core/types.js";
import { existsFile, isTestFile } from "./group-links.js";
import type { TieNode } from "./group-constants.js";

/** The raw value of a string-backed enum's case (src/languages/lexical/positions.ts). */
const ENUM_CASE = new Set(["lexical/model-enum-case", "lexical/enum-case"]);

/** Files that mark the root of one project (a package of its language's package manager). */
const MANIFESTS = ["composer.json", "Package.swift", "package.json", "pubspec.yaml", "Cargo.toml", "go.mod", "build.gradle", "build.gradle.kts", "pom.xml", "mix.exs", "Gemfile"];

/** Expected text: a serialized body a test compares with what the project's code writes. */
const EXPECTED_TEXT = "lexical/expected-text";

/**
 * An assertion's words before a value in its statement: Rust `assert_eq!(…, "…")` (often over several
 * lines), JUnit/Kotlin `assertEquals`, AssertJ `isEqualTo`, Kotest `shouldBe`, XCTest `XCTAssertEqual`,
 * xUnit `Assert.Equal`, testify `require.Equal`, RSpec/Pest `expect(…)`.
 */
const ASSERTION = /\b(?:assert\w*!?|XCTAssert\w*|should[A-Z]\w*|must(?:Be|Equal)\w*|isEqualTo|toBe|toEqual|refute\w*|JSONEq)\b|\bexpect\w*\s*\(|#expect\b|\b(?:Assert|require)\.\w+/;

/**
 * Whether a lexical test file names the ID only in assertions (a comparison, or a value that is not a
 * model value, key or list entry, in the statement of an assertion; expected text): the test then
 * checks what the project's code gives, and supplies no value of its own (a request's model, a
 * mocked response) that the assertion could be checking instead.
 */
function assertsOnly(file: FileResult, legacyId: string, text: () => string | undefined): boolean {
  const own = file.findings.filter((f) => f.legacyId === legacyId && f.kind !== "comment" && f.kind !== "doc");
  return own.length > 0 && own.every((f) => f.position === EXPECTED_TEXT || asserted(f, text));
}

function asserted(f: Finding, text: () => string | undefined): boolean {
  if (!f.position?.startsWith("lexical/")) return false;
  if (f.kind === "comparison") return true;
  if (f.kind !== undefined && f.kind !== "other") return false;
  const t = text();
  if (t === undefined || f.start > t.length) return false;
  const from = Math.max(t.lastIndexOf(";", f.start), t.lastIndexOf("{", f.start), t.lastIndexOf("}", f.start), f.start - 400);
  return ASSERTION.test(t.slice(from + 1, f.start));
}

/**
 * Join each enum case's node to the nodes of its ID in the other files of the same language (by
 * extension) of the enum's project: the files whose nearest folder above them with a manifest (or
 * else the run's folder) is the enum's. Expected text is joined the same way to the non-test files
 * of its project: the code that writes the body it expects (a constant, a default) is renamed with
 * it or not at all, so the test still passes after --write.
 */
export function tieEnumValues<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, cwd: string, textOf: (rel: string) => string | undefined, union: (a: N, b: N) => void): void {
  const roots = new Map<string, string>();
  const bucketOf = (file: FileResult) => `${path.posix.extname(file.file)}\u0000${projectRoot(path.posix.dirname(file.file), cwd, roots)}`;
  const ties: { file: FileResult; bucket: string; node: N; testsToo: boolean }[] = [];
  for (const [file, byId] of nodes) {
    const test = isTestFile(file.file);
    for (const n of byId.values()) {
      const enumCase = n.members.some((f) => f.position !== undefined && ENUM_CASE.has(f.position));
      const expects = n.members.some((f) => f.position === EXPECTED_TEXT) || (test && assertsOnly(file, n.legacyId, () => textOf(file.file)));
      if (enumCase || expects) ties.push({ file, bucket: bucketOf(file), node: n, testsToo: enumCase });
    }
  }
  if (ties.length === 0) return;
  // The files of each language and project, so a tie looks only at its own.
  const buckets = new Map<string, FileResult[]>();
  for (const file of nodes.keys()) {
    const b = bucketOf(file);
    const list = buckets.get(b);
    if (list) list.push(file);
    else buckets.set(b, [file]);
  }
  for (const t of ties) {
    for (const other of buckets.get(t.bucket) ?? []) {
      if (other === t.file || (!t.testsToo && isTestFile(other.file))) continue;
      const m = nodes.get(other)?.get(t.node.legacyId);
      if (m) union(t.node, m);
    }
  }
}

/** The nearest folder at or above `dir` (relative to cwd) that holds a manifest, "" for the run's folder. */
function projectRoot(dir: string, cwd: string, memo: Map<string, string>): string {
  const seen: string[] = [];
  let d = dir === "." ? "" : dir;
  let root = "";
  for (;;) {
    const known = memo.get(d);
    if (known !== undefined) {
      root = known;
      break;
    }
    seen.push(d);
    if (MANIFESTS.some((m) => existsFile(cwd, d === "" ? m : `${d}/${m}`))) {
      root = d;
      break;
    }
    if (d === "") break;
    const up = path.posix.dirname(d);
    d = up === "." ? "" : up;
  }
  for (const s of seen) memo.set(s, root);
  return root;
}
