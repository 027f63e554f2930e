import type { Position } from "../../core/types.js";

/**
 * The named positions of the config folder's adapters (docs/positions.md): env files, Dockerfiles,
 * YAML, JSON, JSON Lines and TOML. Every slot matcher (slot-matchers.ts) returns one of these.
 */
export const P = {
  comment: {
    id: "config/comment",
    kind: "comment",
    label: "comment",
    summary: "A comment: `#` in YAML, TOML, env files and Dockerfiles, `//` and `/* */` in JSONC.",
    example: "# was deepseek-chat before the migration",
  },
  recordedResponse: {
    id: "config/recorded-response",
    kind: "response",
    label: "recorded response",
    summary: "A value inside a recorded response: an object with `choices` or `usage` (or token counts under another usage key), a completion `object` type, or under a `response` key.",
    example: '{"object": "chat.completion", "model": "deepseek-chat", "choices": […]}',
  },
  recordedRequest: {
    id: "config/recorded-request",
    kind: "response",
    label: "recorded request",
    summary: "A value in the request of a recorded HTTP exchange: a VCR cassette's `interactions[].request`, a HAR entry's `request`, a `request` beside its recorded response in a replay cache.",
    example: 'interactions: [{request: {body: {"model": "deepseek-chat"}}}]',
    reason: "A recorded request is history like its response, and a cassette that matches on the body would stop matching: re-record it instead.",
  },
  key: {
    id: "config/key",
    kind: "key",
    label: "key",
    summary: "A mapping, object or table key that is exactly the ID.",
    example: "prices:\n  deepseek-chat: 0.27",
  },
  keyText: {
    id: "config/key-text",
    kind: "other",
    label: "key text",
    summary: "A key with other text around the ID.",
    example: '"deepseek-chat-prices": {…}',
  },
  envEntryModel: {
    id: "config/env-entry-model",
    kind: "model",
    label: "env entry",
    summary: "The value of a `KEY=value` list item (compose `environment`, build `args`) whose key names a model.",
    example: 'environment: ["CHAT_MODEL=deepseek-chat"]',
  },
  envEntryValue: {
    id: "config/env-entry-value",
    kind: "other",
    label: "env entry",
    summary: "The whole value of a `KEY=value` list item whose key names no model.",
    example: 'environment: ["FALLBACK=deepseek-chat"]',
  },
  envEntryPlaceholder: {
    id: "config/env-entry-placeholder-default",
    kind: "model",
    label: "env placeholder default",
    summary: "The default of a `${NAME:-…}` placeholder that is the whole value of a model-named `KEY=value` list item.",
    example: 'environment: ["CHAT_MODEL=${CHAT_MODEL:-deepseek-chat}"]',
  },
  envEntryList: {
    id: "config/env-entry-list",
    kind: "collection",
    label: "env list",
    summary: "A member of a comma-separated list that is the value of a `KEY=value` list item.",
    example: 'environment: ["EVAL_MODELS=deepseek-chat,deepseek-reasoner"]',
  },
  envEntryText: {
    id: "config/env-entry-text",
    kind: "other",
    label: "env entry",
    summary: "An ID elsewhere in a `KEY=value` list item: in the key, or with other text in the value.",
    example: 'environment: ["NOTE=uses deepseek-chat"]',
  },
  placeholderDefault: {
    id: "config/placeholder-default",
    kind: "model",
    label: "placeholder default",
    summary: "The default of a `${NAME:-…}` or Spring `${NAME:…}` placeholder that is the whole value, where the name or the key names a model.",
    example: "model: ${LLM_MODEL:deepseek-chat}",
  },
  expressionDefault: {
    id: "config/expression-default",
    kind: "model",
    label: "expression default",
    summary: "The quoted default of a GitHub Actions expression that is the whole value, where the looked-up name or the key names a model.",
    example: "model: ${{ inputs.model || 'deepseek-chat' }}",
  },
  envList: {
    id: "config/env-list",
    kind: "collection",
    label: "env list",
    summary: "A member of a comma-separated list in an env-style value (env file, Dockerfile ENV, Kubernetes env `value`).",
    example: "EVAL_MODELS=deepseek-chat,deepseek-reasoner",
  },
  serializedResponse: {
    id: "config/serialized-response",
    kind: "response",
    label: "serialized response",
    summary: "A string value that holds a serialized response (a cassette body, a captured stream chunk).",
    example: 'body: \'{"model": "deepseek-chat", "choices": […]}\'',
  },
  commandLineOption: {
    id: "config/command-line-option",
    kind: "model",
    label: "command-line option",
    summary: "The value of a model option on a command line: in a shell line (`run:`, `command:`, package.json scripts, Dockerfile RUN), `--model=…` as one list item, or the item after `--model`.",
    example: "run: python eval.py --model deepseek-chat",
  },
  text: {
    id: "config/text",
    kind: "other",
    label: "string with other text",
    summary: "A string value with other text around the ID (a prompt, a description, a URL).",
    example: "description: Summaries by deepseek-chat",
  },
  commandLineArgument: {
    id: "config/command-line-argument",
    kind: "other",
    label: "command-line argument",
    summary: "An item of a Dockerfile exec-form command (`CMD [\"…\"]`) that is not a model option's value.",
    example: 'CMD ["serve", "deepseek-chat"]',
  },
  listMember: {
    id: "config/list-member",
    kind: "collection",
    label: "list member",
    summary: "A member of a sequence or array, or a schema `default` bound to its `enum`, or one key's values across sibling list items.",
    example: "models: [deepseek-chat, deepseek-reasoner]",
  },
  modelKeyValue: {
    id: "config/model-key-value",
    kind: "model",
    label: "value of a model key",
    summary: "A value that is exactly the ID under a key path naming a model (`model`, `llm.model_name`, `CHAT_MODEL`, a `{name: …MODEL, value: …}` env entry).",
    example: "llm:\n  model: deepseek-chat",
  },
  aliasedModelValue: {
    id: "config/aliased-model-value",
    kind: "model",
    label: "anchored model value",
    summary: "A YAML anchored value that an alias puts in a model position (`model: *default`).",
    example: "defaults: &chat deepseek-chat\nllm:\n  model: *chat",
  },
  plainValue: {
    id: "config/plain-value",
    kind: "other",
    label: "value",
    summary: "A value that is exactly the ID under a key path that names no model.",
    example: "default_engine: deepseek-chat",
  },
  invalidJsonLine: {
    id: "config/invalid-json-line",
    kind: "other",
    label: "line that is not JSON",
    summary: "A line of a JSON Lines file that does not parse as JSON.",
    example: "{\"model\": \"deepseek-chat\",   (a truncated line)",
  },
} as const satisfies Record<string, Position>;

export type ConfigPosition = (typeof P)[keyof typeof P];

/** The named positions of the config folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = Object.values(P);

/** A site at a named position: its kind comes from the catalog entry. */
export { siteAt as at } from "../shared/positions.js";
