import { createTwoFilesPatch } from "diff";

/**
 * A unified diff with a/ and b/ headers and 3 lines of context that `git apply` accepts.
 * Returns "" when the texts are equal.
 */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // Drop the "Index:"/"====" preamble some versions add; keep from the "---" header on.
  const at = patch.indexOf("--- ");
  const body = at > 0 ? patch.slice(at) : patch;
  return `diff --git a/${file} b/${file}\n` + body;
}
