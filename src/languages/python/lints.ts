import type { Node } from "web-tree-sitter";
import { parsePython } from "./parser.js";
import { stringValue } from "./analyze.js";
import type { Edit, Lint } from "../../core/types.js";
import { lintRequests, type AssistantAppend, type Param, type RequestInfo, type ThinkingState } from "../../lints/core.js";
import type { LintInput } from "../../lints/index.js";

/**
 * Request lints for Python (docs/rules.md): OpenAI SDK chat completions (`<x>.chat.completions
 * .create/stream/parse`), LangChain `ChatOpenAI`/`ChatDeepSeek`, raw body dicts (`"model"` and
 * `"messages"`), and assistant messages appended to a history as dict literals.
 */
const REQUEST_CALL = /(?:^|\.)chat\.completions\.(?:with_raw_response\.|with_streaming_response\.)?(?:create|stream|parse)$|(?:^|\.)(?:ChatOpenAI|ChatDeepSeek)$/;
const PARAMS = new Set(["reasoning_effort", "temperature", "top_p", "presence_penalty", "frequency_penalty", "max_tokens", "max_completion_tokens"]);

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
    else if (PARAMS.has(k) && !params.has(k)) params.set(k, param(p, v, k === "reasoning_effort" ? removeArgument(dict, p) : undefined));
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
    // Names bound once at any level to a string: `MODEL = "deepseek-v4-flash"` … `model=MODEL`.
    const bound = new Map<string, string | null>();
    for (const a of root.descendantsOfType("assignment")) {
      if (!a) continue;
      const left = a.childForFieldName("left");
      if (left?.type !== "identifier") continue;
      const v = stringValue(a.childForFieldName("right"));
      bound.set(left.text, bound.has(left.text) || v === undefined ? null : v);
    }
    const modelOf = (v: Node | null): string | undefined => {
      if (!v) return undefined;
      const s = stringValue(v);
      if (s !== undefined) return s;
      if (v.type === "identifier") return bound.get(v.text) ?? undefined;
      return undefined;
    };

    const requests: RequestInfo[] = [];
    const appends: AssistantAppend[] = [];
    for (const call of root.descendantsOfType("call")) {
      if (!call) continue;
      const fn = call.childForFieldName("function");
      const list = call.childForFieldName("arguments");
      if (!fn || list?.type !== "argument_list") continue;
      const callee = fn.text.replace(/\s+/g, "");
      if (REQUEST_CALL.test(callee)) {
        const params = new Map<string, Param>();
        let thinking: ThinkingState = "default";
        let model: string | undefined;
        for (const arg of elements(list)) {
          if (arg.type === "dictionary_splat" || arg.type === "list_splat") {
            thinking = "unknown";
            continue;
          }
          if (arg.type !== "keyword_argument") continue;
          const name = arg.childForFieldName("name")?.text ?? "";
          const value = arg.childForFieldName("value");
          if (name === "model" || name === "model_name") model = modelOf(value);
          else if (name === "extra_body" || name === "model_kwargs") {
            if (value?.type !== "dictionary") {
              thinking = "unknown";
              continue;
            }
            // LangChain: model_kwargs={"extra_body": {...}}.
            const inner = name === "model_kwargs" ? elements(value).find((p) => p.type === "pair" && keyOf(p) === "extra_body")?.childForFieldName("value") : value;
            if (name === "model_kwargs" && inner && inner.type !== "dictionary") thinking = "unknown";
            const t = inner?.type === "dictionary" ? readDict(inner, params) : "default";
            if (name === "model_kwargs" && elements(value).some((p) => p.type === "dictionary_splat")) thinking = "unknown";
            if (thinking !== "unknown" && t !== "default") thinking = t;
          } else if (name === "thinking") {
            if (thinking !== "unknown") thinking = thinkingOf(value);
          } else if (PARAMS.has(name)) {
            params.set(name, param(arg, value, name === "reasoning_effort" ? removeArgument(list, arg) : undefined));
          }
        }
        requests.push({
          start: fn.startIndex,
          end: fn.endIndex,
          ...(model !== undefined ? { model } : {}),
          thinking,
          params,
          scope: { start: call.startIndex, end: call.endIndex },
          thinkingSyntax: syntaxKw,
        });
        continue;
      }
      // messages.append({"role": "assistant", "content": …, "tool_calls": …})
      if (/\.append$/.test(callee)) {
        const first = elements(list)[0];
        if (first?.type !== "dictionary") continue;
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
        if (assistant) appends.push({ start: first.startIndex, end: first.endIndex, toolCalls, reasoning });
      }
    }
    // Raw bodies: a dict with "model" and "messages" (requests/httpx/aiohttp), not a recorded response.
    for (const dict of root.descendantsOfType("dictionary")) {
      if (!dict) continue;
      const pairs = elements(dict).filter((p) => p.type === "pair");
      const modelPair = pairs.find((p) => keyOf(p) === "model");
      if (!modelPair || !pairs.some((p) => keyOf(p) === "messages") || pairs.some((p) => ["choices", "usage"].includes(keyOf(p)))) continue;
      const params = new Map<string, Param>();
      const thinking = readDict(dict, params);
      const model = modelOf(modelPair.childForFieldName("value"));
      const key = modelPair.childForFieldName("key")!;
      requests.push({
        start: key.startIndex,
        end: key.endIndex,
        ...(model !== undefined ? { model } : {}),
        thinking,
        params,
        scope: { start: dict.startIndex, end: dict.endIndex },
        thinkingSyntax: syntaxKey,
      });
    }
    return lintRequests(input.text, requests, appends, input.options);
  } finally {
    tree.delete();
  }
}
