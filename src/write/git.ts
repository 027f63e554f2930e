import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function gitRoot(dir: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The files among `files` (absolute paths) that have uncommitted changes in their git work tree,
 * asked of git itself (`git status --porcelain -z`). Files outside any work tree are never dirty.
 */
export function dirtyFiles(files: string[]): string[] {
  const byRoot = new Map<string, string[]>();
  const rootOfDir = new Map<string, string | undefined>();
  for (const f of files) {
    const dir = path.dirname(f);
    if (!rootOfDir.has(dir)) rootOfDir.set(dir, gitRoot(dir));
    const root = rootOfDir.get(dir);
    if (!root) continue;
    if (!byRoot.has(root)) byRoot.set(root, []);
    byRoot.get(root)!.push(f);
  }
  const dirty: string[] = [];
  for (const [root, list] of byRoot) {
    let out: string;
    try {
      out = execFileSync("git", ["status", "--porcelain", "-z", "--untracked-files=all"], {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      continue;
    }
    const changed = new Set<string>();
    const parts = out.split("\0");
    for (let i = 0; i < parts.length; i++) {
      const entry = parts[i]!;
      if (entry.length < 4) continue;
      const status = entry.slice(0, 2);
      changed.add(path.resolve(fs.realpathSync(root), entry.slice(3)));
      if (status[0] === "R" || status[0] === "C") i++; // the rename's source follows
    }
    for (const f of list) {
      let real = f;
      try {
        real = fs.realpathSync(f);
      } catch {
        /* vanished: the writer reports it */
      }
      if (changed.has(real) || changed.has(f)) dirty.push(f);
    }
  }
  return dirty;
}
