import type { Node } from "web-tree-sitter";
import type { KeepBoth, Match, Rule, Site } from "../../core/types.js";
import { insertAfterItem } from "../../fix/insert.js";
import { isContainerSide } from "./comparisons.js";
import type { PyFile } from "./file.js";
import { elements, plainName, plainValue, same, stringValue } from "./nodes.js";
import * as P from "./positions.js";

/**
 * The keep-both edits of a key, a case label, a comparison or a membership list (docs/groups.md):
 * the new ID added beside the old, so renamed values and old data both still work.
 */
export function keepBoth(f: PyFile, site: Site, str: Node, m: Match, quote: string): KeepBoth | undefined {
  const rule = f.ruleset.byId.get(m.legacyId);
  const p = str.parent;
  if (!rule || str.type !== "string" || !p) return undefined;
  const target = `${quote}${m.prefix}${rule.target}${quote}`;
  if (site.kind === "key") return tableEntry(f, str, p, target);
  if (site.position === P.CASE_PATTERN) return caseLabel(str, p, target);
  if (p.type === "comparison_operator") return widenedComparison(str, p, target);
  if ((p.type === "list" || p.type === "tuple" || p.type === "set") && (site.position === P.MEMBERSHIP_TEST || site.position === P.MEMBERSHIP_COLLECTION) && isContainerSide(p))
    return membershipItem(f, str, p, rule, target);
  return undefined;
}

/** `{"deepseek-chat": 1}` → `{"deepseek-chat": 1, "deepseek-v4-flash": 1}`. */
function tableEntry(f: PyFile, str: Node, p: Node, target: string): KeepBoth | undefined {
  if (p.type !== "pair" || !same(p.childForFieldName("key"), str) || p.parent?.type !== "dictionary") return undefined;
  const value = p.childForFieldName("value");
  if (!value || !plainValue(value)) return undefined;
  const edit = insertAfterItem(f.code, p, `${target}: ${value.text}`);
  return edit && { edits: [edit], scope: [p.parent.startIndex, p.parent.endIndex], shape: "entry" };
}

/** `case "deepseek-chat":` → `case "deepseek-chat" | "deepseek-v4-flash":`. */
function caseLabel(str: Node, p: Node, target: string): KeepBoth | undefined {
  let n: Node | null = p;
  while (n && n.type !== "case_pattern" && n.type !== "case_clause") n = n.parent;
  if (!n || n.type !== "case_pattern") return undefined;
  if (!/^(?:\s*(?:"[^"\n]*"|'[^'\n]*')\s*\|?)+$/.test(n.text)) return undefined;
  let stmt: Node | null = n;
  while (stmt && stmt.type !== "match_statement") stmt = stmt.parent;
  if (!stmt) return undefined;
  return { edits: [{ start: str.endIndex, end: str.endIndex, text: ` | ${target}` }], scope: [stmt.startIndex, stmt.endIndex], shape: "label" };
}

/** `x == "deepseek-chat"` → `x in ("deepseek-chat", "deepseek-v4-flash")`. */
function widenedComparison(str: Node, p: Node, target: string): KeepBoth | undefined {
  const operands = elements(p);
  const ops = p.children.filter((c): c is Node => !!c && !c.isNamed);
  if (operands.length !== 2 || ops.length !== 1 || !same(operands[1], str)) return undefined;
  const op = ops[0]!;
  if (op.type !== "==" && op.type !== "!=") return undefined;
  if (!plainName(operands[0]!)) return undefined;
  let scope: Node = p;
  for (let n: Node | null = p.parent; n; n = n.parent) {
    if (n.type === "if_statement" || n.type === "while_statement") scope = n;
    if (n.type === "function_definition" || n.type === "class_definition" || n.type === "module") break;
    if (n.type === "block" && scope !== p) break;
  }
  // `x=="deepseek-chat"` is valid Python without spaces; `in` and `not in` are words and need them
  // (`xin(…)` would be a call).
  const before = operands[0]!.endIndex === op.startIndex ? " " : "";
  const after = op.endIndex === str.startIndex ? " " : "";
  return {
    edits: [
      { start: op.startIndex, end: op.endIndex, text: `${before}${op.type === "==" ? "in" : "not in"}${after}` },
      { start: str.startIndex, end: str.startIndex, text: "(" },
      { start: str.endIndex, end: str.endIndex, text: `, ${target})` },
    ],
    scope: [scope.startIndex, scope.endIndex],
    shape: "comparison",
  };
}

/** `model in ("deepseek-chat", "o1")` → `… ("deepseek-chat", "deepseek-v4-flash", "o1")`. */
function membershipItem(f: PyFile, str: Node, p: Node, rule: Rule, target: string): KeepBoth {
  // The new ID goes after the last member that becomes it (identical edits are applied once).
  let last = str;
  for (const e of elements(p)) {
    const v = stringValue(e);
    if (v === undefined) continue;
    const r = f.ruleset.rules.find((x) => v === x.legacyId || v.endsWith(`/${x.legacyId}`) || v.endsWith(`:${x.legacyId}`));
    if (r && r.target === rule.target && e.startIndex > last.startIndex) last = e;
  }
  return { edits: [{ start: last.endIndex, end: last.endIndex, text: `, ${target}` }], scope: [p.startIndex, p.endIndex], shape: "item" };
}
