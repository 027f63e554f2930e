import type { Match, Site } from "../../../core/types.js";
import { typedBySite } from "../../shared/typed-by.js";
import { keepBoth } from "../keep-both.js";
import { P, typedByPosition } from "../positions.js";
import type { Literal } from "../syntax.js";
import { typeConstraint, typedElsewhere } from "../types.js";
import { T } from "../util.js";
import { Ctx, firstMatch, type Matcher, type Scope } from "./context.js";
import { computedKey, destructuredKey, elementAccessKey, enumMember, jsxAttribute, literalType, objectKey } from "./keys.js";
import { recordedResponse, jsxText, serializedResponse, stringWithOtherText, templateOrRegex } from "./text.js";
import { classifyType } from "./type-members.js";
import {
  arrayElement,
  binaryOperand,
  bindingDefault,
  callArgument,
  constructorArgument,
  lookupDefault,
  propertyValue,
  returnedValue,
  switchCase,
  variableInitializer,
} from "./values.js";

/**
 * The classifier of the TypeScript/JavaScript adapter: which named position (typescript/positions.ts)
 * a match in a literal sits in. The matchers are tried in this order; the first that matches decides.
 * Calls, arrays and literal types have ordered lists of their own (arguments.ts, elements.ts,
 * type-members.ts).
 */
export const MATCHERS: readonly Matcher[] = [
  // text.ts: any literal. A recorded response wins everywhere; then only a plain string holding
  // exactly the ID goes on.
  recordedResponse,
  jsxText,
  serializedResponse,
  templateOrRegex,
  stringWithOtherText,
  // keys.ts: by the syntax right around the string.
  objectKey,
  computedKey,
  destructuredKey,
  elementAccessKey,
  enumMember,
  literalType,
  jsxAttribute,
  // values.ts: by where the value flows.
  lookupDefault,
  binaryOperand,
  switchCase,
  callArgument,
  constructorArgument,
  variableInitializer,
  bindingDefault,
  propertyValue,
  returnedValue,
  arrayElement,
];

export function classifyPosition(s: Scope, lit: Literal, m: Match): Site {
  const c = new Ctx(s, lit, m);
  return firstMatch(MATCHERS, c) ?? c.at(P.value);
}

/** How deep classifyLiteral follows type constraints (a value typed by a value typed by …). */
const MAX_CONSTRAINT_DEPTH = 4;

/** The site of a match in a literal: its position, keep-both edits, and the constraint of a literal type it is typed by. */
export function classifyLiteral(s: Scope, lit: Literal, m: Match, depth = 0): Site {
  const site = classifyPosition(s, lit, m);
  const plain = T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit);
  if ((site.kind === "key" || site.kind === "comparison") && plain) {
    const kb = keepBoth(s, lit, site, m);
    if (kb) site.keepBoth = kb;
  }
  if ((site.kind !== "model" && site.kind !== "other") || !plain || depth > MAX_CONSTRAINT_DEPTH) return site;
  // A value typed by a same-file literal (a union, `(typeof LIST)[number]`, a zod enum) is renamed
  // only together with it: renaming one alone breaks the type-check. This holds for a value in an
  // unknown position too (an argument of a function whose parameter has that type).
  const c = typeConstraint(lit, s.resolver);
  if (!c && site.kind === "model") {
    // A type from another module may be a literal union there (docs/groups.md ties the two).
    const elsewhere = typedElsewhere(lit, s.resolver);
    if (elsewhere) site.typedElsewhere = elsewhere;
  }
  if (!c || c === "open") return site;
  const node = c.node;
  s.link(node);
  const start = node.getStart(s.sf) + 1;
  const end = node.end - 1;
  const fake: Match = { ...m, start, end, idStart: end - m.legacyId.length };
  const other = T.isLiteralTypeNode(node.parent) ? classifyType(s, node.parent, fake) : classifyLiteral(s, node as Literal, fake, depth + 1);
  const typed = typedBySite(site, other, s.sf.getLineAndCharacterOfPosition(start).line + 1, c.via, m.legacyId);
  // The site keeps typedBySite's description: the line of the type, in the rename group's report.
  return typed === site ? site : { ...typed, position: typedByPosition(typed.kind) };
}
