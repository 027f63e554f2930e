import type { Node } from "web-tree-sitter";
import { MAX_UP, type ValueMatcher } from "./context.js";
import type { PyFile } from "./file.js";
import { calleeText, elements, lastSegment, positional, same } from "./nodes.js";
import * as P from "./positions.js";
import { at } from "./positions.js";
import { COLLECTION_WRAPPERS, COMPARISON_METHODS, MEMBERSHIP_METHODS } from "./tables.js";

/** Values that are compared against: case patterns, comparison operands, membership tests. */

/** A value in a match/case pattern is compared. */
export const casePattern: ValueMatcher = ({ A, si }) => {
  for (let k = si + 1; k < A.length; k++) {
    const t = A[k]!.type;
    if (t === "case_pattern") return at(P.CASE_PATTERN);
    if (t === "block" || t === "case_clause" || t === "module") break;
  }
  return undefined;
};

/** `model == "…"`, `"…" != model`, `x in "…"`. */
export const comparisonOperand: ValueMatcher = ({ p }) => (p?.type === "comparison_operator" ? at(P.COMPARISON) : undefined);

/** The outermost expression that is this collection: through parentheses and `set(...)`-style wrappers. */
export function unwrapUp(node: Node): Node {
  let n = node;
  for (let guard = 0; guard < MAX_UP; guard++) {
    const up = n.parent;
    if (up?.type === "parenthesized_expression") n = up;
    else if (up?.type === "argument_list" && up.parent?.type === "call" && COLLECTION_WRAPPERS.test(calleeText(up.parent)) && elements(up).length === 1)
      n = up.parent;
    else break;
  }
  return n;
}

/**
 * Whether an expression is the collection side of a membership test: `x in EXPR`,
 * `x not in EXPR`, `EXPR.__contains__(x)`, `x.startswith(EXPR)`.
 */
export function isMembershipOperand(expr: Node): boolean {
  const p = expr.parent;
  if (!p) return false;
  if (p.type === "comparison_operator") {
    const kids = p.children;
    const i = kids.findIndex((c) => same(c, expr));
    const op = i > 0 ? kids[i - 1]?.type : undefined;
    return op === "in" || op === "not in";
  }
  if (p.type === "attribute" && same(p.childForFieldName("object"), expr) && p.parent?.type === "call" && same(p.parent.childForFieldName("function"), p))
    return MEMBERSHIP_METHODS.has(p.childForFieldName("attribute")?.text ?? "");
  if (p.type === "argument_list" && p.parent?.type === "call") {
    const args = positional(p.parent);
    return same(args[0], expr) && COMPARISON_METHODS.has(lastSegment(calleeText(p.parent)));
  }
  return false;
}

/**
 * The first membership test in the file on a collection bound to `name` (a bare name or the
 * attribute `self.name`, `Config.name`), found from the name's occurrences on first use. Names
 * are matched by text, file-wide: a second list with the same name only makes the result more
 * cautious.
 */
export function membershipTest(f: PyFile, name: string, binding: Node): Node | undefined {
  let found = f.membershipTests.get(name);
  if (found === undefined) {
    found = null;
    for (const node of f.identifiers(name)) {
      if (node.startIndex >= binding.startIndex && node.endIndex <= binding.endIndex) continue;
      const p = node.parent;
      const expr = p?.type === "attribute" && same(p.childForFieldName("attribute"), node) ? p : node;
      if (isMembershipOperand(unwrapUp(expr))) {
        found = node;
        break;
      }
    }
    f.membershipTests.set(name, found);
  }
  return found ?? undefined;
}

/**
 * Whether a collection is the side a membership test looks in (`x in (…)`, `.startswith((…))`, a
 * named collection tested elsewhere), not a value tested for membership (`(…) in items`).
 */
export function isContainerSide(coll: Node): boolean {
  let owner = coll;
  while (owner.parent?.type === "parenthesized_expression") owner = owner.parent;
  const up = owner.parent;
  if (up?.type !== "comparison_operator") return true;
  const operands = elements(up);
  return same(operands[operands.length - 1], owner) && up.children.some((c) => !!c && !c.isNamed && (c.type === "in" || c.type === "not in"));
}
