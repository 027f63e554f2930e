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
