import type { Rule } from "../types.js";

/** The date the legacy IDs stopped working (docs/contract.md §1). */
export const CUTOFF = "2026-07-24T15:59:00Z";

/** The built-in ruleset (docs/contract.md §2), as data. */
export function defaultRules(reasonerTarget: "flash" | "pro" = "flash"): Rule[] {
  return [
    {
      legacyId: "deepseek-chat",
      target: "deepseek-v4-flash",
      flags: { thinking: { type: "disabled" } },
      description: "deepseek-chat (non-thinking) was retired; deepseek-v4-flash with thinking disabled behaves the same.",
    },
    {
      legacyId: "deepseek-reasoner",
      target: reasonerTarget === "pro" ? "deepseek-v4-pro" : "deepseek-v4-flash",
      flags: { thinking: { type: "enabled" }, reasoning_effort: "high" },
      description: "deepseek-reasoner (thinking) was retired; V4 with thinking enabled and reasoning_effort high behaves the same.",
    },
  ];
}
