import type { Rule, Ruleset } from "../core/types.js";

export function makeRuleset(rules: Rule[]): Ruleset {
  const byId = new Map<string, Rule>();
  for (const r of rules) byId.set(r.legacyId, r);
  const list = [...byId.values()];
  // The prefilter: one cheap byte string when every ID shares it, else every ID.
  const needles = list.every((r) => r.legacyId.includes("deepseek")) ? ["deepseek"] : list.map((r) => r.legacyId);
  return { rules: list, byId, needles };
}

/**
 * Whether renaming this ID keeps comparisons and keys distinct: no other legacy ID of the ruleset
 * maps to the same target (docs/contract.md §4, "Other positions").
 */
export function hasDistinctTarget(ruleset: Ruleset, legacyId: string): boolean {
  const rule = ruleset.byId.get(legacyId);
  if (!rule) return false;
  return !ruleset.rules.some((r) => r.legacyId !== legacyId && !r.reportOnly && r.target === rule.target);
}

/** The rename of a legacy ID with the same prefix kept. */
export function replacementFor(ruleset: Ruleset, legacyId: string): string {
  return ruleset.byId.get(legacyId)?.target ?? legacyId;
}
