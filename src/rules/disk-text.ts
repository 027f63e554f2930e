import fs from "node:fs";

/**
 * A file's text as it is on disk, for the rename groups' ties (src/rules/group-links.ts) and the
 * path-alias reader (src/rules/aliases.ts): files outside the run's results, read only when a tie
 * asks. Undefined when it is not a regular file, is larger than `max` bytes, or cannot be read.
 */
export function fileText(abs: string, max: number): string | undefined {
  try {
    const st = fs.statSync(abs);
    return st.isFile() && st.size <= max ? fs.readFileSync(abs, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
