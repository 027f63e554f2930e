import type { Node } from "web-tree-sitter";
import type { FlagFix, Rule } from "../../core/types.js";
import { MODEL_NAME } from "../../knowledge/naming.js";
import { requestKind } from "./calls.js";
import type { PyFile } from "./file.js";
import { bodyFlags, callFlags, manualIfFlags } from "./flags.js";
import { mergeInsertions } from "./render.js";
import { ancestors, calleeText, callOfKeyword, dictKeys, enclosingFunction, keyName, same } from "./nodes.js";
import type { RequestKind } from "./tables.js";

/**
 * Same-file flow (docs/contract.md §5): a name (or `self.attr`) bound once to the ID and used as
 * the model of recognized requests gets those requests flagged in the same edit.
 */

export interface FlowResult {
  /** The bound name is used as a model somewhere (keyword model=, "model" key). */
  usedAsModel: boolean;
  flags?: FlagFix;
  /**
   * The name is bound elsewhere in its scope too, compared with a string or used as a subscript
   * key, and never used as a model: this assignment relabels a value that came from elsewhere (often recorded
   * data: `if name == "old": name = "deepseek-chat"`, then `stats[name] += …`).
   */
  relabel?: boolean;
}

/** The value bound to `left` (the assignment at A[k]): where the name is used, and the flags of the requests it feeds. */
export function flow(f: PyFile, left: Node, A: Node[], k: number, rule: Rule, quote: string, conditional: boolean): FlowResult {
  const bound = boundName(f, left, A, k);
  if (!bound) return { usedAsModel: false };
  const { scope, key } = bound;
  const fixes: FlagFix[] = [];
  let usedAsModel = false;
  let rebound = false;
  let keyed = false;
  let modelUse = false;
  for (const start of f.occurrences(key)) {
    if (start < scope.startIndex || start >= scope.endIndex || start === left.startIndex) continue;
    const end = start + key.length;
    const node = f.root.descendantForIndex(start, end);
    if (!node || node.startIndex !== start || node.endIndex !== end || (node.type !== "identifier" && node.type !== "attribute")) continue;
    const B = ancestors(node, 6);
    const use = usage(f, B);
    if (use === "binding") {
      rebound = true;
      continue;
    }
    keyed ||= comparedOrKey(B);
    modelUse ||= !!use;
    if (rebound || !use) continue;
    usedAsModel = true;
    const fix = conditional
      ? manualIfFlags(rule)
      : use.call
        ? callFlags(f, use.call, use.req!, rule, quote)
        : use.dict
          ? bodyFlags(f, use.dict, rule, quote)
          : undefined;
    if (fix) fixes.push(fix);
  }
  // A name bound twice: its uses may see either value, so no flow from this one.
  if (rebound) return { usedAsModel: false, ...(keyed && !modelUse ? { relabel: true } : {}) };
  if (fixes.length === 0) return { usedAsModel };
  if (fixes.some((x) => x.status === "manual")) return { usedAsModel, flags: { status: "manual", edits: [] } };
  const edits = fixes.flatMap((x) => x.edits);
  return { usedAsModel, flags: edits.length ? { status: "added", edits: mergeInsertions(edits) } : { status: "present", edits: [] } };
}

/** An occurrence compared with a string (`name == "…"`, `name in (…)`) or used as a key (`table[name]`). */
function comparedOrKey(B: Node[]): boolean {
  const node = B[0]!;
  const p = B[1];
  if (!p) return false;
  if (p.type === "subscript") return p.childrenForFieldName("subscript").some((x) => same(x, node));
  if (p.type !== "comparison_operator") return false;
  return p.namedChildren.some((x) => !!x && !same(x, node) && (x.type === "string" || x.type === "concatenated_string" || x.type === "tuple" || x.type === "list" || x.type === "set"));
}

/** The name an assignment binds and the scope it is visible in: a function's or the module's name, `self.attr` in its class. */
function boundName(f: PyFile, left: Node, A: Node[], k: number): { scope: Node; key: string } | undefined {
  if (left.type === "identifier") {
    // A class attribute is not visible as a bare name: no flow from class bodies.
    for (let i = k; i < A.length && A[i]!.type !== "function_definition"; i++) if (A[i]!.type === "class_definition") return undefined;
    return { scope: enclosingFunction(A, k) ?? f.root, key: left.text };
  }
  if (left.type === "attribute" && /^self\.[\p{L}\p{N}_]+$/u.test(left.text)) {
    const cls = A.slice(k).find((n) => n.type === "class_definition");
    return cls ? { scope: cls, key: left.text } : undefined;
  }
  return undefined;
}

/** Parents under which an occurrence of the name binds it anew. */
const BINDS = new Set([
  "pattern_list",
  "tuple_pattern",
  "list_pattern",
  "parameters",
  "lambda_parameters",
  "as_pattern_target",
  "global_statement",
  "nonlocal_statement",
  "delete_statement",
  "list_splat_pattern",
  "dictionary_splat_pattern",
]);

/** The field of a parent that binds a name when the occurrence is it. */
const BINDING_FIELD: Record<string, string> = {
  assignment: "left",
  augmented_assignment: "left",
  for_statement: "left",
  for_in_clause: "left",
  default_parameter: "name",
  typed_default_parameter: "name",
  named_expression: "name",
  function_definition: "name",
  class_definition: "name",
  aliased_import: "alias",
};

type Use = "binding" | { call?: Node; req?: RequestKind; dict?: Node } | undefined;

/**
 * What an occurrence of a bound name does: rebinds it ("binding"), feeds a model position
 * (with the recognized request, if any), or something else (undefined).
 */
function usage(f: PyFile, B: Node[]): Use {
  const node = B[0]!;
  const p = B[1];
  if (!p) return undefined;
  if (BINDS.has(p.type)) return "binding";
  const field = BINDING_FIELD[p.type];
  if (field) return same(p.childForFieldName(field), node) ? "binding" : undefined;
  if (p.type === "typed_parameter") return same(p.namedChild(0), node) ? "binding" : undefined;
  if (!same(p.childForFieldName("value"), node)) return undefined;
  if (p.type === "keyword_argument") {
    const name = p.childForFieldName("name")?.text ?? "";
    if (!MODEL_NAME.test(name)) return undefined;
    const call = callOfKeyword(B, 1);
    const req = call ? requestKind(calleeText(call), f) : undefined;
    return call && req && req.modelKeywords.includes(name) ? { call, req } : {};
  }
  if (p.type === "pair") {
    const k = keyName(p.childForFieldName("key"));
    if (!MODEL_NAME.test(k)) return undefined;
    const dict = B[2];
    return k === "model" && dict?.type === "dictionary" && dictKeys(dict).has("messages") ? { dict } : {};
  }
  return undefined;
}
