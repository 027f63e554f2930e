/**
 * Rename-group ties of string-backed enums (docs/groups.md): a PHP `enum Models: string { case CHAT =
 * 'deepseek-chat'; }` or a Swift `enum Model: String { case chat = "deepseek-chat" }` is what the
 * project's strings are converted into (`Models::tryFrom($id)`, `Models::from($id)`,
 * `Model(rawValue: id)`). A string of the same ID elsewhere in the project, renamed while the case
 * keeps the old ID, no longer converts: `tryFrom` gives null (often an exception next), `from`
 * throws, `rawValue:` gives nil. The code that converts it is often a setter the value reaches
 * through a call (`->setModel('deepseek-chat')` in a test), which names neither the enum nor the
 * ID, so no import says where the value goes.
 */
import path from "node:path";
import type { FileResult } from "../core/types.js";
import { existsFile } from "./group-links.js";
import type { TieNode } from "./group-constants.js";

/** The raw value of a string-backed enum's case (src/languages/lexical/positions.ts). */
const ENUM_CASE = new Set(["lexical/model-enum-case", "lexical/enum-case"]);

/** Files that mark the root of one project (a package of its language's package manager). */
const MANIFESTS = ["composer.json", "Package.swift", "package.json", "pubspec.yaml", "Cargo.toml", "go.mod", "build.gradle", "build.gradle.kts", "pom.xml", "mix.exs", "Gemfile"];

/**
 * Join each enum case's node to the nodes of its ID in the other files of the same language (by
 * extension) of the enum's project: the files whose nearest folder above them with a manifest (or
 * else the run's folder) is the enum's.
 */
export function tieEnumValues<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, cwd: string, union: (a: N, b: N) => void): void {
  const roots = new Map<string, string>();
  for (const [file, byId] of nodes) {
    const enums = [...byId.values()].filter((n) => n.members.some((f) => f.position !== undefined && ENUM_CASE.has(f.position)));
    if (enums.length === 0) continue;
    const ext = path.posix.extname(file.file);
    const root = projectRoot(path.posix.dirname(file.file), cwd, roots);
    for (const [other, otherById] of nodes) {
      if (other === file || path.posix.extname(other.file) !== ext) continue;
      if (projectRoot(path.posix.dirname(other.file), cwd, roots) !== root) continue;
      for (const n of enums) {
        const m = otherById.get(n.legacyId);
        if (m) union(n, m);
      }
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
