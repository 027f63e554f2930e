import path from "node:path";
import { nearestAnswer, readSettingsFile } from "../shared/settings-files.js";

/**
 * Which `openai` package a Python project installs, as far as it matters to the flags written into a
 * request: `chat.completions.create()` takes a `reasoning_effort` keyword from 1.58.0 on. Before that
 * the keyword raises `TypeError: create() got an unexpected keyword argument`, so the flag goes into
 * `extra_body` with `thinking`, which sends the same request body (docs/file-kinds.md).
 */

/** The first `openai` version whose `create()` takes `reasoning_effort`. */
const TAKES_EFFORT: readonly number[] = [1, 58, 0];

/** The files that name a project's dependencies, lockfiles first (they say what installs). */
const DEPENDENCY_FILES = ["uv.lock", "poetry.lock", "Pipfile.lock", "requirements.txt", "requirements.in", "pyproject.toml", "setup.cfg", "setup.py", "Pipfile"];
/** How many folders above a file are searched for a file that names `openai`. */
const MAX_UP = 16;

/** Per folder: whether the nearest dependency files naming `openai` allow a version before TAKES_EFFORT. */
const byDir = new Map<string, boolean>();

/** Forget what was read: each run reads the dependency files as they are then. */
export function forgetPythonSdkVersions(): void {
  byDir.clear();
}

/**
 * Whether the nearest folder above the file whose dependency files name `openai` allows a version
 * older than 1.58.0: a lockfile's resolved version, or the lowest version a requirement names
 * (`openai==1.40.0`, `openai>=1.30`, `openai = "^1.35"`, `openai<1.50`). False when no file names
 * it or no version is named (`openai`): the keyword is written as before.
 */
export function olderPythonOpenAi(absFile: string | undefined): boolean {
  if (absFile === undefined) return false;
  return nearestAnswer(path.dirname(absFile), byDir, (dir) => namedVersions(dir)?.some(older), false, MAX_UP);
}

/** A version a dependency file names for `openai`, and whether it is an upper bound (`<`, `<=`). */
interface Named {
  version: number[];
  below: boolean;
}

/**
 * `openai` as a requirement: not part of another name (`langchain-openai`, `openai-agents`), with
 * optional extras, then an operator (or a TOML `= "…"` / `version = "…"`) and a version.
 */
const REQUIREMENT = /(?<![\w.-])["']?openai(?:\[[^\]\n]*\])?["']?\s*(?:=\s*\{[^}\n]*?version\s*=\s*)?(===|==|~=|>=|<=|!=|>|<|=)?\s*["']?\s*([\^~]|[<>]=?|==)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?![\w-])/g;
/** A lockfile's entry: `name = "openai"` and its `version = "1.40.0"` (uv, poetry). */
const LOCK_ENTRY = /\bname\s*=\s*"openai"\s*\r?\n\s*version\s*=\s*"(\d+)\.(\d+)\.(\d+)/g;
/** Pipfile.lock: `"openai": { … "version": "==1.40.0"`. */
const PIPFILE_LOCK = /"openai"\s*:\s*\{[^}]*?"version"\s*:\s*"==(\d+)\.(\d+)\.(\d+)/g;

/** The versions the folder's dependency files name for `openai`, or undefined when none names it. */
function namedVersions(dir: string): Named[] | undefined {
  let names = false;
  const out: Named[] = [];
  for (const name of DEPENDENCY_FILES) {
    const body = readSettingsFile(path.join(dir, name));
    if (body === undefined || !/(?<![\w.-])["']?openai\b(?![\w-])/.test(body)) continue;
    names = true;
    const lock = name === "Pipfile.lock" ? PIPFILE_LOCK : name.endsWith(".lock") ? LOCK_ENTRY : undefined;
    if (lock) {
      for (const m of body.matchAll(lock)) out.push({ version: [Number(m[1]), Number(m[2]), Number(m[3])], below: false });
      // A lockfile says what installs: the requirements files beside it add nothing.
      if (out.length > 0) return out;
      continue;
    }
    for (const m of body.matchAll(REQUIREMENT)) {
      const op = m[2] ?? m[1] ?? "";
      if (op === "!=" || op === ">") continue;
      out.push({ version: [Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)], below: op === "<" || op === "<=" });
    }
  }
  return names ? out : undefined;
}

/** Whether a named version lets a version before TAKES_EFFORT install. */
function older(n: Named): boolean {
  for (let i = 0; i < 3; i++) if (n.version[i] !== TAKES_EFFORT[i]) return n.version[i]! < TAKES_EFFORT[i]!;
  // Exactly 1.58.0: as a lowest version it takes the keyword; as `<1.58.0` it does not.
  return n.below;
}
