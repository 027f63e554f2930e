import type { AdapterInput, Match, Site } from "../../core/types.js";
import { MODEL_OPTION, MODEL_OPTION_BEFORE_VALUE, MODEL_OPTION_VALUE, isModelName, pathIsModelNamed } from "../../knowledge/naming.js";
import { isResponseSegment, looksLikeSerializedResponse } from "../../knowledge/responses.js";

/**
 * Shared classification for the structured config kinds (env, Dockerfile, YAML, JSON, TOML).
 *
 * Each config adapter parses its file into "slots": the source ranges of the scalar values, keys and
 * comments it can see, each with its key path and context. A match is classified by the innermost
 * slot that contains it; a match outside every slot is left to the central default ("other").
 * Adapters never edit: the rename is the central edit at the match's exact offsets.
 */
export interface Slot {
  /** Source range of the slot's content (for a quoted string: inside the quotes). */
  start: number;
  end: number;
  role: "value" | "key" | "comment";
  /** Key path from the document root down to this value (for a key: down to and including it). */
  path: string[];
  /** A direct member of a list/array: the string members of that list (to detect duplicates). */
  members?: string[];
  /** A list member: the text of the item before it (`["--model", "deepseek-chat"]`). */
  prev?: string;
  /** A command line (Dockerfile exec form): its items are arguments, not a collection of IDs. */
  argv?: boolean;
  /** A shell command line (`run:`, `command:`, package.json scripts, Dockerfile RUN): `--model <ID>` is a model position. */
  shell?: boolean;
  /** Inside a recorded response (an object with choices/usage/object: chat.completion…). */
  response?: boolean;
  /** An env-style entry "KEY=value" (docker-compose environment list form). */
  envEntry?: boolean;
  /** An env-style value: a comma-separated list of IDs is a collection. */
  envValue?: boolean;
  /** An alias to this value (YAML) sits in a model position. */
  aliasModel?: boolean;
  /** Extra context: "name" of a Kubernetes-style {name, value} env entry. */
  envName?: string;
}


/** Keys whose values are shell command lines (CI steps, compose, Kubernetes, task runners). */
export const SHELL_KEYS: readonly string[] = ["run", "command", "entrypoint", "script", "before_script", "after_script", "cmd", "shell", "exec"];

/** A key or name that names a model (docs/contract.md §4: contains "model", any case). */

/**
 * JSON Schema / OpenAPI keys whose value must be one of the sibling `enum` (a VS Code setting's
 * `default`, an OpenAPI `example`): such a value is a member of that enum, so it is renamed only
 * when the enum is (a default outside its enum is an invalid schema).
 */
export const ENUM_BOUND_KEYS: readonly string[] = ["default", "example", "const"];

/**
 * The matches of a text file (a log, a stream capture, a golden transcript, a snapshot, a file of
 * unknown kind) that lie in a recorded capture, by idStart: the match's line is a serialized response
 * or stream chunk (`data: {"object": "chat.completion.chunk", …}`), or the match lies in one written
 * over several lines: from the nearest line at or above it, since the last blank line, that starts
 * like serialized data (`{`, `[`, an SSE field, a Jest snapshot entry), not like prose, down to the
 * next blank line (at most CAPTURE_LINES lines each way). Linear in the text: a file without any serialized response is
 * passed over at once, and each line and block is tested once.
 */
export function capturedMatches(text: string, matches: readonly Match[]): Set<number> {
  const out = new Set<number>();
  if (matches.length === 0 || !looksLikeSerializedResponse(text)) return out;
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const n = starts.length;
  const lineEnd = (i: number) => (i + 1 < n ? starts[i + 1]! - 1 : text.length);
  const line = (i: number) => text.slice(starts[i]!, lineEnd(i));
  const blank = (i: number) => line(i).trim() === "";
  const lineHit = new Map<number, boolean>();
  const blockHit = new Map<number, boolean>();
  // One pass down the lines as the matches go: the line where the current block's serialized data
  // starts (-1: none since the last blank line).
  let li = -1;
  let bs = -1;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    while (li + 1 < n && starts[li + 1]! <= m.start) {
      li++;
      if (blank(li)) bs = -1;
      else if (CAPTURE_START.test(line(li))) bs = li;
    }
    let hit = lineHit.get(li);
    if (hit === undefined) lineHit.set(li, (hit = looksLikeSerializedResponse(line(li))));
    if (!hit) {
      if (bs >= 0 && li - bs < CAPTURE_LINES) {
        let b = blockHit.get(bs);
        if (b === undefined) {
          let be = bs;
          while (be + 1 < n && be - bs < CAPTURE_LINES && !blank(be + 1)) be++;
          blockHit.set(bs, (b = looksLikeSerializedResponse(text.slice(starts[bs]!, lineEnd(be)))));
        }
        hit = b;
      }
    }
    if (hit) out.add(m.idStart);
  }
  return out;
}

/** How far a capture written over several lines is looked for, up and down from a match. */
const CAPTURE_LINES = 500;

/** How serialized data starts (as opposed to prose): JSON, SSE fields, a Jest snapshot entry, pretty-format's `Object {`. */
const CAPTURE_START = /^\s*(?:[{[]|(?:data|event|id):|exports\[|Object \{|Array \[)/;

/**
 * A key path inside a recorded HTTP exchange's request: VCR / pytest-recording / go-vcr cassettes
 * (`interactions[].request`), Ruby VCR (`http_interactions[].request`), HAR and Polly.js
 * (`log.entries[].request`). A request recorded there is history like its response: renaming it
 * does not change what the code sends, and a cassette that matches on the body would stop matching.
 */
export function isRecordedRequestPath(path: readonly string[]): boolean {
  const i = path.findIndex((seg) => /^(?:http_)?interactions$|^entries$/.test(seg));
  return i >= 0 && path.slice(i + 1).some((seg) => /^requests?$/i.test(seg));
}

/** `${NAME:deepseek-chat}` (Spring), `${NAME:-…}` / `${NAME-…}` (shell, compose) defaults: the NAME, when the match is one. */
function placeholderName(text: string, m: Match, slot: Slot): string | undefined {
  const before = text.slice(Math.max(slot.start, m.start - 200), m.start);
  const pm = /\$\{([A-Za-z0-9_.-]+?)(?::-?|-)$/.exec(before);
  if (!pm || text[m.end] !== "}") return undefined;
  return pm[1];
}

/**
 * `${{ inputs.model || 'deepseek-chat' }}` (GitHub Actions expression default): the looked-up name,
 * when the match is the whole quoted default of an expression that is the whole value.
 */
function expressionDefaultName(text: string, m: Match, content: string): string | undefined {
  const q = text[m.start - 1];
  if ((q !== "'" && q !== '"') || text[m.end] !== q) return undefined;
  const ex = /^\$\{\{\s*([A-Za-z0-9_.[\]'"-]+?)\s*\|\|\s*(['"])([^'"]*)\2\s*\}\}$/.exec(content.trim());
  return ex && ex[3] === text.slice(m.start, m.end) ? ex[1] : undefined;
}

function classifyInSlot(text: string, m: Match, slot: Slot): Site {
  const idStart = m.idStart;
  if (slot.role === "comment") return { idStart, kind: "comment", detail: "comment" };
  const content = text.slice(slot.start, slot.end);
  const matchText = text.slice(m.start, m.end);
  if (slot.response || slot.path.some(isResponseSegment)) return { idStart, kind: "response", detail: "recorded response" };
  if (isRecordedRequestPath(slot.path))
    return {
      idStart,
      kind: "response",
      detail: "recorded request",
      advice: "A request recorded in a cassette or HTTP archive: history, like its response; re-record it after migrating rather than editing it.",
    };
  const exact = content.trim() === matchText;
  if (slot.role === "key") return exact ? { idStart, kind: "key", detail: "key" } : { idStart, kind: "other", detail: "key text" };

  if (slot.envEntry) {
    // "KEY=value" as one string: env rules on the part after the first "=".
    const eq = content.indexOf("=");
    const key = eq > 0 ? content.slice(0, eq).trim() : "";
    if (eq > 0 && slot.start + eq < m.start) {
      const valueStart = slot.start + eq + 1;
      const value = text.slice(valueStart, slot.end);
      const modelNamed = isModelName(key);
      if (value.trim() === matchText || stripQuotes(value.trim()) === matchText)
        return modelNamed ? { idStart, kind: "model", detail: `env ${key}` } : { idStart, kind: "other", detail: `env ${key}` };
      const ph = placeholderName(text, m, slot);
      if (ph !== undefined && (modelNamed || isModelName(ph)) && /^\s*\$\{[^{}]*\}\s*$/.test(stripQuotes(value.trim())))
        return { idStart, kind: "model", detail: `env ${key} placeholder default` };
      const list = commaMembers(value);
      if (list && list.includes(matchText)) return { idStart, kind: "collection", modelNamed, members: list, detail: `env list ${key}` };
    }
    return { idStart, kind: "other" };
  }

  const modelNamed =
    pathIsModelNamed(slot.path) || (slot.envName !== undefined && isModelName(slot.envName));
  if (!exact) {
    const ph = placeholderName(text, m, slot);
    if (ph !== undefined && (isModelName(ph) || modelNamed) && /^\s*\$\{[^{}]*\}\s*$/.test(content))
      return { idStart, kind: "model", detail: "placeholder default" };
    const looked = expressionDefaultName(text, m, content);
    if (looked !== undefined && (isModelName(looked) || modelNamed)) return { idStart, kind: "model", detail: "expression default" };
    if (slot.envValue) {
      const list = commaMembers(content);
      if (list && list.includes(matchText)) return { idStart, kind: "collection", modelNamed, members: list, detail: "env list" };
    }
    if (looksLikeSerializedResponse(content)) return { idStart, kind: "response", detail: "serialized response" };
    if (slot.shell) {
      // `python review.py --model deepseek-chat`: the value of a model option in a command line.
      const lineStart = Math.max(slot.start, text.lastIndexOf("\n", m.start - 1) + 1);
      const after = text[m.end] ?? "";
      if (MODEL_OPTION_BEFORE_VALUE.test(text.slice(lineStart, m.start)) && (m.end >= slot.end || /[\s"';&|)\\]/.test(after)))
        return { idStart, kind: "model", detail: "command-line option" };
    }
    const fv = slot.members ? MODEL_OPTION_VALUE.exec(content.trim()) : null;
    if (fv && stripQuotes(fv[1]!) === matchText && text.slice(m.end, slot.end).trim().replace(/^["']$/, "") === "")
      return { idStart, kind: "model", detail: "command-line option" };
    return { idStart, kind: "other", detail: "string with other text" };
  }
  // `command: ["--model", "deepseek-chat"]`: the value of a command-line option, not a list of models.
  if (slot.members && slot.prev !== undefined && MODEL_OPTION.test(slot.prev.trim())) return { idStart, kind: "model", detail: "command-line option" };
  if (slot.argv) return { idStart, kind: "other", detail: "command-line argument" };
  if (slot.members) return { idStart, kind: "collection", modelNamed, members: slot.members, detail: "list member" };
  if (modelNamed || slot.aliasModel) return { idStart, kind: "model", detail: `key ${slot.path.join(".")}` };
  return { idStart, kind: "other" };
}

function stripQuotes(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** "a, b,c" → ["a", "b", "c"] when it has at least two non-empty members; else undefined. */
function commaMembers(value: string): string[] | undefined {
  const v = stripQuotes(value.trim());
  if (!v.includes(",")) return undefined;
  const parts = v.split(",").map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => !p || /\s/.test(p))) return undefined;
  return parts;
}

/**
 * One site per match that lies inside a slot (the innermost, i.e. the shortest, wins). Matches
 * outside every slot get no site: the central classifier reports them as "other".
 */
export function sitesFromSlots(input: AdapterInput, slots: Slot[]): Site[] {
  const sorted = [...slots].sort((a, b) => a.start - b.start || b.end - a.end);
  const sites: Site[] = [];
  for (const m of input.matches) {
    let best: Slot | undefined;
    // Slots are few per file; a linear pass keeps this simple and obviously right.
    for (const s of sorted) {
      if (s.start > m.idStart) break;
      if (s.start <= m.idStart && m.end <= s.end && (!best || s.end - s.start <= best.end - best.start)) best = s;
    }
    if (best) sites.push(classifyInSlot(input.text, m, best));
  }
  return sites;
}

/**
 * Collects slots, keeping only those that contain a match (large data files have many strings and
 * few matches). Matches arrive sorted by idStart (src/rules/match.ts).
 */
export class SlotCollector {
  readonly slots: Slot[] = [];
  private readonly starts: number[];
  constructor(matches: Match[]) {
    this.starts = matches.map((m) => m.idStart).sort((a, b) => a - b);
  }
  /** Whether any match starts inside [start, end). */
  hasMatchIn(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length && this.starts[lo]! < end;
  }
  add(slot: Slot): void {
    if (this.hasMatchIn(slot.start, slot.end)) this.slots.push(slot);
  }
}
