/**
 * The code a test of a package-structured language tests, where imports do not say it (docs/groups.md,
 * tests that pin a branch): a Dart package's `lib/` for a test under its `test/`, the other files of a
 * Go test's package (its folder), the main sources of a Java, Kotlin or Scala test's package
 * (`src/test/java/a/b/` tests `src/main/java/a/b/`). A test there often passes a legacy ID into the
 * package's code through a chain of classes no import of the test names.
 */
import fs from "node:fs";
import path from "node:path";
import { fileText } from "./disk-text.js";
import { branchLine, existsFile } from "./group-links.js";

/** At most this many files of one package are read for one run. */
const PACKAGE_FILES_MAX = 600;

/** The files (relative to cwd) of the package a test file tests, or [] where its layout says none. */
export function packageSubjects(test: string, cwd: string): string[] {
  const base = path.posix.basename(test);
  if (/_test\.go$/.test(base)) {
    const dir = path.posix.dirname(test);
    return listFiles(cwd, dir, false, (f) => f.endsWith(".go") && !f.endsWith("_test.go"));
  }
  if (/_test\.dart$/.test(base)) {
    const m = /^(?:(.*)\/)?test\//.exec(test);
    if (!m) return [];
    const root = m[1] ?? "";
    if (!existsFile(cwd, path.posix.join(root, "pubspec.yaml"))) return [];
    return listFiles(cwd, path.posix.join(root, "lib"), true, (f) => f.endsWith(".dart"));
  }
  const jvm = /^(?:(.*)\/)?src\/test\/(java|kotlin|scala)\/(.*)\/[^/]+$/.exec(test);
  if (jvm) {
    const root = jvm[1] ? `${jvm[1]}/` : "";
    const ext = /\.(?:java|kt|kts|scala)$/;
    return ["java", "kotlin", "scala"].flatMap((lang) => listFiles(cwd, `${root}src/main/${lang}/${jvm[3]}`, false, (f) => ext.test(f)));
  }
  return [];
}

/**
 * Whether the package a test tests branches on the model ID: "(`lib/x.dart`) branches on the model
 * ID (line 12)", or undefined. `lines` keeps each file's answer for the run (the tests of one package
 * read its files once).
 */
export function packageBranch(test: string, cwd: string, lines: Map<string, number | undefined>): string | undefined {
  for (const rel of packageSubjects(test, cwd)) {
    if (!lines.has(rel)) {
      const text = fileText(path.resolve(cwd, rel), 1024 * 1024);
      lines.set(rel, text === undefined ? undefined : branchLine(text));
    }
    const line = lines.get(rel);
    if (line !== undefined) return `(\`${rel}\`, in the package it tests) branches on the model ID (line ${line})`;
  }
  return undefined;
}

/** The files under `dir` (relative to cwd) that `keep` accepts, in name order, into sub-folders when `deep`. */
function listFiles(cwd: string, dir: string, deep: boolean, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.resolve(cwd, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= PACKAGE_FILES_MAX) return;
      if (e.name.startsWith(".")) continue;
      const child = rel === "" || rel === "." ? e.name : `${rel}/${e.name}`;
      if (e.isFile() && keep(child)) out.push(child);
      else if (deep && e.isDirectory()) walk(child);
    }
  };
  walk(dir);
  return out;
}
