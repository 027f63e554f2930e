import path from "node:path";
import { nearestAnswer, readSettingsFile } from "../shared/settings-files.js";

/**
 * Which `openai` package a TypeScript file is type-checked against, as far as it matters to the flags
 * written into a request: `reasoning_effort` is declared in its request types from 4.77.0 on. Before
 * that, an object literal passed to `chat.completions.create` that sets it fails the excess-property
 * check (`'reasoning_effort' does not exist in type 'ChatCompletionCreateParamsNonStreaming'`), so
 * the flag goes into the object spread with `thinking` (docs/file-kinds.md).
 */

/** The first `openai` version whose request types declare `reasoning_effort`. */
const DECLARES_EFFORT: readonly number[] = [4, 77, 0];

const DEP_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
/** How many folders above a file are searched for a package.json that lists `openai`. */
const MAX_UP = 16;

/** Per folder: whether the nearest package.json listing `openai` asks for a version before DECLARES_EFFORT. */
const byDir = new Map<string, boolean>();

/** Forget what was read: each run reads the package files as they are then. */
export function forgetSdkVersions(): void {
  byDir.clear();
}

/**
 * Whether the nearest package.json above the file that lists `openai` allows a version older than
 * 4.77.0 (the lowest version its range names: `^4.54.0`, `~4.57.1`, `4.x`). False when none lists it
 * or the range names no version (`latest`, `workspace:*`): the flags are written as before.
 */
export function olderOpenAiTypes(absFile: string | undefined): boolean {
  if (absFile === undefined) return false;
  const probe = (dir: string) => {
    const range = openAiRange(path.join(dir, "package.json"));
    return range === undefined ? undefined : before(range);
  };
  return nearestAnswer(path.dirname(absFile), byDir, probe, false, MAX_UP);
}

/** The `openai` version range a package.json lists, if it lists one. */
function openAiRange(file: string): string | undefined {
  const body = readSettingsFile(file);
  if (body === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== "object") return undefined;
  for (const field of DEP_FIELDS) {
    const deps = (json as Record<string, unknown>)[field];
    const v = deps && typeof deps === "object" ? (deps as Record<string, unknown>).openai : undefined;
    if (typeof v === "string") return v;
  }
  return undefined;
}

/** Whether the lowest version a range names is older than DECLARES_EFFORT (`npm:openai@4.20.0` too). */
function before(range: string): boolean {
  const m = /(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(range);
  if (!m) return false;
  const parts = [m[1], m[2], m[3]].map((p) => (p === undefined || p === "x" || p === "*" ? 0 : Number(p)));
  for (let i = 0; i < 3; i++) if (parts[i] !== DECLARES_EFFORT[i]) return parts[i]! < DECLARES_EFFORT[i]!;
  return false;
}
