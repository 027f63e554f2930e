import fs from "node:fs";

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
