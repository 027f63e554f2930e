import type { AdapterInput, Match, Site } from "../../core/types.js";
import { classifyInSlot } from "./slot-matchers.js";

/** Shared with the lexical and docs adapters; the knowledge lives in src/knowledge/. */
export { capturedMatches } from "../../knowledge/captures.js";
export { isRecordedRequestPath } from "../../knowledge/responses.js";

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
  /** The open weights (`deepseek-ai/…`) the entry holding this value points at: the ID is that catalogue's name. */
  weights?: string;
}

/** Keys whose values are shell command lines (CI steps, compose, Kubernetes, task runners). */
export const SHELL_KEYS: readonly string[] = ["run", "command", "entrypoint", "script", "before_script", "after_script", "cmd", "shell", "exec"];

/**
 * JSON Schema / OpenAPI keys whose value must be one of the sibling `enum` (a VS Code setting's
 * `default`, an OpenAPI `example`): such a value is a member of that enum, so it is renamed only
 * when the enum is (a default outside its enum is an invalid schema).
 */
export const ENUM_BOUND_KEYS: readonly string[] = ["default", "example", "const"];

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
    if (!best) continue;
    const site = classifyInSlot(input.text, m, best);
    // An entry of a catalogue of open weights: another host's name (docs/hosts-and-sdks.md).
    sites.push(best.weights && best.role === "value" ? { ...site, otherHost: `the open weights ${best.weights}`, hostScope: { construct: "this entry" } } : site);
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
