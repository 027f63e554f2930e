import fs from "node:fs";
import path from "node:path";

/**
 * The small settings files a file's classification or fixes look up in the folders above it
 * (`.editorconfig`, `.prettierrc`, `package.json`, `pyproject.toml`, …), read at most once a run
 * whoever asks: the line-width lookup (shared/line-width.ts) and the `openai` version of a
 * TypeScript project (typescript/sdk-version.ts) climb through the same folders.
 */
const bodies = new Map<string, string | undefined>();

/** A settings file's text, or undefined when it is not there or cannot be read. */
export function readSettingsFile(file: string): string | undefined {
  if (bodies.has(file)) return bodies.get(file);
  let body: string | undefined;
  try {
    // Most of the names looked for do not exist: a stat that returns nothing costs far less than
    // the exception of a failed read (about a tenth).
    body = fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    body = undefined;
  }
  bodies.set(file, body);
  return body;
}

/** Forget what was read: each run reads the settings as they are then. */
export function forgetSettingsFiles(): void {
  bodies.clear();
}

/**
 * The answer of the nearest folder at or above `dir` that `probe` answers for (at most `maxUp`
 * folders up), or `fallback` when none does. Each folder passed on the way keeps the answer in
 * `memo`, so files of one folder tree climb it once a run.
 */
export function nearestAnswer<T>(dir: string, memo: Map<string, T>, probe: (dir: string) => T | undefined, fallback: T, maxUp = 16): T {
  const passed: string[] = [];
  let answer: T | undefined;
  for (let d = dir, depth = 0; ; depth++) {
    const known = memo.get(d);
    if (known !== undefined) {
      answer = known;
      break;
    }
    passed.push(d);
    answer = depth > maxUp ? undefined : probe(d);
    if (answer !== undefined) break;
    const parent = path.dirname(d);
    if (parent === d || depth > maxUp) break;
    d = parent;
  }
  const result = answer ?? fallback;
  for (const d of passed) memo.set(d, result);
  return result;
}
