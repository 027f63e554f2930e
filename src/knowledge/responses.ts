/**
 * What a recorded response looks like (docs/contract.md §4): an object with `choices` or `usage`, or
 * whose `object` names a completion type. A legacy ID inside one is history, never renamed. The one
 * source every adapter reads (objects in code, config values, strings holding JSON, captures in text).
 */

/** Keys whose presence makes an object a recorded response rather than a request. */
export const RESPONSE_KEYS: readonly string[] = ["choices", "usage"];

/** The `object` type of a completion response or stream chunk: `chat.completion`, `chat.completion.chunk`, `text_completion`. */
export const RESPONSE_OBJECT_TYPE = /^(?:chat\.completion|text_completion)/;

export function isResponseObjectType(value: unknown): boolean {
  return typeof value === "string" && RESPONSE_OBJECT_TYPE.test(value);
}

/**
 * An object, by its keys and their values, that is a recorded response. A value that is itself a
 * Map is a nested object's keys (see `Shape`): a usage record under another usage key
 * (`usage_info: {prompt_tokens, completion_tokens}`) makes a response like `usage` does.
 */
export function isResponseObject(keys: Map<string, unknown>): boolean {
  if (RESPONSE_KEYS.some((k) => keys.has(k)) || isResponseObjectType(keys.get("object"))) return true;
  return holdsUsageRecord(keys);
}

/**
 * An object's keys, with the keys of its object values nested as Maps a few levels down (scalars
 * as their value, anything else `true`): what the config walkers hand to `isResponseObject` and
 * `isRecordedExchange`.
 */
export type Shape = Map<string, unknown>;

/** Token counts a response reports; an object with two of them is its usage record. */
const TOKEN_COUNT_KEYS = ["prompt_tokens", "completion_tokens", "total_tokens", "input_tokens", "output_tokens"];

/** A usage key (`usage`, `usage_info`, `token_usage`) holding token counts: a measured answer, so a recorded one. */
function holdsUsageRecord(keys: Shape): boolean {
  for (const [k, v] of keys) if (/usage/i.test(k) && v instanceof Map && TOKEN_COUNT_KEYS.filter((t) => v.has(t)).length >= 2) return true;
  return false;
}

/**
 * A recorded exchange: an object with a request side (`request`, `input`) and beside it an answer
 * (`response`, `output`, `result`) that reports its token usage, so was recorded from a real call:
 * the shape of a request/response cache a test suite replays
 * (`- {input: {request: …}, output: {…, usage_info: {prompt_tokens: …}}}`). Its request is history
 * like its response: the cache is looked up by the request the code sends, so renaming the recorded
 * one makes the lookup miss. A hand-written case (`{input: …, output: {choices: []}}`) is not one.
 */
export function isRecordedExchange(keys: Shape): boolean {
  if (![...keys.keys()].some((k) => /^(?:requests?|inputs?)$/i.test(k))) return false;
  for (const [k, v] of keys) if (/^(?:responses?|outputs?|results?)$/i.test(k) && v instanceof Map && holdsUsageRecord(v)) return true;
  return false;
}

/** A key path segment under which recorded HTTP exchanges keep responses (VCR cassettes, HAR). */
export function isResponseSegment(seg: string): boolean {
  return /^responses?$/i.test(seg);
}

/**
 * A string that holds a serialized response (a cassette body, a captured stream chunk): a quoted
 * `"choices":` key, the quoted object type `"chat.completion"` / `"chat.completion.chunk"`, or a
 * Responses API response or stream event.
 * Not `chat.completions.create(…)` in code or prose: the type must end in a quote.
 */
export function looksLikeSerializedResponse(s: string): boolean {
  // Raw source text: a JSON string inside JSON has its quotes escaped.
  return /\\?"choices\\?"\s*:|\bchat\.completion(?:\.chunk)?\\?["']/.test(s) || RESPONSES_API.test(s);
}

/**
 * The Responses API's response and stream events: `"object":"response"`, `"type":"response.created"`
 * (`response.completed`, `response.output_text.delta`, …), quotes escaped or not.
 */
const RESPONSES_API = /\\?"object\\?"\s*:\s*\\?"response\\?"|\\?"type\\?"\s*:\s*\\?"response\.[a-z_.]+\\?"/;

/** Source text that writes a response's keys (`"choices": [`, `usage =>`, `choices=`) or its object type. */
export const RESPONSE_KEYS_IN_SOURCE = /["']?\b(?:choices|usage)\b["']?\s*(?::|=>|=)|chat\.completion/;

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
