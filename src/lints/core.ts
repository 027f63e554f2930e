import { knownHost } from "../rules/hosts.js";
import { LINEAGE } from "../rules/lineage.js";
import type { LintOptions } from "../rules/lint-options.js";
import type { Edit, Lint } from "../core/types.js";

/**
 * The request lints, language-neutral: each linter (python.ts, typescript.ts) describes the
 * requests and assistant messages it sees; these rules turn them into lints (codes DSM1xx,
 * src/rules/codes.ts; docs/rules.md).
 */

/** A request parameter the lints look at. */
export interface Param {
  start: number;
  end: number;
  /** The value when it is a string literal. */
  str?: string;
  /** The value when it is a number literal. */
  num?: number;
  /** Edits that remove the parameter (with its comma), when that is certain. */
  removal?: Edit[];
}

/**
 * Record a request parameter. A name set twice in one request (an object or dict literal's
 * repeated key, where the last one wins; a repeated keyword argument, which Python refuses to
 * compile) keeps the last value, and no removal: removing one occurrence would leave the other,
 * and which one the request sends is for a person to see.
 */
export function setParam(params: Map<string, Param>, name: string, param: Param): void {
  if (!params.has(name)) {
    params.set(name, param);
    return;
  }
  const { removal: _dropped, ...rest } = param;
  params.set(name, rest);
}

export type ThinkingState = "enabled" | "disabled" | "default" | "unknown";

export interface RequestInfo {
  /** Where DSM101 is reported (the call's callee, or the body's `model` key). */
  start: number;
  end: number;
  /** The model ID, when the request names it with a literal (or a name bound once to one). */
  model?: string;
  /** enabled/disabled by a literal; default: not set at all; unknown: it may be set where the lints cannot see. */
  thinking: ThinkingState;
  /** reasoning_effort, temperature, top_p, presence_penalty, frequency_penalty, max_tokens, … (the API's names). */
  params: Map<string, Param>;
  /** The whole request (call or body). */
  scope: { start: number; end: number };
  /** How to write thinking in this request, for the advice: `extra_body={"thinking": …}`. */
  thinkingSyntax: (type: "enabled" | "disabled") => string;
}

/** An assistant message rebuilt as a literal and appended to a history. */
export interface AssistantAppend {
  start: number;
  end: number;
  /** The literal has `tool_calls` (a tool-call turn). */
  toolCalls: boolean;
  /** The literal has `reasoning_content` (or spreads something that may hold it). */
  reasoning: boolean;
}

/** The file points a client at DeepSeek's own API (not another known host). */
export function deepseekFile(text: string): boolean {
  return DEEPSEEK_HINT.test(text) && knownHost(text) === undefined;
}
const DEEPSEEK_HINT = /api\.deepseek\.com|\bDEEPSEEK_(?:API_KEY|BASE_URL|API_BASE)|\bChatDeepSeek\b|langchain[_-]deepseek|@ai-sdk\/deepseek|\bcreateDeepSeek\b/;

const RETIRED = new Set(LINEAGE.filter((r) => r.status === "retired").map((r) => r.id));
const V4 = new Set(LINEAGE.filter((r) => r.status !== "retired").map((r) => r.id));

/** What a model literal says: a V4-family DeepSeek model, a retired one (the migration's), or another model. */
export function modelKind(model: string): "v4" | "retired" | "other" {
  const id = model.replace(/^deepseek[/:]/, "");
  if (RETIRED.has(id)) return "retired";
  if (V4.has(id)) return "v4";
  return "other";
}

const SAMPLING = ["temperature", "top_p", "presence_penalty", "frequency_penalty"];
const EFFORTS = ["low", "high", "max"];

function thinks(r: RequestInfo): boolean {
  return r.thinking === "enabled" || r.thinking === "default";
}

/** The lints of a file's requests and assistant messages. */
export function lintRequests(text: string, requests: RequestInfo[], appends: AssistantAppend[], options: LintOptions): Lint[] {
  const isDeepSeek = deepseekFile(text);
  const ours = requests.filter((r) => {
    if (r.model !== undefined) return modelKind(r.model) === "v4";
    return isDeepSeek;
  });
  const out: Lint[] = [];
  for (const r of ours) {
    const lints = [...thinkingLints(r), ...effortLints(r), ...(thinks(r) ? thinkingRequestLints(r, options) : [])];
    for (const l of lints) l.scope = r.scope;
    out.push(...lints);
  }
  // A tool-call loop that rebuilds the assistant message: only where a request of the file thinks.
  if (ours.some(thinks)) out.push(...appendLints(appends));
  return out;
}

/** DSM101: a V4 request that leaves thinking to the default. */
function thinkingLints(r: RequestInfo): Lint[] {
  if (r.thinking !== "default") return [];
  const who = r.model ?? "DeepSeek V4";
  return [
    {
      code: "DSM101",
      start: r.start,
      end: r.end,
      message: `This request to ${who} does not set thinking: V4 models think unless told otherwise (slower, dearer, and the response carries reasoning_content).`,
      advice: `Set ${r.thinkingSyntax("disabled")} for the old deepseek-chat behaviour, or ${r.thinkingSyntax("enabled")} to keep thinking on purpose.`,
      fix: "none",
      edits: [],
    },
  ];
}

/** DSM102 (reasoning_effort with thinking disabled) and DSM106 (an effort the API does not know). */
function effortLints(r: RequestInfo): Lint[] {
  const effort = r.params.get("reasoning_effort");
  if (!effort) return [];
  const out: Lint[] = [];
  if (r.thinking === "disabled") {
    out.push({
      code: "DSM102",
      start: effort.start,
      end: effort.end,
      message: "reasoning_effort with thinking disabled: the API rejects this request with a 400 error.",
      advice: effort.removal ? "Remove reasoning_effort (the fix does), or enable thinking." : "Remove reasoning_effort, or enable thinking.",
      fix: effort.removal ? "safe" : "none",
      edits: effort.removal ?? [],
    });
  }
  if (effort.str !== undefined && !EFFORTS.includes(effort.str)) {
    out.push({
      code: "DSM106",
      start: effort.start,
      end: effort.end,
      message: `reasoning_effort "${effort.str}" is not one of low, high, max: the API maps it to one of them silently.`,
      advice: `Use "high" (the V4 default), "low" or "max".`,
      fix: "none",
      edits: [],
    });
  }
  return out;
}

/** On a request that thinks: DSM103 (sampling parameters ignored) and DSM105 (a token limit reasoning may use up). */
function thinkingRequestLints(r: RequestInfo, options: LintOptions): Lint[] {
  const out: Lint[] = [];
  const sampling = SAMPLING.filter((k) => r.params.has(k));
  if (sampling.length > 0) {
    const first = r.params.get(sampling[0]!)!;
    out.push({
      code: "DSM103",
      start: first.start,
      end: first.end,
      message: `${sampling.join(", ")} ${sampling.length === 1 ? "is" : "are"} ignored while the request thinks${r.thinking === "default" ? " (V4 thinks by default)" : ""}.`,
      advice: `Set ${r.thinkingSyntax("disabled")} if the request should sample as written, or remove ${sampling.length === 1 ? "it" : "them"}.`,
      fix: "none",
      edits: [],
    });
  }
  for (const key of ["max_tokens", "max_completion_tokens"]) {
    const p = r.params.get(key);
    if (p?.num === undefined || p.num >= options.maxTokensFloor) continue;
    out.push({
      code: "DSM105",
      start: p.start,
      end: p.end,
      message: `${key} ${p.num} is below ${options.maxTokensFloor} on a request that thinks: reasoning counts against it, so the answer may come back empty with finish_reason "length".`,
      advice: `Raise ${key}, or set ${r.thinkingSyntax("disabled")}. (The floor is the configuration's maxTokensFloor.)`,
      fix: "none",
      edits: [],
    });
  }
  return out;
}

/** DSM104: an assistant message of a tool-call loop rebuilt without its reasoning_content. */
function appendLints(appends: AssistantAppend[]): Lint[] {
  return appends
    .filter((a) => a.toolCalls && !a.reasoning)
    .map((a) => ({
      code: "DSM104",
      start: a.start,
      end: a.end,
      message:
        "This assistant message is rebuilt without reasoning_content while thinking is on: the next request of the tool-call loop fails with 400 (reasoning_content must be passed back).",
      advice: "Append the SDK's message object whole, or copy its reasoning_content into the rebuilt message.",
      fix: "none" as const,
      edits: [],
    }));
}
