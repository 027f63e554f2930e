import type { Node } from "web-tree-sitter";
import { parsePython } from "./parser.js";
import { stringValue } from "./nodes.js";
import type { Edit, Lint } from "../../core/types.js";
import { lintRequests, setParam, type AssistantAppend, type Param, type RequestInfo, type ThinkingState } from "../../lints/core.js";
import type { LintInput } from "../../lints/index.js";
import { LINTED_PARAMS } from "../../knowledge/requests.js";
import { RESPONSE_KEYS } from "../../knowledge/responses.js";
import { REQUEST_KINDS } from "./tables.js";

/**
 * Request lints for Python (docs/rules.md): OpenAI SDK chat completions (`<x>.chat.completions
 * .create/stream/parse`), LangChain `ChatOpenAI`/`ChatDeepSeek`, raw body dicts (`"model"` and
 * `"messages"`), and assistant messages appended to a history as dict literals.
 */
/** The chat requests the lints read: the OpenAI SDK's and LangChain's (not FIM completions, which never think). */
const CHAT_REQUESTS = REQUEST_KINDS.filter((r) => !r.fixedFlags);

const syntaxKw = (type: "enabled" | "disabled") => `extra_body={"thinking": {"type": "${type}"}}`;
const syntaxKey = (type: "enabled" | "disabled") => `"thinking": {"type": "${type}"}`;

function elements(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
}

function keyOf(pair: Node): string {
  const k = pair.childForFieldName("key");
  return stringValue(k) ?? "";
}

function numberOf(node: Node | null): number | undefined {
  if (!node || (node.type !== "integer" && node.type !== "float")) return undefined;
  const n = Number(node.text.replace(/_/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** The thinking a `{"thinking": {"type": …}}` value says: enabled/disabled, else unknown. */
function thinkingOf(value: Node | null): ThinkingState {
  if (!value || value.type !== "dictionary") return "unknown";
  for (const p of elements(value)) {
    if (p.type === "pair" && keyOf(p) === "type") {
      const t = stringValue(p.childForFieldName("value"));
      return t === "enabled" || t === "disabled" ? t : "unknown";
    }
  }
  return "unknown";
}

/** The thinking and parameters set by a dict's pairs (a body, or `extra_body`). */
function readDict(dict: Node, params: Map<string, Param>): ThinkingState {
  let thinking: ThinkingState = "default";
  for (const p of elements(dict)) {
    if (p.type === "dictionary_splat") {
      thinking = "unknown";
      continue;
    }
    if (p.type !== "pair") continue;
    const k = keyOf(p);
    const v = p.childForFieldName("value");
    if (k === "thinking") thinking = thinking === "unknown" ? "unknown" : thinkingOf(v);
    else if (LINTED_PARAMS.has(k)) setParam(params, k, param(p, v, k === "reasoning_effort" ? removeArgument(dict, p) : undefined));
  }
  return thinking;
}

function param(node: Node, value: Node | null, removal?: Edit[]): Param {
  const str = stringValue(value);
  const num = numberOf(value);
  return { start: node.startIndex, end: node.endIndex, ...(str !== undefined ? { str } : {}), ...(num !== undefined ? { num } : {}), ...(removal ? { removal } : {}) };
}

/**
 * Edits that remove one argument with its comma, keeping the call's layout: up to the next
 * argument, or (the last one) from the end of the previous. None when a comment is in the way or
 * it is the only argument.
 */
function removeArgument(list: Node, arg: Node): Edit[] | undefined {
  const args = list.namedChildren.filter((c): c is Node => !!c);
  const i = args.findIndex((a) => a.startIndex === arg.startIndex);
  const items = args.filter((a) => a.type !== "comment");
  if (i < 0 || items.length < 2) return undefined;
  const next = args[i + 1];
  const prev = args[i - 1];
  if (next && next.type === "comment") return undefined;
  if (next) return [{ start: arg.startIndex, end: next.startIndex, text: "" }];
  if (!prev || prev.type === "comment") return undefined;
  return [{ start: prev.endIndex, end: arg.endIndex, text: "" }];
}

export async function lintPython(input: LintInput): Promise<Lint[]> {
  const tree = await parsePython(input.text);
  try {
    const root = tree.rootNode;
    if (root.hasError) return [];
    const modelOf = modelReader(root);
    const requests: RequestInfo[] = [];
    const appends: AssistantAppend[] = [];
    for (const call of root.descendantsOfType("call")) {
      const fn = call?.childForFieldName("function");
      const list = call?.childForFieldName("arguments");
      if (!call || !fn || list?.type !== "argument_list") continue;
      const callee = fn.text.replace(/\s+/g, "");
      if (CHAT_REQUESTS.some((r) => r.callee.test(callee))) requests.push(callRequest(call, fn, list, modelOf));
      else if (/\.append$/.test(callee)) {
        const append = assistantAppend(list);
        if (append) appends.push(append);
      }
    }
    for (const dict of root.descendantsOfType("dictionary")) {
      const body = dict && bodyRequest(dict, modelOf);
      if (body) requests.push(body);
    }
    return lintRequests(input.text, requests, appends, input.options);
  } finally {
    tree.delete();
  }
}

type ModelOf = (v: Node | null) => string | undefined;

/**
 * The model a value names: a string literal, or a name bound once at any level to a string
 * (`MODEL = "deepseek-v4-flash"` … `model=MODEL`).
 */
function modelReader(root: Node): ModelOf {
  const bound = new Map<string, string | null>();
  for (const a of root.descendantsOfType("assignment")) {
    const left = a?.childForFieldName("left");
    if (!a || left?.type !== "identifier") continue;
    const v = stringValue(a.childForFieldName("right"));
    bound.set(left.text, bound.has(left.text) || v === undefined ? null : v);
  }
  return (v) => {
    if (!v) return undefined;
    const s = stringValue(v);
    if (s !== undefined) return s;
    return v.type === "identifier" ? (bound.get(v.text) ?? undefined) : undefined;
  };
}

/** What a request call's keyword arguments set so far. */
interface CallState {
  params: Map<string, Param>;
  thinking: ThinkingState;
  model?: string;
}

/** An SDK or LangChain request call: its model, thinking and parameters from its keyword arguments. */
function callRequest(call: Node, fn: Node, list: Node, modelOf: ModelOf): RequestInfo {
  const state: CallState = { params: new Map(), thinking: "default" };
  for (const arg of elements(list)) {
    if (arg.type === "dictionary_splat" || arg.type === "list_splat") state.thinking = "unknown";
    else if (arg.type === "keyword_argument") readKeyword(state, list, arg, modelOf);
  }
  return {
    start: fn.startIndex,
    end: fn.endIndex,
    ...(state.model !== undefined ? { model: state.model } : {}),
    thinking: state.thinking,
    params: state.params,
    scope: { start: call.startIndex, end: call.endIndex },
    thinkingSyntax: syntaxKw,
  };
}

function readKeyword(state: CallState, list: Node, arg: Node, modelOf: ModelOf): void {
  const name = arg.childForFieldName("name")?.text ?? "";
  const value = arg.childForFieldName("value");
  if (name === "model" || name === "model_name") state.model = modelOf(value);
  else if (name === "extra_body" || name === "model_kwargs") readExtraBody(state, name, value);
  else if (name === "thinking") {
    if (state.thinking !== "unknown") state.thinking = thinkingOf(value);
  } else if (LINTED_PARAMS.has(name)) setParam(state.params, name, param(arg, value, name === "reasoning_effort" ? removeArgument(list, arg) : undefined));
}

/** `extra_body={...}`, or LangChain's `model_kwargs={"extra_body": {...}}`. */
function readExtraBody(state: CallState, name: string, value: Node | null): void {
  if (value?.type !== "dictionary") {
    state.thinking = "unknown";
    return;
  }
  const kwargs = name === "model_kwargs";
  const inner = kwargs ? elements(value).find((p) => p.type === "pair" && keyOf(p) === "extra_body")?.childForFieldName("value") : value;
  if (kwargs && inner && inner.type !== "dictionary") state.thinking = "unknown";
  const t = inner?.type === "dictionary" ? readDict(inner, state.params) : "default";
  if (kwargs && elements(value).some((p) => p.type === "dictionary_splat")) state.thinking = "unknown";
  if (state.thinking !== "unknown" && t !== "default") state.thinking = t;
}

/** `messages.append({"role": "assistant", "content": …, "tool_calls": …})`. */
function assistantAppend(list: Node): AssistantAppend | undefined {
  const first = elements(list)[0];
  if (first?.type !== "dictionary") return undefined;
  let assistant = false;
  let toolCalls = false;
  let reasoning = false;
  for (const p of elements(first)) {
    if (p.type === "dictionary_splat") reasoning = true;
    if (p.type !== "pair") continue;
    const k = keyOf(p);
    if (k === "role") assistant = stringValue(p.childForFieldName("value")) === "assistant";
    else if (k === "tool_calls") toolCalls = true;
    else if (k === "reasoning_content") reasoning = true;
  }
  return assistant ? { start: first.startIndex, end: first.endIndex, toolCalls, reasoning } : undefined;
}

/** A raw body: a dict with "model" and "messages" (requests/httpx/aiohttp), not a recorded response. */
function bodyRequest(dict: Node, modelOf: ModelOf): RequestInfo | undefined {
  const pairs = elements(dict).filter((p) => p.type === "pair");
  const modelPair = pairs.find((p) => keyOf(p) === "model");
  if (!modelPair || !pairs.some((p) => keyOf(p) === "messages") || pairs.some((p) => RESPONSE_KEYS.includes(keyOf(p)))) return undefined;
  const params = new Map<string, Param>();
  const thinking = readDict(dict, params);
  const model = modelOf(modelPair.childForFieldName("value"));
  const key = modelPair.childForFieldName("key")!;
  return {
    start: key.startIndex,
    end: key.endIndex,
    ...(model !== undefined ? { model } : {}),
    thinking,
    params,
    scope: { start: dict.startIndex, end: dict.endIndex },
    thinkingSyntax: syntaxKey,
  };
}
