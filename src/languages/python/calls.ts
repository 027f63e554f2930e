import type { Node } from "web-tree-sitter";
import { MODEL_NAME } from "../../knowledge/naming.js";
import type { ValueContext, ValueMatcher } from "./context.js";
import type { PyFile } from "./file.js";
import { callFlags, manualIfFlags } from "./flags.js";
import { calleeText, callOfKeyword, lastSegment, positional, same, stringValue } from "./nodes.js";
import * as P from "./positions.js";
import { at, type Placed } from "./positions.js";
import {
  CONFIG_GETTERS,
  COMPARISON_METHODS,
  DEFAULT_KEYWORDS,
  ENV_LOOKUPS,
  FACTORIES,
  KEY_LOOKUPS,
  REQUEST_KINDS,
  type ProviderExport,
  type RequestKind,
} from "./tables.js";

/** Values passed to calls: keyword and positional arguments, lookup defaults, factories, requests. */

/**
 * The request a callee makes, when the tool can write its flags (python/tables.ts REQUEST_KINDS):
 * none when the file binds the callee's name (its head, for `mod.Class`) from a module the kind
 * does not come from.
 */
export function requestKind(callee: string, f: PyFile): RequestKind | undefined {
  const r = REQUEST_KINDS.find((k) => k.callee.test(callee));
  if (!r?.modules) return r;
  const sources = f.bindingSources(callee.split(".")[0]!);
  return sources.every((m) => r.modules!.test(m)) ? r : undefined;
}

function isEnvLookup(callee: string): boolean {
  return ENV_LOOKUPS.some((re) => re.test(callee));
}

/** Some string argument names a model: `config.get("model", …)`. */
function namesModel(args: Node[]): boolean {
  return args.some((a) => MODEL_NAME.test(stringValue(a) ?? ""));
}

/** `os.environ.get("LLM") or "deepseek-chat"`: found while climbing to the value. */
export const orDefault: ValueMatcher = ({ envDefault }) => (envDefault ? at(P.ENV_DEFAULT) : undefined);

/** A keyword argument, with its call when it has one. */
interface Keyword {
  c: ValueContext;
  name: string;
  call: Node | undefined;
  callee: string;
}

/** `os.getenv("LLM", default="…")`, `parser.get("llm", "model", fallback="…")`. */
function lookupDefault({ name, call, callee }: Keyword): Placed | undefined {
  if (!call || !DEFAULT_KEYWORDS.has(name)) return undefined;
  if (isEnvLookup(callee)) return at(P.ENV_DEFAULT);
  if (CONFIG_GETTERS.has(lastSegment(callee)) && namesModel(positional(call))) return at(P.CONFIG_DEFAULT);
  return undefined;
}

/** `model=…`, a factory's model keyword, a DeepSeek provider's; a request's gets its thinking flags. */
function modelKeyword({ c, name, call, callee }: Keyword): Placed {
  const factory = call && FACTORIES.find((f) => f.keyword === name && f.callee.test(callee));
  const imported = call ? c.f.importedExport(callee) : undefined;
  const byImport = imported?.keywords.includes(name) ? imported : undefined;
  if (!MODEL_NAME.test(name) && !factory && !byImport) return at(P.KEYWORD_ARGUMENT);
  const site = at(byImport ? P.PROVIDER_EXPORT_KEYWORD : factory ? P.FACTORY_KEYWORD : P.KEYWORD_MODEL);
  const req = call && (requestKind(callee, c.f) ?? exportRequest(imported));
  if (call && req && req.modelKeywords.includes(name)) site.flags = c.conditional ? manualIfFlags(c.rule) : callFlags(c.f, call, req, c.rule, c.quote);
  return site;
}

function exportRequest(e: ProviderExport | undefined): RequestKind | undefined {
  return e?.request ? REQUEST_KINDS.find((r) => r.name === e.request) : undefined;
}

/** The value of a keyword argument. */
export const keywordArgument: ValueMatcher = (c) => {
  const { A, j, node, p } = c;
  if (p?.type !== "keyword_argument") return undefined;
  if (!same(p.childForFieldName("value"), node)) return at(P.OTHER_VALUE);
  const call = callOfKeyword(A, j + 1);
  const k: Keyword = { c, name: p.childForFieldName("name")?.text ?? "", call, callee: call ? calleeText(call) : "" };
  return lookupDefault(k) ?? modelKeyword(k);
};

/** A positional argument of a call. */
interface Argument {
  c: ValueContext;
  call: Node;
  callee: string;
  method: string;
  args: Node[];
  index: number;
  env: boolean;
}

type ArgumentMatcher = (a: Argument) => Placed | undefined;

/** The positional-argument matchers, in precedence order. */
const ARGUMENT_MATCHERS: ArgumentMatcher[] = [
  // `model.startswith("deepseek-reasoner")`
  ({ method }) => (COMPARISON_METHODS.has(method) ? at(P.METHOD_COMPARISONS.get(method)!) : undefined),
  // `os.getenv("LLM", "deepseek-chat")`
  ({ index, env }) => (index >= 1 && env ? at(P.ENV_DEFAULT) : undefined),
  // `PRICES.get("deepseek-chat")`
  ({ index, env, method }) => (index === 0 && !env && KEY_LOOKUPS.has(method) ? at(P.METHOD_KEYS.get(method)!) : undefined),
  // `getattr(settings, "MODEL", "deepseek-chat")`
  ({ index, method, args }) => (index >= 1 && CONFIG_GETTERS.has(method) && namesModel(args.slice(0, index)) ? at(P.CONFIG_DEFAULT) : undefined),
  // `init_chat_model("deepseek-chat")`
  ({ index, callee }) => (FACTORIES.some((f) => f.arg === index && f.callee.test(callee)) ? at(P.FACTORY_ARGUMENT) : undefined),
  // A DeepSeek provider class imported in the file, by its positional model argument.
  ({ c, index, callee }) => (c.f.importedExport(callee)?.arg === index ? at(P.FACTORY_ARGUMENT) : undefined),
  // `agent.set_model("deepseek-chat")`
  ({ index, method }) => (index === 0 && MODEL_NAME.test(method) ? at(P.MODEL_METHOD_ARGUMENT) : undefined),
];

/** A positional argument: the first matcher that places it, else any call's argument. */
export const callArgument: ValueMatcher = (c) => {
  const { A, j, node, p } = c;
  if (p?.type !== "argument_list") return undefined;
  const call = A[j + 2]?.type === "call" ? A[j + 2]! : undefined;
  if (!call) return at(P.OTHER_VALUE);
  const callee = calleeText(call);
  const args = positional(call);
  const a: Argument = { c, call, callee, method: lastSegment(callee), args, index: args.findIndex((x) => same(x, node)), env: isEnvLookup(callee) };
  for (const match of ARGUMENT_MATCHERS) {
    const placed = match(a);
    if (placed) return placed;
  }
  return at(P.CALL_ARGUMENT);
};
