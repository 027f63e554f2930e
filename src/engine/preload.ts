import fs from "node:fs";
import { KINDS, adapterNameFor, loadAdapter } from "../languages/registry.js";

/**
 * --changed-since: while git compares the working tree, load the heavy parsers (the kinds with a
 * parser group, src/languages/kind.ts) that the branch's changed files will need (those with a
 * needle), and their adapters, so the load overlaps git's work instead of following it. Only a
 * head start: whatever fails here fails again, and is reported, in the scan.
 */
export function preloadParsers(files: string[], needles: string[]): void {
  const kinds = new Set<string>();
  for (const f of files.slice(0, 200)) {
    const kind = adapterNameFor(f);
    if (!KINDS.get(kind)?.loadParser || kinds.has(kind)) continue;
    try {
      const st = fs.statSync(f);
      if (!st.isFile() || st.size > 1 << 20) continue;
      const text = fs.readFileSync(f, "latin1");
      if (needles.some((n) => text.includes(n))) kinds.add(kind);
    } catch {
      /* gone or unreadable: the scan says so */
    }
  }
  const swallow = () => {};
  for (const k of kinds) {
    void KINDS.get(k)!.loadParser!().catch(swallow);
    void loadAdapter(k).catch(swallow);
  }
}
