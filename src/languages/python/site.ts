import type { Node } from "web-tree-sitter";
import type { Match, Site } from "../../core/types.js";
import { MODEL_OPTION_VALUE } from "../../knowledge/naming.js";
import { looksLikeSerializedResponse } from "../../knowledge/responses.js";
import { assignment, parameterDefault, returnValue } from "./bindings.js";
import { callArgument, keywordArgument, orDefault } from "./calls.js";
import { collectionItem, typeAnnotation } from "./collections.js";
import { casePattern, comparisonOperand } from "./comparisons.js";
import { MAX_UP, type ValueContext, type ValueMatcher } from "./context.js";
import { dictEntry, subscript } from "./dicts.js";
import type { PyFile } from "./file.js";
import { keepBoth } from "./keep-both.js";
import { constrained } from "./literal-types.js";
import { ancestors, climbValue, quoteOf } from "./nodes.js";
import * as P from "./positions.js";
import { at, type Placed } from "./positions.js";

/**
 * Where a match sits in Python (docs/positions.md): two ordered lists of small matchers, the
 * first that answers decides. LITERAL_MATCHERS look at the text around the match (a comment, a
 * docstring, a string with other text); a string that is exactly the ID goes on to
 * VALUE_MATCHERS, which look at the expression the string is the value of.
 */

/** The match and the string literal around it (the leaf itself or one of its two parents). */
interface LiteralContext {
  m: Match;
  leaf: Node;
  A: Node[];
  /** Index in A of the string literal, or -1. */
  si: number;
  str: Node;
  parent: Node | undefined;
  /** The literal's text is exactly the match. */
  whole: boolean;
}

type LiteralMatcher = (c: LiteralContext) => Placed | undefined;

const isBareStatement = (n: Node | undefined) => n?.type === "expression_statement" && n.namedChildCount === 1;

/** Text matchers, in precedence order; a whole string value falls through to VALUE_MATCHERS. */
const LITERAL_MATCHERS: LiteralMatcher[] = [
  ({ leaf }) => (leaf.type === "comment" ? at(P.COMMENT) : undefined),
  ({ si }) => (si < 0 ? at(P.NOT_A_STRING) : undefined),
  // A captured stream or serialized response in a string (SSE mocks, cassette bodies) is history.
  ({ str, parent }) => (looksLikeSerializedResponse((parent?.type === "concatenated_string" ? parent : str).text) ? at(P.SERIALIZED_RESPONSE) : undefined),
  ({ A, si, parent }) =>
    isBareStatement(parent) || (parent?.type === "concatenated_string" && isBareStatement(A[si + 2])) ? at(P.DOCSTRING) : undefined,
  ({ parent }) => (parent?.type === "concatenated_string" ? at(P.CONCATENATED_STRING) : undefined),
  ({ str }) => (/[fFtT]/.test(str.child(0)?.text ?? "") ? at(P.F_STRING) : undefined),
  // "--model=deepseek-chat" (an argv item, an option string): the value of a model option.
  ({ m, str, whole }) => (!whole && isOptionValue(str, m) ? at(P.OPTION_WITH_VALUE) : undefined),
  ({ whole }) => (whole ? undefined : at(P.STRING_WITH_OTHER_TEXT)),
];

/** Value matchers, in precedence order (python/comparisons.ts, calls.ts, bindings.ts, dicts.ts, collections.ts). */
const VALUE_MATCHERS: ValueMatcher[] = [
  casePattern,
  orDefault,
  comparisonOperand,
  keywordArgument,
  callArgument,
  assignment,
  dictEntry,
  parameterDefault,
  returnValue,
  collectionItem,
  subscript,
  typeAnnotation,
];

/** The site of one match. */
export function siteOf(f: PyFile, m: Match): Site {
  const leaf = f.root.descendantForIndex(m.start, m.end);
  if (!leaf) return { idStart: m.idStart, ...at(P.NOT_A_STRING) };
  const c = literalContext(m, leaf);
  for (const match of LITERAL_MATCHERS) {
    const placed = match(c);
    if (placed) return { idStart: m.idStart, ...placed };
  }
  const quote = quoteOf(c.str) ?? '"';
  const site: Site = { idStart: m.idStart, ...valueSite(f, c.A, c.si, m, quote) };
  if (site.kind === "key" || site.kind === "comparison") {
    const kb = keepBoth(f, site, c.str, m, quote);
    if (kb) site.keepBoth = kb;
  }
  return site.kind === "model" || site.kind === "other" ? constrained(f, site, c.A, c.si, m, (x) => siteOf(f, x)) : site;
}

function literalContext(m: Match, leaf: Node): LiteralContext {
  const A = ancestors(leaf, MAX_UP);
  const si = A.slice(0, 3).findIndex((n) => n.type === "string");
  const str = A[Math.max(si, 0)]!;
  const content = str.childCount === 3 ? str.child(1) : null;
  const whole =
    si >= 0 && !!content && content.type === "string_content" && content.childCount === 0 && content.startIndex === m.start && content.endIndex === m.end;
  return { m, leaf, A, si, str, parent: A[si + 1], whole };
}

/** The match ends a plain string that is a model option with its value: `"--model=deepseek-chat"`. */
function isOptionValue(str: Node, m: Match): boolean {
  const content = str.childCount === 3 ? str.child(1) : null;
  if (content?.type !== "string_content" || content.childCount !== 0) return false;
  const opt = MODEL_OPTION_VALUE.exec(content.text);
  return !!opt && content.startIndex + content.text.length - opt[1]!.length === m.start && content.endIndex === m.end;
}

/** The position of a string literal that is exactly the (prefixed) ID. */
function valueSite(f: PyFile, A: Node[], si: number, m: Match, quote: string): Placed {
  const { j, conditional, envDefault } = climbValue(A, si);
  const c: ValueContext = { f, m, rule: f.ruleset.byId.get(m.legacyId)!, quote, A, si, j, node: A[j]!, p: A[j + 1], conditional, envDefault };
  for (const match of VALUE_MATCHERS) {
    const placed = match(c);
    if (placed) return placed;
  }
  return at(P.OTHER_VALUE);
}
