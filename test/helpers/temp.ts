import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Temp folders made by the running test file, removed after its tests, whether they pass or fail:
 * test/setup-file.ts calls removeTempDirs after each file. (A test worker runs many files and
 * loads this module once, so the hook cannot be registered here. The suite's global setup gives
 * each run a temp root of its own and fails the run if anything is left in it: test/temp-root.ts.)
 */
const made: string[] = [];

/** Remove the temp folders made since the last call. */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A fresh, empty temp folder, removed after the importing file's tests. */
export function tempDir(prefix = "dsm-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A path for a file that must lie outside the tree a test scans (a patch, a baseline, a report, a
 * wrapper script): in a temp folder of its own, removed with the others. Never next to a temp tree,
 * where nothing would remove it.
 */
export function tempPath(name: string, prefix = "dsm-out-"): string {
  return path.join(tempDir(prefix), name);
}
