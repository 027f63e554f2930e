import type { Rule } from "../core/types.js";
import { ALIAS_CODE, RETIRED_CODE } from "./codes.js";
import { LINEAGE, replacementOf, type MigrationTarget } from "./lineage.js";

/** When deepseek-chat and deepseek-reasoner stopped working (the lineage's first retirement). */
export const CUTOFF = LINEAGE.find((r) => r.id === "deepseek-chat")!.date!;

/**
 * The built-in ruleset, derived from the lineage (src/rules/lineage.ts): one rule per retired ID
 * (DSM001) and per retired alias (DSM002). With the default target (`v4`) each ID becomes its own
 * replacement and aliases are reported at info, never renamed (they still work); with `latest`
 * every ID becomes the end of its chain of replacements (a current canonical ID) and aliases are
 * warnings with a fix.
 */
export function defaultRules(reasonerTarget: "flash" | "pro" = "flash", to: MigrationTarget = "v4"): Rule[] {
  const rules: Rule[] = [];
  for (const row of LINEAGE) {
    if (row.status === "active") continue;
    const target = replacementOf(row.id, to, reasonerTarget);
    if (target === undefined) continue;
    if (row.status === "retired") {
      rules.push({ legacyId: row.id, target, flags: { ...(row.flags ?? {}) }, description: row.note, code: RETIRED_CODE, ...(row.date ? { retiredAt: row.date } : {}) });
    } else {
      rules.push({
        legacyId: row.id,
        target,
        flags: { ...(row.flags ?? {}) },
        description: row.note,
        code: ALIAS_CODE,
        severity: to === "latest" ? "warning" : "info",
        ...(to === "latest" ? {} : { reportOnly: true }),
        ...(row.date ? { retiredAt: row.date } : {}),
      });
    }
  }
  return rules;
}
