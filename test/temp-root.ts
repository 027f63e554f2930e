/**
 * Global setup of the suite: the run gets a temp folder of its own, and fails if a test leaves
 * anything in it.
 *
 * TMPDIR (and TMP, TEMP) point at a fresh folder before the test workers start; the workers inherit
 * it, and so does every process a test spawns (the CLI, git, python), since os.tmpdir() and
 * python's tempfile read those variables. Tests make their temp folders with test/helpers/temp.ts,
 * which removes them after each file's tests, passed or failed. At the end the folder must be
 * empty: whatever is left is listed, the folder is removed, and the run fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const VARS = ["TMPDIR", "TMP", "TEMP"] as const;

/** The entries left in a folder, each folder with a few of the names inside it. */
function leftIn(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .map((e) => {
      if (!e.isDirectory()) return e.name;
      let inside: string[];
      try {
        inside = fs.readdirSync(path.join(root, e.name));
      } catch {
        // (Removed meanwhile by a process that was still ending: still listed.)
        inside = [];
      }
      return `${e.name}/ (${inside.slice(0, 4).join(", ")}${inside.length > 4 ? ", …" : ""})`;
    })
    .sort();
}

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-test-run-"));
  // Traversable by others, as the system's temp folder is (mkdtemp makes it 0700): some tests run
  // the CLI as another user in a folder below it. Only this user writes to it.
  fs.chmodSync(root, 0o755);
  const saved = VARS.map((k) => [k, process.env[k]] as const);
  for (const k of VARS) process.env[k] = root;
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const left = leftIn(root);
    fs.rmSync(root, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest prints an error thrown here but does not fail the run for it: the exit code does.
      process.exitCode = 1;
      throw new Error(`The tests left ${left.length} entries in the temp folder (now removed):\n  ${left.join("\n  ")}\nMake temp folders with test/helpers/temp.ts, and write files that must lie outside a tree into one of them.`);
    }
  };
}
