import type { FixClass, Severity } from "../core/types.js";

/**
 * The rule codes, as flat data (docs/rules.md is generated from this table and checked by a test).
 *
 * Scheme: `DSM` + three digits, never reused. DSM0xx are model IDs (what the lineage retires);
 * DSM1xx are lints of DeepSeek requests. Each code also has a kebab-case name; both are accepted by
 * `--select`, `--ignore`, the configuration and `deepseek-migrate-ignore[...]` comments.
 */
export interface RuleCode {
  code: string;
  name: string;
  /**
   * The default severity. "clock" means: a warning before the ID's retirement date, an error from
   * then on (a configured rule may pin it).
   */
  severity: Severity | "clock";
  /** One line: what it reports. */
  summary: string;
  /** Why it matters (a paragraph). */
  why: string;
  /** What the fix does, when there is one ("" when there is none). */
  fixText: string;
  /** The best fix class it can get ("none": never edited). */
  fix: FixClass;
  /** Examples: code that is reported, and what to write instead. */
  examples: { lang: "python" | "ts"; bad: string; good?: string }[];
}

export const RULE_CODES: readonly RuleCode[] = [
  {
    code: "DSM001",
    name: "retired-model-id",
    severity: "clock",
    summary: "A model ID that the API no longer serves (deepseek-chat, deepseek-reasoner, or a configured mapping).",
    why:
      "A request naming a retired ID fails with 400 invalid_request_error. Its replacement behaves the same only with the " +
      "right thinking flags: deepseek-chat never thought, deepseek-v4-flash thinks unless told otherwise.",
    fixText:
      "Renames the ID in model positions (safe) and writes the thinking flags into the request when it is visible; " +
      "comparisons, keys, docs and other positions are unsafe or need a decision.",
    fix: "safe",
    examples: [
      {
        lang: "python",
        bad: 'client.chat.completions.create(model="deepseek-chat", messages=messages)',
        good: 'client.chat.completions.create(model="deepseek-v4-flash", messages=messages, extra_body={"thinking": {"type": "disabled"}})',
      },
    ],
  },
  {
    code: "DSM002",
    name: "retired-alias",
    severity: "info",
    summary: "A retired model whose name is still accepted as an alias (deepseek-v4-flash, deepseek-v4-flash-vision-exp → deepseek-flash).",
    why:
      "The name still works: the API serves it with the current model. It is reported at info with the default target, so a " +
      "gate does not fail on it; with `--to latest` it is a warning and is renamed to the current canonical ID.",
    fixText: "With `--to latest`: renames the alias to its canonical ID (safe in model positions). With the default target: none.",
    fix: "safe",
    examples: [{ lang: "python", bad: 'model="deepseek-v4-flash"', good: 'model="deepseek-flash"  # --to latest' }],
  },
  {
    code: "DSM101",
    name: "thinking-not-explicit",
    severity: "warning",
    summary: "A request to a V4 model that does not set thinking explicitly.",
    why:
      "V4 models think unless told otherwise: a request migrated from deepseek-chat without `thinking` is now slower, dearer " +
      "and returns `reasoning_content`. Say which one you want. This is where a rename that said `thinking: manual` stays in sight.",
    fixText: "",
    fix: "none",
    examples: [
      {
        lang: "python",
        bad: 'client.chat.completions.create(model=MODEL, messages=messages)',
        good: 'client.chat.completions.create(model=MODEL, messages=messages, extra_body={"thinking": {"type": "disabled"}})',
      },
      {
        lang: "ts",
        bad: "await client.chat.completions.create({ model: MODEL, messages });",
        good: 'await client.chat.completions.create({ model: MODEL, messages, ...{ thinking: { type: "disabled" } } });',
      },
    ],
  },
  {
    code: "DSM102",
    name: "effort-with-thinking-disabled",
    severity: "error",
    summary: "`reasoning_effort` on a request whose thinking is disabled.",
    why: "The API rejects `reasoning_effort` together with `thinking: {type: \"disabled\"}` with a 400 error.",
    fixText: "Removes `reasoning_effort` when thinking is disabled by a literal in the same request (safe).",
    fix: "safe",
    examples: [
      {
        lang: "python",
        bad: 'create(model=M, messages=m, reasoning_effort="high", extra_body={"thinking": {"type": "disabled"}})',
        good: 'create(model=M, messages=m, extra_body={"thinking": {"type": "disabled"}})',
      },
    ],
  },
  {
    code: "DSM103",
    name: "sampling-ignored-in-thinking",
    severity: "warning",
    summary: "`temperature`, `top_p`, `presence_penalty` or `frequency_penalty` on a request that thinks.",
    why: "In thinking mode the API ignores these parameters silently: the request does not sample the way the code says.",
    fixText: "",
    fix: "none",
    examples: [
      {
        lang: "python",
        bad: 'create(model="deepseek-v4-pro", messages=m, temperature=0.2)',
        good: 'create(model="deepseek-v4-pro", messages=m, temperature=0.2, extra_body={"thinking": {"type": "disabled"}})',
      },
    ],
  },
  {
    code: "DSM104",
    name: "reasoning-content-dropped",
    severity: "error",
    summary: "A tool-call loop appends a rebuilt assistant message without `reasoning_content` while thinking is on.",
    why:
      "In thinking mode with tool calls, the assistant turn must be sent back with its `reasoning_content`; the next request " +
      "fails with `400 The reasoning_content in the thinking mode must be passed back to the API`. Appending the SDK's " +
      "message object whole keeps it.",
    fixText: "",
    fix: "none",
    examples: [
      {
        lang: "python",
        bad: 'messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls})',
        good: "messages.append(msg)",
      },
      {
        lang: "ts",
        bad: 'messages.push({ role: "assistant", content: msg.content, tool_calls: msg.tool_calls });',
        good: "messages.push(msg);",
      },
    ],
  },
  {
    code: "DSM105",
    name: "max-tokens-below-floor",
    severity: "warning",
    summary: "`max_tokens` below the configured floor (`maxTokensFloor`, default 4096) on a request that thinks.",
    why:
      "Reasoning counts against `max_tokens`: a small limit is spent thinking and the answer comes back empty with " +
      "`finish_reason: \"length\"`.",
    fixText: "",
    fix: "none",
    examples: [
      {
        lang: "python",
        bad: 'create(model="deepseek-v4-flash", messages=m, max_tokens=512)',
        good: 'create(model="deepseek-v4-flash", messages=m, max_tokens=512, extra_body={"thinking": {"type": "disabled"}})',
      },
    ],
  },
  {
    code: "DSM106",
    name: "unknown-reasoning-effort",
    severity: "warning",
    summary: "A `reasoning_effort` value other than the documented `low`, `high` and `max`.",
    why: "The API maps other values (`medium`, `minimal`, `xhigh`) to a documented one silently: the request may think more or less than the code says.",
    fixText: "",
    fix: "none",
    examples: [{ lang: "python", bad: 'create(model=M, messages=m, reasoning_effort="medium")', good: 'create(model=M, messages=m, reasoning_effort="high")' }],
  },
];

/** Where docs/rules.md is published (each code has an anchor there). */
export const RULES_DOC_URL = "https://deepseek-migrate.dev/docs/rules.md";

const BY_KEY = new Map<string, RuleCode>();
for (const r of RULE_CODES) {
  BY_KEY.set(r.code.toLowerCase(), r);
  BY_KEY.set(r.name, r);
}

/** A code by its code (any case) or its name. */
export function ruleCode(key: string): RuleCode | undefined {
  return BY_KEY.get(key.trim().toLowerCase());
}

/** The anchor of a code's section in docs/rules.md. */
export function anchorOf(r: RuleCode): string {
  return `${r.code}-${r.name}`.toLowerCase();
}

export function helpUri(r: RuleCode): string {
  return `${RULES_DOC_URL}#${anchorOf(r)}`;
}

/** The code that model-ID findings of legacy (retired) IDs carry. */
export const RETIRED_CODE = "DSM001";
export const ALIAS_CODE = "DSM002";

/** The rows of `deepseek-migrate rules` and of docs/rules.md: code, name, severity, fix. */
export function severityText(r: RuleCode): string {
  return r.severity === "clock" ? "error (warning before the retirement date)" : r.severity;
}

/** The codes table of docs/rules.md (generated; a test checks the file holds exactly this). */
export function rulesTableMarkdown(page = ""): string {
  const rows = RULE_CODES.map(
    (r) => `| [${r.code}](${page}#${anchorOf(r)}) | \`${r.name}\` | ${severityText(r)} | ${r.fix === "none" ? "none" : r.fix} | ${r.summary.replace(/\|/g, "\\|")} |`,
  );
  return ["| code | name | default severity | fix | what it reports |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** One section per code in docs/rules.md (generated, checked by the same test). */
export function rulesSectionsMarkdown(): string {
  return RULE_CODES.map((r) => {
    const lines = [`### ${r.code} ${r.name}`, "", r.summary, "", `**Why.** ${r.why}`, "", `**Severity:** ${severityText(r)}. **Fix:** ${r.fixText || "none; the advice says what to change."}`, ""];
    for (const ex of r.examples) {
      const lang = ex.lang === "ts" ? "ts" : "python";
      lines.push("```" + lang, `# reported`.replace("#", lang === "ts" ? "//" : "#"), ex.bad);
      if (ex.good) lines.push(lang === "ts" ? "// instead" : "# instead", ex.good);
      lines.push("```", "");
    }
    return lines.join("\n");
  }).join("\n");
}

/** `deepseek-migrate explain CODE`: what it checks, why, the fix and examples (like `ruff rule`). */
export function explainText(r: RuleCode): string {
  const out = [`${r.code} ${r.name}`, "", r.summary, "", "Why:", `  ${r.why}`, "", `Default severity: ${severityText(r)}`, `Fix: ${r.fixText || "none (the advice says what to change)"}`, ""];
  for (const ex of r.examples) {
    out.push(`Example (${ex.lang === "ts" ? "TypeScript" : "Python"}):`, `  reported:  ${ex.bad}`);
    if (ex.good) out.push(`  instead:   ${ex.good}`);
    out.push("");
  }
  out.push(`Docs: ${helpUri(r)}`, "Suppress one line: a comment with deepseek-migrate-ignore[" + r.code + "] on it or on the line above.");
  return out.join("\n") + "\n";
}

/** `deepseek-migrate rules`: one line per code. */
export function rulesListText(): string {
  const w = Math.max(...RULE_CODES.map((r) => r.name.length));
  const sev = (r: RuleCode) => (r.severity === "clock" ? "error*" : r.severity);
  const lines = [`${"code".padEnd(7)} ${"name".padEnd(w)}  ${"severity".padEnd(8)}  fix`];
  for (const r of RULE_CODES) lines.push(`${r.code.padEnd(7)} ${r.name.padEnd(w)}  ${sev(r).padEnd(8)}  ${r.fix}`);
  lines.push("", "* a warning before the ID's retirement date, an error from then on.", "Run `deepseek-migrate explain CODE` for what a code checks, why, and examples.");
  return lines.join("\n") + "\n";
}
