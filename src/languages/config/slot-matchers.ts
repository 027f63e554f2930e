import type { Match, Site } from "../../core/types.js";
import { MODEL_OPTION, MODEL_OPTION_BEFORE_VALUE, MODEL_OPTION_VALUE, isModelName, pathIsModelNamed } from "../../knowledge/naming.js";
import { isRecordedRequestPath, isResponseSegment, looksLikeSerializedResponse } from "../../knowledge/responses.js";
import { P, at } from "./positions.js";
import type { Slot } from "./slots.js";

/**
 * Where a match sits inside the slot that holds it (docs/positions.md): an ordered list of small
 * matchers, the first that recognises the match wins. The order is the precedence: a comment before
 * anything else, recorded data before any model position, keys before values, an env-style entry
 * on its own, then values with other text around the ID, then values that are exactly the ID.
 */
export function classifyInSlot(text: string, m: Match, slot: Slot): Site {
  const ctx = new SlotContext(text, m, slot);
  for (const matcher of SLOT_MATCHERS) {
    const site = matcher(ctx);
    if (site) return site;
  }
  return at(P.plainValue, m.idStart);
}

/** What the matchers read about one match in its slot, computed once. */
class SlotContext {
  readonly idStart: number;
  readonly content: string;
  readonly matchText: string;
  /** The slot's content (trimmed) is exactly the match. */
  readonly exact: boolean;
  private named?: boolean;
  constructor(
    readonly text: string,
    readonly m: Match,
    readonly slot: Slot,
  ) {
    this.idStart = m.idStart;
    this.content = text.slice(slot.start, slot.end);
    this.matchText = text.slice(m.start, m.end);
    this.exact = this.content.trim() === this.matchText;
  }
  /** The key path, or the `name` of a {name, value} env entry, names a model. */
  get modelNamed(): boolean {
    return (this.named ??= pathIsModelNamed(this.slot.path) || (this.slot.envName !== undefined && isModelName(this.slot.envName)));
  }
  /** A value with other text around the match (keys and env entries are matched before). */
  get partial(): boolean {
    return this.slot.role === "value" && !this.slot.envEntry && !this.exact;
  }
  /** A value that is exactly the match. */
  get whole(): boolean {
    return this.slot.role === "value" && !this.slot.envEntry && this.exact;
  }
}

type SlotMatcher = (c: SlotContext) => Site | undefined;

const inComment: SlotMatcher = (c) => (c.slot.role === "comment" ? at(P.comment, c.idStart) : undefined);

const inRecordedResponse: SlotMatcher = (c) => (c.slot.response || c.slot.path.some(isResponseSegment) ? at(P.recordedResponse, c.idStart) : undefined);

/** The request of a recorded HTTP exchange, or of a recorded exchange the walker found (`{input: {request: …}, output: {…}}`). */
const inRecordedRequest: SlotMatcher = (c) =>
  isRecordedRequestPath(c.slot.path) || (c.slot.response && c.slot.path.some((seg) => /^requests?$/i.test(seg)))
    ? at(P.recordedRequest, c.idStart, {
        advice: "A request recorded in a cassette or HTTP archive: history, like its response; re-record it after migrating rather than editing it.",
      })
    : undefined;

const inKey: SlotMatcher = (c) => (c.slot.role !== "key" ? undefined : at(c.exact ? P.key : P.keyText, c.idStart));

/** "KEY=value" as one string (a compose `environment` item): env rules on the part after the first "=". */
const inEnvEntry: SlotMatcher = (c) => {
  if (!c.slot.envEntry) return undefined;
  const { text, m, slot, content, matchText, idStart } = c;
  const eq = content.indexOf("=");
  if (eq <= 0 || slot.start + eq >= m.start) return at(P.envEntryText, idStart);
  const key = content.slice(0, eq).trim();
  const value = text.slice(slot.start + eq + 1, slot.end).trim();
  const modelNamed = isModelName(key);
  if (value === matchText || stripQuotes(value) === matchText) return at(modelNamed ? P.envEntryModel : P.envEntryValue, idStart);
  const ph = placeholderName(text, m, slot);
  if (ph !== undefined && (modelNamed || isModelName(ph)) && /^\s*\$\{[^{}]*\}\s*$/.test(stripQuotes(value))) return at(P.envEntryPlaceholder, idStart);
  const list = commaMembers(value);
  if (list && list.includes(matchText)) return at(P.envEntryList, idStart, { modelNamed, members: list });
  return at(P.envEntryText, idStart);
};

const placeholderDefault: SlotMatcher = (c) => {
  if (!c.partial) return undefined;
  const ph = placeholderName(c.text, c.m, c.slot);
  return ph !== undefined && (isModelName(ph) || c.modelNamed) && /^\s*\$\{[^{}]*\}\s*$/.test(c.content) ? at(P.placeholderDefault, c.idStart) : undefined;
};

const expressionDefault: SlotMatcher = (c) => {
  if (!c.partial) return undefined;
  const looked = expressionDefaultName(c.text, c.m, c.content);
  return looked !== undefined && (isModelName(looked) || c.modelNamed) ? at(P.expressionDefault, c.idStart) : undefined;
};

const envList: SlotMatcher = (c) => {
  if (!c.partial || !c.slot.envValue) return undefined;
  const list = commaMembers(c.content);
  return list && list.includes(c.matchText) ? at(P.envList, c.idStart, { modelNamed: c.modelNamed, members: list }) : undefined;
};

const serializedResponse: SlotMatcher = (c) => (c.partial && looksLikeSerializedResponse(c.content) ? at(P.serializedResponse, c.idStart) : undefined);

/** `python review.py --model deepseek-chat`: the value of a model option in a command line. */
const optionInShellLine: SlotMatcher = (c) => {
  if (!c.partial || !c.slot.shell) return undefined;
  const { text, m, slot } = c;
  const lineStart = Math.max(slot.start, text.lastIndexOf("\n", m.start - 1) + 1);
  const after = text[m.end] ?? "";
  return MODEL_OPTION_BEFORE_VALUE.test(text.slice(lineStart, m.start)) && (m.end >= slot.end || /[\s"';&|)\\]/.test(after))
    ? at(P.commandLineOption, c.idStart)
    : undefined;
};

/** `["--model=deepseek-chat"]`: a model option with its value in one list item. */
const optionWithValue: SlotMatcher = (c) => {
  if (!c.partial || !c.slot.members) return undefined;
  const fv = MODEL_OPTION_VALUE.exec(c.content.trim());
  return fv && stripQuotes(fv[1]!) === c.matchText && c.text.slice(c.m.end, c.slot.end).trim().replace(/^["']$/, "") === ""
    ? at(P.commandLineOption, c.idStart)
    : undefined;
};

const textAroundId: SlotMatcher = (c) => (c.partial ? at(P.text, c.idStart) : undefined);

/** `command: ["--model", "deepseek-chat"]`: the value of a command-line option, not a list of models. */
const optionArgument: SlotMatcher = (c) =>
  c.whole && c.slot.members && c.slot.prev !== undefined && MODEL_OPTION.test(c.slot.prev.trim()) ? at(P.commandLineOption, c.idStart) : undefined;

const commandLineArgument: SlotMatcher = (c) => (c.whole && c.slot.argv ? at(P.commandLineArgument, c.idStart) : undefined);

const listMember: SlotMatcher = (c) =>
  c.whole && c.slot.members ? at(P.listMember, c.idStart, { modelNamed: c.modelNamed, members: c.slot.members }) : undefined;

const modelKeyValue: SlotMatcher = (c) => (c.whole && c.modelNamed ? at(P.modelKeyValue, c.idStart) : undefined);

const aliasedModelValue: SlotMatcher = (c) => (c.whole && c.slot.aliasModel ? at(P.aliasedModelValue, c.idStart) : undefined);

/** The precedence, in one list (the first matcher that recognises the match wins). */
const SLOT_MATCHERS: readonly SlotMatcher[] = [
  inComment,
  inRecordedRequest,
  inRecordedResponse,
  inKey,
  inEnvEntry,
  placeholderDefault,
  expressionDefault,
  envList,
  serializedResponse,
  optionInShellLine,
  optionWithValue,
  textAroundId,
  optionArgument,
  commandLineArgument,
  listMember,
  modelKeyValue,
  aliasedModelValue,
];

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
