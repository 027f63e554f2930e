/**
 * Other OpenAI-compatible hosts (SPEC §4). A file that points a client at one of them uses IDs that
 * belong to that host, so its matches are never safe. Kept as data.
 */
export const OTHER_HOSTS: { name: string; pattern: RegExp }[] = [
  { name: "OpenRouter", pattern: /openrouter\.ai|\bOPENROUTER_|\bopenrouter\b/i },
  { name: "Together", pattern: /api\.together\.(?:xyz|ai)|\bTOGETHER_API_KEY\b/ },
  { name: "Fireworks", pattern: /fireworks\.ai|\bFIREWORKS_API_KEY\b/ },
  { name: "Groq", pattern: /api\.groq\.com|\bGROQ_API_KEY\b/ },
  { name: "DeepInfra", pattern: /deepinfra\.com|\bDEEPINFRA_API/ },
  { name: "SiliconFlow", pattern: /siliconflow\.(?:cn|com)|\bSILICONFLOW_API/ },
  { name: "Azure", pattern: /\.azure\.com|\bAzureOpenAI\b|\bAZURE_OPENAI_|services\.ai\.azure/ },
  { name: "Amazon Bedrock", pattern: /bedrock-runtime|\bbedrock\b/i },
  { name: "Baseten", pattern: /baseten\.co/ },
  { name: "Novita", pattern: /api\.novita\.ai/ },
  { name: "NVIDIA", pattern: /integrate\.api\.nvidia\.com/ },
  { name: "Hyperbolic", pattern: /api\.hyperbolic\.xyz/ },
  { name: "SambaNova", pattern: /api\.sambanova\.ai/ },
  { name: "Volcengine Ark", pattern: /volces\.com/ },
  { name: "Alibaba DashScope", pattern: /dashscope(?:-intl)?\.aliyuncs\.com/ },
  { name: "Perplexity", pattern: /api\.perplexity\.ai/ },
  { name: "Nebius", pattern: /studio\.nebius\.(?:ai|com)|api\.studio\.nebius/ },
  // Routers and resellers that name DeepSeek's models like OpenRouter does ("deepseek/deepseek-chat").
  { name: "Requesty", pattern: /router\.requesty\.ai|\bREQUESTY_API_KEY\b/ },
  { name: "AI/ML API", pattern: /api\.aimlapi\.com|\bAIML_API_KEY\b/ },
  { name: "Vercel AI Gateway", pattern: /ai-gateway\.vercel\.sh|\bAI_GATEWAY_API_KEY\b/ },
  { name: "AIHubMix", pattern: /aihubmix\.com/ },
  { name: "302.AI", pattern: /api\.302\.ai/ },
];

/** The first other host the text points at, if any. */
export function detectOtherHost(text: string): string | undefined {
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

let anyHost: RegExp[] | undefined;
