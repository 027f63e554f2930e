import { AI_SDK_GENERATION_CALLS, CHAT_COMPLETION_METHODS } from "../../knowledge/requests.js";

/**
 * Data tables of the TypeScript/JavaScript adapter: which calls are model factories, which are
 * recognized requests, which names read configuration. Kept as data so a new SDK is one line.
 */

/** Callables whose first argument is a model ID (docs/contract.md §4, model position 4), written as dotted callee paths. */
export const MODEL_FACTORY_CALLS: readonly string[] = [
  // @ai-sdk/deepseek
  "deepseek",
  "deepseek.chat",
  "deepseek.languageModel",
  // LangChain JS
  "initChatModel",
];

/**
 * DeepSeek provider packages (docs/hosts-and-sdks.md). A binding imported from one of them, under
 * any local name (`import { deepSeek as ds }`, `import * as x`, `require(…)`), is known by what it is:
 * - `factories`: called with a model ID (`deepSeek("…")`), and so are their PROVIDER_METHODS
 *   (`deepSeek.chat("…")`);
 * - `instanceFactories`: called with options, they return such a factory (`const ds = createDeepSeek({…}); ds("…")`);
 * - `classes`: constructed with an options object whose `keys` carry the model ID.
 * Only packages specific to DeepSeek: a generic OpenAI-compatible package (`@ai-sdk/openai-compatible`)
 * serves any host.
 */
export interface ProviderPackage {
  package: string;
  factories?: readonly string[];
  instanceFactories?: readonly string[];
  classes?: readonly { name: string; keys: readonly string[] }[];
}

export const PROVIDER_PACKAGES: readonly ProviderPackage[] = [
  // Vercel AI SDK: `deepseek` is the deprecated alias of `deepSeek`.
  { package: "@ai-sdk/deepseek", factories: ["deepSeek", "deepseek"], instanceFactories: ["createDeepSeek"] },
  // LangChain JS
  { package: "@langchain/deepseek", classes: [{ name: "ChatDeepSeek", keys: ["model", "modelName"] }] },
  // LlamaIndex.TS
  { package: "@llamaindex/deepseek", classes: [{ name: "DeepSeekLLM", keys: ["model"] }] },
  // AIGNE framework
  { package: "@aigne/deepseek", classes: [{ name: "DeepSeekChatModel", keys: ["model"] }] },
];

/**
 * Calls that create a provider callable like `deepseek` (`const ds = createDeepSeek({…})`); the
 * provider is then a factory itself (`ds("…")`) and so are these methods of it (`ds.chat("…")`).
 */
export const PROVIDER_FACTORIES: readonly string[] = [
  // @ai-sdk/deepseek
  "createDeepSeek",
  // @ai-sdk/openai and @ai-sdk/openai-compatible pointed at DeepSeek's base URL (another host's
  // base URL makes the file's IDs third-party: never safe).
  "createOpenAI",
  "createOpenAICompatible",
];
export const PROVIDER_METHODS: readonly string[] = ["chat", "languageModel", "chatModel", "completion", "completionModel"];

/** Builder methods and setters whose first argument is a model ID: `.model("…")`, `.withModel("…")`, `setModel("…")`. */
export const MODEL_BUILDER = /^(?:set|with|use)?model(?:name|id)?$/i;

/** Getters whose second argument is the default of an environment lookup, whatever the name: `env("X", "…")`. */
export const ENV_GETTERS: readonly string[] = ["env", "getEnv", "getenv", "readEnv", "envOr"];

/** Getters whose second argument is a default, when the key (first argument) names a model: `config.get("model", "…")`. */
export const CONFIG_GETTERS: readonly string[] = ["get", "getString", "getOrDefault", "getOr", "getOrElse", "option", "getOption", "getConfig", "setting"];

/** Methods whose receiver or argument is tested against a value (membership, comparison). */
export const MEMBERSHIP_METHODS: readonly string[] = ["includes", "has", "indexOf", "lastIndexOf", "startsWith", "endsWith"];

/** Methods whose first argument is a key of a map or object. */
export const KEY_METHODS: readonly string[] = ["get", "set", "delete", "hasOwnProperty", "hasOwn"];

/** Zod-style chain methods whose argument is the default value of the schema they end. */
export const DEFAULT_METHODS: readonly string[] = ["default", "catch"];

export type Endpoint = "chat" | "fim";

/** Recognized SDK calls (docs/contract.md §5), by the last segments of the callee: `<x>.chat.completions.create({...})`. */
export const REQUEST_CALLS: readonly { path: readonly string[]; endpoint: Endpoint }[] = [
  ...[...CHAT_COMPLETION_METHODS, "runTools"].map((m) => ({ path: ["chat", "completions", m], endpoint: "chat" as const })),
  // The fill-in-the-middle endpoint (checked after the chat paths: `chat.completions.create` ends the same way).
  { path: ["completions", "create"], endpoint: "fim" },
];

/**
 * Calls whose options object has `model` and `messages` but is not a request body: the Vercel AI
 * SDK's functions take provider options elsewhere, so raw-body flags would be wrong there (and
 * `reasoning_effort` fails their type-check). Their model values stay model positions (manual).
 */
export const NOT_REQUEST_CALLS: readonly string[] = [...AI_SDK_GENERATION_CALLS, "embed", "embedMany"];

/**
 * Request parameters the `openai` package's TypeScript types declare, with the values they accept
 * (undefined: any value). Flags not listed here are written inside an object spread in TypeScript,
 * which the compiler's excess-property check does not look into.
 */
export const SDK_KNOWN_PARAMS: Record<Endpoint, Record<string, readonly string[] | undefined>> = {
  chat: { reasoning_effort: ["none", "minimal", "low", "medium", "high", "xhigh"] },
  fim: {},
};

/** Largest text the adapter parses; bigger files (bundles) are matched lexically. */
export const MAX_PARSE_CHARS = 2_000_000;

/**
 * Words one of which every node the request lints collect holds (typescript/lints.ts): a request
 * call names `completions` (`<x>.chat.completions.create`) or an AI SDK call, a raw body has a
 * `model` key, an appended message is `push`ed. (An escape can spell any of them: the offsets
 * taken from the text add every backslash.) A linted file's skeleton keeps the bodies that hold one.
 */
export const LINT_WORDS: readonly string[] = ["completions", "model", "push", ...AI_SDK_GENERATION_CALLS];
