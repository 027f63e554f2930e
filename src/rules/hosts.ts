/**
 * Provider knowledge kept as data: the other OpenAI-compatible hosts and how code names DeepSeek's
 * own API. A match whose construct (or, when no construct decides, whose file) points a client at
 * another host uses an ID that belongs to that host, so it is never safe (docs/hosts-and-sdks.md).
 */
export const OTHER_HOSTS: {
  name: string;
  /** What names the host anywhere in a file: its base URL, its API key's variable. */
  pattern: RegExp;
  /**
   * Its provider names, lower case: inside a construct (docs/hosts-and-sdks.md) a quoted string that
   * is exactly one of them (`provider == "groq"`, `case "azure":`) or an object key (`groq: {…}`)
   * names the host too. Not used for the file: a bare word is too weak there.
   */
  names: string[];
}[] = [
  { name: "OpenRouter", pattern: /openrouter\.ai|\bOPENROUTER_|\bopenrouter\b/i, names: ["openrouter"] },
  { name: "Together", pattern: /api\.together\.(?:xyz|ai)|\bTOGETHER_API_KEY\b/, names: ["together", "togetherai", "together_ai"] },
  { name: "Fireworks", pattern: /fireworks\.ai|\bFIREWORKS_API_KEY\b/, names: ["fireworks", "fireworks_ai"] },
  { name: "Groq", pattern: /api\.groq\.com|\bGROQ_API_KEY\b/, names: ["groq"] },
  { name: "DeepInfra", pattern: /deepinfra\.com|\bDEEPINFRA_API/, names: ["deepinfra"] },
  { name: "SiliconFlow", pattern: /siliconflow\.(?:cn|com)|\bSILICONFLOW_API/, names: ["siliconflow"] },
  { name: "Azure", pattern: /\.azure\.com|\bAzureOpenAI\b|\bAZURE_OPENAI_|services\.ai\.azure/, names: ["azure", "azure_openai", "azure_ai"] },
  { name: "Amazon Bedrock", pattern: /bedrock-runtime|\bbedrock\b/i, names: ["bedrock"] },
  { name: "Baseten", pattern: /baseten\.co/, names: ["baseten"] },
  { name: "Novita", pattern: /api\.novita\.ai/, names: ["novita"] },
  { name: "NVIDIA", pattern: /integrate\.api\.nvidia\.com/, names: ["nvidia", "nvidia_nim"] },
  { name: "Hyperbolic", pattern: /api\.hyperbolic\.xyz/, names: ["hyperbolic"] },
  { name: "SambaNova", pattern: /api\.sambanova\.ai/, names: ["sambanova"] },
  { name: "Volcengine Ark", pattern: /volces\.com/, names: ["volcengine"] },
  { name: "Alibaba DashScope", pattern: /dashscope(?:-intl)?\.aliyuncs\.com/, names: ["dashscope"] },
  { name: "Perplexity", pattern: /api\.perplexity\.ai/, names: ["perplexity"] },
  { name: "Nebius", pattern: /studio\.nebius\.(?:ai|com)|api\.studio\.nebius/, names: ["nebius"] },
  // A local model server whose built-in models include one named "deepseek-chat" (DeepSeek LLM Chat).
  { name: "Xinference", pattern: /xinference/i, names: ["xinference"] },
  // Routers and resellers that name DeepSeek's models like OpenRouter does ("deepseek/deepseek-chat").
  { name: "Requesty", pattern: /router\.requesty\.ai|\bREQUESTY_API_KEY\b/, names: ["requesty"] },
  { name: "AI/ML API", pattern: /api\.aimlapi\.com|\bAIML_API_KEY\b/, names: ["aimlapi"] },
  { name: "Vercel AI Gateway", pattern: /ai-gateway\.vercel\.sh|\bAI_GATEWAY_API_KEY\b/, names: ["ai_gateway", "ai-gateway"] },
  { name: "AIHubMix", pattern: /aihubmix\.com/, names: ["aihubmix"] },
  { name: "302.AI", pattern: /api\.302\.ai/, names: ["302ai"] },
  // A reseller whose catalogue names DeepSeek's models with the bare IDs ("deepseek-chat").
  { name: "CometAPI", pattern: /cometapi\.com|\bCOMETAPI_(?:API_)?KEY\b|\bcometapi\b/i, names: ["cometapi"] },
];

/** The first other host the text points at, if any. */
export function detectOtherHost(text: string): string | undefined {
  // Several steps of one file's scan ask about the same text (its adapter, the lints, the rules).
  if (last !== undefined && last.text === text) return last.host;
  const host = firstOtherHost(text);
  last = { text, host };
  return host;
}

let last: { text: string; host: string | undefined } | undefined;

function firstOtherHost(text: string): string | undefined {
  return knownHost(text) ?? unknownBaseUrl(text);
}

/** The first host of OTHER_HOSTS the text names (not a base URL of an unknown server). */
export function knownHost(text: string): string | undefined {
  // One pass per case mode tells whether any host is named at all (most files name none).
  if (!anyHost) {
    anyHost = [];
    for (const ci of [true, false]) {
      const sources = OTHER_HOSTS.filter((h) => h.pattern.flags.includes("i") === ci).map((h) => `(?:${h.pattern.source})`);
      if (sources.length > 0) anyHost.push(new RegExp(sources.join("|"), ci ? "i" : ""));
    }
  }
  if (!anyHost.some((r) => r.test(text))) return undefined;
  for (const h of OTHER_HOSTS) if (h.pattern.test(text)) return h.name;
  return undefined;
}

/**
 * A base URL set to a literal address that is not DeepSeek's (`base_url="http://localhost:11434/v1"`,
 * `baseURL: "https://gateway.example.com"`, `OPENAI_BASE_URL=http://127.0.0.1:4000`): a local server
 * (Ollama, vLLM), a proxy or a gateway that names models its own way, so an ID sent there is that
 * server's. Named by its address. Only a literal in a base-URL position counts: a URL read from the
 * environment or built at run time says nothing, and `DATABASE_URL` is a database's address.
 */
const BASE_URL_LITERAL =
  /(?<!data)(?:base_?url|api_?base)\w*["'`]?\s*(?:=>|:=|[=:(,])\s*\(?\s*["'`]?(https?:\/\/[^\s"'`/?#]+)/gi;
const DEEPSEEK_HOST = /^https?:\/\/(?:[\w-]+\.)*deepseek\.com(?::\d+)?$/i;

function unknownBaseUrl(text: string): string | undefined {
  if (!/https?:\/\//i.test(text)) return undefined;
  for (const m of text.matchAll(BASE_URL_LITERAL)) {
    const url = m[1]!;
    if (DEEPSEEK_HOST.test(url) || /[${}%<>]/.test(url)) continue;
    return url.replace(/^https?:\/\//i, "");
  }
  return undefined;
}

let anyHost: RegExp[] | undefined;

/**
 * DeepSeek's own API as code names it: its base URL (`api.deepseek.com`), `DEEPSEEK_*` names,
 * `ChatDeepSeek`, `createDeepSeek`, `@ai-sdk/deepseek`, `langchain_deepseek`, the provider string
 * `"deepseek"`, any name containing `deepseek` (`DEEPSEEK_MODEL`, `deepseek_client`). Not a model ID:
 * a `deepseek` followed by `-`, `/` or `:` and a name (`deepseek-chat`, `deepseek/deepseek-chat`,
 * `deepseek:deepseek-reasoner`, `deepseek-ai/…`) names a model, which any host may serve.
 */
const DEEPSEEK_MARKER = /deepseek(?![-/]|:[\w-])/i;

/**
 * DeepSeek's own API for certain: its base URL, its key and base-URL variables, its SDK packages and
 * classes, the provider string or key `deepseek`. A name that merely contains `deepseek`
 * (`deepseek_model`) is weaker: for an ID with a `deepseek/` prefix, which is also how routers such as
 * OpenRouter spell DeepSeek's models, it does not decide (docs/hosts-and-sdks.md).
 */
const DEEPSEEK_API =
  /api\.deepseek\.com|\bDEEPSEEK_(?:API_KEY|BASE_URL|API_BASE|API_URL|ENDPOINT)\b|\bChatDeepSeek\b|\bcreateDeepSeek\b|@ai-sdk\/deepseek|@langchain\/deepseek|langchain_deepseek|llms\.deepseek|models?\.deepseek|(["'`])deepseek\1|(?:^|[{,\s])deepseek\s*:(?![:\w-])/i;

export interface HostMentions {
  /** DeepSeek's own API is named. */
  deepseek: boolean;
  /** … by a certain marker (DEEPSEEK_API), not only by a name containing `deepseek`. */
  deepseekApi?: boolean;
  /** The first other host named. */
  other?: string;
}

/** Which providers a piece of code names (see DEEPSEEK_MARKER, DEEPSEEK_API and OTHER_HOSTS). */
export function hostsNamedIn(text: string): HostMentions {
  const deepseek = DEEPSEEK_MARKER.test(text);
  return { deepseek, ...(deepseek && DEEPSEEK_API.test(text) ? { deepseekApi: true } : {}), ...otherIn(text) };
}

function otherIn(text: string): { other?: string } {
  const other = detectOtherHost(text) ?? namedHost(text);
  return other !== undefined ? { other } : {};
}

/** The first other host named by its provider name, as a quoted string or an object key (OTHER_HOSTS[].names). */
function namedHost(text: string): string | undefined {
  if (!NAMED) {
    const esc = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    NAMED = OTHER_HOSTS.map((h) => {
      const alt = h.names.map(esc).join("|");
      return { name: h.name, re: new RegExp(`(["'\`])(?:${alt})\\1|(?:^|[{,\\s])(?:${alt})\\s*:(?!:)`, "i") };
    });
  }
  for (const n of NAMED) if (n.re.test(text)) return n.name;
  return undefined;
}

let NAMED: { name: string; re: RegExp }[] | undefined;

/**
 * What the nearest construct that names a provider says about a match (docs/hosts-and-sdks.md):
 * DeepSeek only → null (DeepSeek's own: a host named elsewhere in the file does not apply);
 * another host → that host; both → that host, ambiguous. Undefined when nothing names a provider.
 */
export type HostVerdict =
  | null
  | { host: string; alsoDeepSeek: boolean; construct: string }
  /** DeepSeek only, named only by a name containing `deepseek`: not for `deepseek/`-prefixed IDs. */
  | { host: null; byName: true; construct: string }
  | undefined;

export function verdictOf(mentions: HostMentions, construct: string): HostVerdict {
  if (mentions.other !== undefined) return { host: mentions.other, alsoDeepSeek: mentions.deepseek, construct };
  if (!mentions.deepseek) return undefined;
  return mentions.deepseekApi ? null : { host: null, byName: true, construct };
}

/** Merge what two pieces of code name (a call and the client its receiver is bound to). */
export function mergeMentions(a: HostMentions, b: HostMentions): HostMentions {
  const other = a.other ?? b.other;
  return {
    deepseek: a.deepseek || b.deepseek,
    ...(a.deepseekApi || b.deepseekApi ? { deepseekApi: true } : {}),
    ...(other !== undefined ? { other } : {}),
  };
}

/** The Site fields for a verdict (types.ts: Site.otherHost, Site.hostScope). */
export function scopedSite(v: HostVerdict): { otherHost?: string | null; hostScope?: { construct: string; alsoDeepSeek?: boolean; byName?: boolean } } {
  if (v === undefined) return {};
  if (v === null) return { otherHost: null };
  if (v.host === null) return { otherHost: null, hostScope: { construct: v.construct, byName: true } };
  return { otherHost: v.host, hostScope: { construct: v.construct, ...(v.alsoDeepSeek ? { alsoDeepSeek: true } : {}) } };
}
