import fs from "node:fs";
import { adapterNameFor, loadAdapter } from "../languages/registry.js";

/**
 * --changed-since: while git compares the working tree, load the parsers that the branch's changed
 * files will need (those with a needle: TypeScript, Python), so the load overlaps git's work instead
 * of following it. Only a head start: whatever fails here fails again, and is reported, in the scan.
 */
export function preloadParsers(files: string[], needles: string[]): void {
  const kinds = new Set<string>();
  for (const f of files.slice(0, 200)) {
    const kind = adapterNameFor(f);
    if ((kind !== "typescript" && kind !== "python") || kinds.has(kind)) continue;
    try {
      const st = fs.statSync(f);
      if (!st.isFile() || st.size > 1 << 20) continue;
      const text = fs.readFileSync(f, "latin1");
      if (needles.some((n) => text.includes(n))) kinds.add(kind);
    } catch {
      /* gone or unreadable: the scan says so */
    }
  }
  void loadHeavyParsers(kinds);
}

/**
 * Load the adapters of these kinds and the parsers of TypeScript and Python among them. Never
 * rejects: a load that fails fails again, and is reported, in the scan.
 */
async function loadHeavyParsers(kinds: Set<string>): Promise<void> {
  const loads: Promise<unknown>[] = [];
  if (kinds.has("typescript")) loads.push(import("../languages/typescript/util.js").then((m) => m.loadTs()));
  if (kinds.has("python")) loads.push(import("../languages/python/parser.js").then((m) => m.loadPythonParser()));
  for (const k of kinds) loads.push(loadAdapter(k));
  await Promise.allSettled(loads);
}
