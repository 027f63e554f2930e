import type { JsonValue } from "../core/types.js";

/**
 * What DeepSeek's OpenAI-compatible API accepts in a request (docs/contract.md §5): the facts every
 * adapter and linter reads.
 */

/**
 * The FIM (fill-in-the-middle) completion endpoint works only without thinking, whatever the model:
 * a request to it gets exactly these flags, never the rule's (a fact about the endpoint).
 */
export const FIM_FLAGS: Readonly<Record<string, JsonValue>> = { thinking: { type: "disabled" } };

/** Whether a request body's `thinking` value turns thinking off: `{"type": "disabled"}`. */
export function isThinkingDisabled(thinking: unknown): boolean {
  return typeof thinking === "object" && thinking !== null && !Array.isArray(thinking) && (thinking as { type?: unknown }).type === "disabled";
}

/**
 * The request parameters the request lints read (docs/rules.md), by the API's names: a thinking
 * request rejects or ignores some of them, and `max_tokens` below a floor starves its answer.
 */
export const LINTED_PARAMS: ReadonlySet<string> = new Set([
  "reasoning_effort",
  "temperature",
  "top_p",
  "presence_penalty",
  "frequency_penalty",
  "max_tokens",
  "max_completion_tokens",
]);

/**
 * Whether writing these flags into a request would get it rejected (400): they turn thinking off
 * while the request sets `reasoning_effort` and no `thinking` of its own. A person decides then.
 * `has`: whether the request already sets a key (by keyword, body key or extra body).
 */
export function thinkingOffConflicts(flags: Readonly<Record<string, JsonValue>>, has: (key: string) => boolean): boolean {
  return isThinkingDisabled(flags.thinking) && !has("thinking") && has("reasoning_effort");
}

/** The OpenAI SDKs' chat-completion request methods: `<client>.chat.completions.<method>({…})`. */
export const CHAT_COMPLETION_METHODS: readonly string[] = ["create", "stream", "parse"];

/**
 * The Vercel AI SDK's generation calls: their options carry `model` and `messages`, while DeepSeek's
 * flags go under `providerOptions.deepseek`.
 */
export const AI_SDK_GENERATION_CALLS: readonly string[] = ["generateText", "streamText", "generateObject", "streamObject"];
