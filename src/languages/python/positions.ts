import type { Position, PositionKind, Site } from "../../core/types.js";
import { COMPARISON_METHODS, KEY_LOOKUPS } from "./tables.js";

/**
 * The named positions of the python folder's adapters (docs/positions.md). Matchers return a
 * position ID with `at(ID, …)`; the site's kind comes from here, so an ID and its kind never drift.
 * A label is a group member's role in the other members' reports (src/rules/groups.ts), kept as
 * the adapter's old description of the position.
 */

const LIST: Position[] = [];

function def(p: Position): string {
  LIST.push(p);
  return p.id;
}

// Text around a string literal: comments, docstrings, strings that are not one whole value.
export const COMMENT = def({
  id: "python/comment",
  kind: "comment",
  label: "comment",
  summary: "A `#` comment.",
  example: '# was deepseek-chat until 2026',
});
export const NOT_A_STRING = def({
  id: "python/not-a-string",
  kind: "other",
  label: "not in a string literal",
  summary: "Outside any string literal or comment: an identifier, a number, a bytes pattern.",
  example: "deepseek_chat = load()  (a match in code, not in a string)",
});
export const SERIALIZED_RESPONSE = def({
  id: "python/serialized-response",
  kind: "response",
  label: "serialized response",
  summary: "A string holding a serialized response: a cassette body, a captured stream chunk.",
  example: `'data: {"object": "chat.completion.chunk", "model": "deepseek-chat"}'`,
});
export const DOCSTRING = def({
  id: "python/docstring",
  kind: "comment",
  label: "docstring",
  summary: "A string that is a statement of its own: a docstring.",
  example: '"""Answers with deepseek-chat."""',
});
export const CONCATENATED_STRING = def({
  id: "python/concatenated-string",
  kind: "other",
  label: "implicitly concatenated string",
  summary: "One part of implicitly concatenated strings: the value is their join.",
  example: '"deepseek-" "chat"  or  "deepseek-chat" "-v2"',
});
export const F_STRING = def({
  id: "python/f-string",
  kind: "other",
  label: "f-string",
  summary: "Inside an f-string or t-string.",
  example: 'f"{provider}/deepseek-chat"',
});
export const OPTION_WITH_VALUE = def({
  id: "python/option-with-value",
  kind: "model",
  label: "command-line option",
  summary: "The value of a model option written in one string.",
  example: '["aider", "--model=deepseek-chat"]',
});
export const STRING_WITH_OTHER_TEXT = def({
  id: "python/string-with-other-text",
  kind: "other",
  label: "string with other text",
  summary: "A string with other text around the ID: a prompt, a log line, a URL.",
  example: 'print("using deepseek-chat")',
});

// Whole values: the expression the string is (through parentheses, conditionals and `or`).
export const OTHER_VALUE = def({
  id: "python/other-value",
  kind: "other",
  label: "value",
  summary: "A whole string value in no recognised position: an operand, an element of an f-string call, a subscripted string.",
  example: 'log("deepseek-chat")[0]',
});
export const CASE_PATTERN = def({
  id: "python/case-pattern",
  kind: "comparison",
  label: "case pattern",
  summary: "A literal pattern of a `match` statement's case.",
  example: 'case "deepseek-chat":',
});
export const ENV_DEFAULT = def({
  id: "python/env-default",
  kind: "model",
  label: "environment lookup default",
  summary: "The default of an environment lookup, whatever the variable is called: the second argument, `default=`, or an `or` after the lookup.",
  example: 'os.getenv("LLM", "deepseek-chat")  or  os.environ.get("LLM") or "deepseek-chat"',
});
export const CONFIG_DEFAULT = def({
  id: "python/config-default",
  kind: "model",
  label: "config lookup default",
  summary: "The default of a config lookup whose key names a model.",
  example: 'config.get("model", "deepseek-chat")  or  getattr(settings, "MODEL", "deepseek-chat")',
});
export const COMPARISON = def({
  id: "python/comparison",
  kind: "comparison",
  label: "comparison",
  summary: "An operand of a comparison: `==`, `!=`, `in`, `is`.",
  example: 'if model == "deepseek-chat":',
});
export const KEYWORD_ARGUMENT = def({
  id: "python/keyword-argument",
  kind: "other",
  label: "keyword argument",
  summary: "A keyword argument whose name does not name a model, of a call that is not a known factory.",
  example: 'render(template="deepseek-chat")',
});
export const KEYWORD_MODEL = def({
  id: "python/keyword-model",
  kind: "model",
  label: "keyword model=",
  summary: "A keyword argument whose name names a model: `model=`, `model_name=`, `llm_model=`; a request's gets its thinking flags.",
  example: 'client.chat.completions.create(model="deepseek-chat", messages=msgs)',
});
export const FACTORY_KEYWORD = def({
  id: "python/factory-keyword",
  kind: "model",
  label: "model factory keyword",
  summary: "The model keyword of a known model factory (python/tables.ts FACTORIES), whatever it is called.",
  example: 'OpenAIChatModel(model_name="deepseek-chat")',
});
export const PROVIDER_EXPORT_KEYWORD = def({
  id: "python/provider-export-keyword",
  kind: "model",
  label: "DeepSeek provider keyword",
  summary: "The model keyword of a DeepSeek provider class imported in the file (`id=` for Agno).",
  example: 'from agno.models.deepseek import DeepSeek … DeepSeek(id="deepseek-chat")',
});
export const FACTORY_ARGUMENT = def({
  id: "python/factory-argument",
  kind: "model",
  label: "model factory argument",
  summary: "The model argument of a known model factory (LangChain `init_chat_model`, DSPy `LM`, LiteLLM `completion`…) or of a DeepSeek provider class imported in the file.",
  example: 'init_chat_model("deepseek-chat")',
});
export const MODEL_METHOD_ARGUMENT = def({
  id: "python/model-method-argument",
  kind: "model",
  label: "model method argument",
  summary: "The first argument of a method whose name names a model.",
  example: 'agent.set_model("deepseek-chat")',
});
export const CALL_ARGUMENT = def({
  id: "python/call-argument",
  kind: "other",
  label: "call argument",
  summary: "Any other argument of a call.",
  example: 'print("deepseek-chat")',
});
export const ENUM_MEMBER = def({
  id: "python/enum-member",
  kind: "collection",
  label: "enum member",
  summary: "The value of a member of an `Enum` class: safe when the class or member name names a model and no value repeats after the rename.",
  example: 'class Model(str, Enum):\n    CHAT = "deepseek-chat"',
});
export const ASSIGNMENT = def({
  id: "python/assignment",
  kind: "other",
  label: "assignment",
  summary: "Assigned to a name that does not name a model and is never used as one in the file.",
  example: 'greeting = "deepseek-chat"',
});
export const MODEL_ASSIGNMENT = def({
  id: "python/model-assignment",
  kind: "model",
  label: "model assignment",
  summary: "Assigned to a name that names a model, or that the file passes as a model (same-file flow: the requests it feeds get their flags).",
  example: 'MODEL = "deepseek-chat"  or  m = "deepseek-chat"; create(model=m, …)',
});
export const RELABEL_ASSIGNMENT = def({
  id: "python/relabel-assignment",
  kind: "other",
  label: "relabelling assignment",
  summary:
    "Assigned to a model-named name that is bound elsewhere too and compared with a string or used as a key, and that no request uses: it relabels a value from elsewhere (often recorded data), so the rename changes what the data is grouped or looked up by.",
  example: 'if name == "deepseek-coder":\n    name = "deepseek-chat"\nstats[name] += tokens',
});
export const DICT_KEY = def({
  id: "python/dict-key",
  kind: "key",
  label: "dict key",
  summary: "A key of a dict display.",
  example: 'PRICES = {"deepseek-chat": 0.27}',
});
export const RECORDED_RESPONSE = def({
  id: "python/recorded-response",
  kind: "response",
  label: "recorded response",
  summary: "A value in a dict that is a recorded response (`choices`, `usage`, or `object: chat.completion…`).",
  example: '{"object": "chat.completion", "model": "deepseek-chat", "choices": []}',
});
export const DICT_VALUE = def({
  id: "python/dict-value",
  kind: "other",
  label: "dict value",
  summary: "A dict value where no key on its path, nor the name the dict is bound to, names a model.",
  example: '{"greeting": "deepseek-chat"}',
});
export const MODEL_DESCRIPTOR = def({
  id: "python/model-descriptor",
  kind: "other",
  label: "ID of a model entry",
  summary: "The `id` or `name` of a dict that describes a model for people (it has a display name or label) under a model-named key path: it mirrors an entry of a catalogue, not a request's model.",
  example: 'CURRENT_MODEL = {"id": "deepseek-chat", "display_name": "DeepSeek V3"}',
});
export const MODEL_DICT_VALUE = def({
  id: "python/model-dict-value",
  kind: "model",
  label: "model dict value",
  summary: "A dict value under a model-named key path (`{\"llm\": {\"model\": …}}`, `MODELS = {\"fast\": …}`); a request body's `model` gets its flags.",
  example: 'requests.post(url, json={"model": "deepseek-chat", "messages": msgs})',
});
export const PARAMETER_DEFAULT = def({
  id: "python/parameter-default",
  kind: "other",
  label: "parameter default",
  summary: "The default of a parameter whose name does not name a model.",
  example: 'def ask(q, engine="deepseek-chat"):',
});
export const MODEL_PARAMETER_DEFAULT = def({
  id: "python/model-parameter-default",
  kind: "model",
  label: "model parameter default",
  summary: "The default of a parameter whose name names a model.",
  example: 'def ask(q, model="deepseek-chat"):',
});
export const RETURN_VALUE = def({
  id: "python/return-value",
  kind: "other",
  label: "return value",
  summary: "Returned by a function whose name does not name a model.",
  example: 'def name(): return "deepseek-chat"',
});
export const MODEL_RETURN_VALUE = def({
  id: "python/model-return-value",
  kind: "model",
  label: "model return value",
  summary: "Returned by a function whose name names a model.",
  example: 'def default_model(): return "deepseek-chat"',
});
export const OPTION_ARGUMENT = def({
  id: "python/option-argument",
  kind: "model",
  label: "command-line option",
  summary: "The list item after a model option on a command line.",
  example: 'subprocess.run(["aider", "--model", "deepseek-chat"])',
});
export const COMMAND_LINE_ARGUMENT = def({
  id: "python/command-line-argument",
  kind: "other",
  label: "command-line argument",
  summary: "An item of a list that holds options (a command line), not after a model option.",
  example: '["tool", "--verbose", "deepseek-chat"]',
});
export const MEMBERSHIP_TEST = def({
  id: "python/membership-test",
  kind: "comparison",
  label: "membership test",
  summary: "A member of a collection that a membership test looks in inline: `in (…)`, `.startswith((…))`.",
  example: 'if model in ("deepseek-chat", "deepseek-reasoner"):',
});
export const MEMBERSHIP_COLLECTION = def({
  id: "python/membership-collection",
  kind: "comparison",
  label: "member of a collection used in a membership test",
  summary: "A member of a collection bound to a name that the file tests membership in.",
  example: 'REASONING = {"deepseek-reasoner"} … if model in REASONING:',
});
export const COLLECTION_MEMBER = def({
  id: "python/collection-member",
  kind: "collection",
  label: "collection",
  summary: "A member of a list, tuple or set: safe under a model-named name when no member repeats after the rename.",
  example: 'MODELS = ["deepseek-chat", "gpt-4o"]',
});
export const LITERAL_MEMBER = def({
  id: "python/literal-member",
  kind: "collection",
  label: "collection",
  summary: "A member of a `Literal[…]` type.",
  example: 'ModelName = Literal["deepseek-chat", "deepseek-reasoner"]',
});
export const SUBSCRIPT_KEY = def({
  id: "python/subscript-key",
  kind: "key",
  label: "subscript key",
  summary: "A subscript: the key a mapping is read or written by.",
  example: 'PRICES["deepseek-chat"]',
});
export const TYPE_ANNOTATION = def({
  id: "python/type-annotation",
  kind: "other",
  label: "type annotation",
  summary: "In a type annotation other than a `Literal[…]`.",
  example: 'x: "deepseek-chat"',
});
export const CATEGORY_COLLISION = def({
  id: "python/colliding-category",
  kind: "collection",
  label: "ID filed under two keys",
  summary:
    "A member of a list that is one value of a dict of lists, where the rename would put the same model under two keys (`{\"chat\": [\"deepseek-chat\"], \"reasoner\": [\"deepseek-reasoner\"]}`): a table that files each ID under one category, often the samples a test checks a parser against.",
  example: '{"chat": ["deepseek-chat", "deepseek-chat-beta"], "reasoner": ["deepseek-reasoner"]}',
});
export const CONSTANT_COLLISION = def({
  id: "python/colliding-constant",
  kind: "other",
  label: "constant told apart",
  summary:
    "The value of a model-named constant that the rename would make equal to another constant of the file, where the file uses the names as dict keys or in comparisons (a dict that keeps one entry, a branch never taken).",
  example: 'CHAT_MODEL = "deepseek-chat"\nREASONER_MODEL = "deepseek-reasoner"\nLIMITS = {CHAT_MODEL: 128000, REASONER_MODEL: 65536}',
});
export const ENTRY_COLLISION = def({
  id: "python/colliding-entry",
  kind: "collection",
  label: "colliding list entry",
  summary:
    'A model value in one entry of a list of dicts or calls, or the model argument of one of the module-level calls of a model-named callee (a catalogue: `x = ModelInfo("…", …)`), where the rename makes two entries name the same model.',
  example: '[{"id": "deepseek-chat"}, {"id": "deepseek-reasoner"}]',
});

/** `x.startswith("…")`, `x.__eq__("…")`: one position per method, labelled as the method. */
export const METHOD_COMPARISONS: ReadonlyMap<string, string> = new Map(
  [...COMPARISON_METHODS].map((m) => [
    m,
    def({
      id: `python/${slug(m)}-argument`,
      kind: "comparison",
      label: `.${m}()`,
      summary: `The argument of \`.${m}()\`: compared against the value.`,
      example: `model.${m}("deepseek-reasoner")`,
    }),
  ]),
);

/** `PRICES.get("…")`: one position per lookup method, labelled as the method. */
export const METHOD_KEYS: ReadonlyMap<string, string> = new Map(
  [...KEY_LOOKUPS].map((m) => [
    m,
    def({
      id: `python/${slug(m)}-key`,
      kind: "key",
      label: `.${m}() key`,
      summary: `The first argument of \`.${m}()\` on a mapping: the key it looks up.`,
      example: `PRICES.${m}("deepseek-chat")`,
    }),
  ]),
);

/**
 * A value typed by a same-file `Literal[…]` whose matching member is a collection member (as Literal
 * members are, unless a membership test looks in them): it takes the member's kind. A member in
 * any other position lends the value its own position.
 */
export const LITERAL_TYPED = def({
  id: "python/literal-typed",
  kind: "collection",
  label: "typed by a Literal",
  summary: "A value whose annotation is a same-file Literal: it takes the matching member's position kind.",
  example: 'ModelName = Literal["deepseek-chat", "deepseek-reasoner"] … MODEL: ModelName = "deepseek-chat"',
  reason: "Renamed only together with the Literal member, so the file still type-checks.",
});

function slug(method: string): string {
  return method.replace(/^_+|_+$/g, "").replace(/_/g, "-").toLowerCase();
}

export const POSITIONS: readonly Position[] = LIST;

const KIND = new Map(LIST.map((p) => [p.id, p.kind]));

/** What a matcher says about a match: its position (the kind comes from the catalog) and extras. */
export type Placed = Omit<Site, "idStart">;

/** A site in the catalogued position `id`. */
export function at(id: string, extras: Omit<Placed, "kind" | "position"> = {}): Placed {
  const kind = KIND.get(id);
  if (kind === undefined) throw new Error(`unknown position ${id}`);
  return { kind, position: id, ...extras };
}

/** The kind of a catalogued position. */
export function kindOf(id: string): PositionKind | undefined {
  return KIND.get(id);
}
