import type { JsonValue } from "../../core/types.js";
import { FIM_FLAGS } from "../../knowledge/requests.js";

/**
 * Python knowledge kept as data (docs/contract.md §4 model position 4, §5): which calls are
 * requests the tool can edit, which calls are model factories, which calls are environment or
 * config lookups. Callee patterns are tested against the callee's source text with whitespace
 * removed, e.g. `client.chat.completions.create` or `self._client.chat.completions.stream`.
 */

export interface RequestKind {
  name: string;
  callee: RegExp;
  /** Keyword arguments that carry the model. */
  modelKeywords: string[];
  /**
   * Flags written for this endpoint instead of the rule's values, for the keys the rule sets:
   * the fill-in-the-middle endpoint works only without thinking.
   */
  fixedFlags?: Record<string, JsonValue>;
  /**
   * The modules the callee's name may be imported from (or its head, for `mod.Class`): a name the
   * file imports from any other module, or defines as a class, is another library's class of the
   * same name, whose keywords are unknown (browser-use's own `ChatOpenAI` and `ChatDeepSeek` are
   * dataclasses without `extra_body`). A name the file does not bind keeps the request.
   */
  modules?: RegExp;
}

const SDK_WRAPPERS = String.raw`(?:with_raw_response\.|with_streaming_response\.)?`;

export const REQUEST_KINDS: RequestKind[] = [
  {
    name: "OpenAI SDK chat completion",
    callee: new RegExp(String.raw`(?:^|\.)chat\.completions\.${SDK_WRAPPERS}(?:create|stream|parse)$`),
    modelKeywords: ["model"],
  },
  {
    name: "OpenAI SDK completion (fill in the middle)",
    callee: new RegExp(String.raw`(?:^|\.)(?<!chat\.)completions\.${SDK_WRAPPERS}create$`),
    modelKeywords: ["model"],
    fixedFlags: FIM_FLAGS,
  },
  {
    name: "LangChain chat model",
    callee: /(?:^|\.)(?:ChatOpenAI|ChatDeepSeek)$/,
    modelKeywords: ["model", "model_name"],
    modules: /^langchain(?:[._]|$)/,
  },
];

/**
 * Request parameters the OpenAI Python SDK and LangChain's chat models take as keyword arguments.
 * A flag named here is written as `name=value`; every other flag goes into `extra_body={...}`.
 */
export const SDK_KEYWORD_FLAGS = new Set<string>(["reasoning_effort"]);

/** Known model factories: the positional argument at `arg`, or the keyword `keyword`, is a model ID. */
export interface Factory {
  name: string;
  callee: RegExp;
  arg?: number;
  keyword?: string;
}

export const FACTORIES: Factory[] = [
  { name: "LangChain init_chat_model", callee: /(?:^|\.)init_chat_model$/, arg: 0, keyword: "model" },
  { name: "DSPy LM", callee: /(?:^|\.)(?:dspy\.)?LM$/, arg: 0, keyword: "model" },
  { name: "pydantic-ai Agent", callee: /(?:^|\.)Agent$/, arg: 0, keyword: "model" },
  { name: "pydantic-ai OpenAIChatModel", callee: /(?:^|\.)(?:OpenAIChatModel|OpenAIModel|OpenAIResponsesModel)$/, arg: 0, keyword: "model_name" },
  { name: "LlamaIndex DeepSeek", callee: /(?:^|\.)DeepSeek$/, keyword: "model" },
  { name: "CrewAI LLM", callee: /(?:^|\.)LLM$/, arg: 0, keyword: "model" },
  { name: "LiteLLM completion", callee: /(?:^|\.)(?:litellm\.)?a?completion$/, arg: 0, keyword: "model" },
];

/**
 * DeepSeek provider packages (docs/hosts-and-sdks.md): a binding imported from `module` as `name`,
 * under any local name (`from m import N as X`, `import m as x` … `x.N(…)`), is called with a model ID
 * as its positional argument `arg` or its keyword in `keywords`. `request`: the REQUEST_KINDS entry
 * its calls are (thinking flags), when they are requests the tool can edit. Only packages specific
 * to DeepSeek.
 */
export interface ProviderExport {
  package: string;
  module: string;
  name: string;
  arg?: number;
  keywords: string[];
  request?: string;
}

export const PROVIDER_EXPORTS: ProviderExport[] = [
  { package: "langchain-deepseek", module: "langchain_deepseek", name: "ChatDeepSeek", keywords: ["model", "model_name"], request: "LangChain chat model" },
  { package: "langchain-deepseek", module: "langchain_deepseek.chat_models", name: "ChatDeepSeek", keywords: ["model", "model_name"], request: "LangChain chat model" },
  { package: "llama-index-llms-deepseek", module: "llama_index.llms.deepseek", name: "DeepSeek", keywords: ["model"] },
  // Agno (formerly phidata) names the model `id`.
  { package: "agno", module: "agno.models.deepseek", name: "DeepSeek", keywords: ["id"] },
  { package: "phidata", module: "phi.model.deepseek", name: "DeepSeekChat", keywords: ["id"] },
];

/**
 * Environment lookups: the default (second positional argument, or `default=`) is a model position
 * (docs/contract.md §4, model position 3) whatever the variable is called.
 */
export const ENV_LOOKUPS: RegExp[] = [/(?:^|\.)getenv$/, /(?:^|\.)environ\.(?:get|setdefault|pop)$/];

/**
 * Config lookups: `config.get("model", "…")`, `getattr(settings, "MODEL", "…")`,
 * `parser.get("llm", "model", fallback="…")`: the default is a model position when an earlier
 * string argument names a model.
 */
export const CONFIG_GETTERS = new Set<string>(["get", "getattr", "setdefault", "pop", "get_str", "str", "getenv"]);

/** Keyword names that carry a lookup's default. */
export const DEFAULT_KEYWORDS = new Set<string>(["default", "fallback"]);

/** Methods whose string argument is compared against a value: `model.startswith("…")`. */
export const COMPARISON_METHODS = new Set<string>(["startswith", "endswith", "__eq__", "__ne__"]);

/** Methods whose first argument is a key of a mapping: `PRICES.get("…")`. */
export const KEY_LOOKUPS = new Set<string>(["get", "pop", "setdefault"]);

/**
 * Calls that wrap a collection without changing its members: `set([...])`, `frozenset(LIST)`.
 * A membership test on the wrapped collection tests the wrapped one.
 */
export const COLLECTION_WRAPPERS = /^(?:builtins\.)?(?:set|frozenset|tuple|list|sorted)$/;

/** Methods of a collection that test a value for membership: `MODELS.__contains__(model)`, `MODELS.index(model)`. */
export const MEMBERSHIP_METHODS = new Set<string>(["__contains__", "index", "count"]);

/** Typing constructs whose parameters are the admitted types: `Optional[X]`, `Union[X, Y]`, `Final[X]`. */
export const LITERAL_WRAPPERS = new Set<string>(["Optional", "Union", "Final", "ClassVar", "Required", "NotRequired", "ReadOnly", "TypeAliasType"]);

/** Types that admit any string: a Literal next to them does not constrain a value. */
export const OPEN_TYPES = new Set<string>(["str", "Any", "object", "LiteralString", "AnyStr"]);



/** An argv item that is an option: a list holding one is a command line, not a collection of IDs. */
export const OPTION_ITEM = /^--?[A-Za-z]/;
