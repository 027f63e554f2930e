import { MODEL_NAME } from "../../knowledge/naming.js";
import { enumMember } from "./collections.js";
import type { ValueMatcher } from "./context.js";
import { flow } from "./flow.js";
import { enclosingFunction, same } from "./nodes.js";
import * as P from "./positions.js";
import { at } from "./positions.js";

/** Values bound to names: assignments, parameter defaults, return values. */

const ASSIGNABLE = new Set(["identifier", "attribute", "subscript"]);

/** `MODEL = "…"`, `self.model = "…"`, an enum member; a name the file passes as a model flows its flags. */
export const assignment: ValueMatcher = (c) => {
  const { f, A, j, node, p } = c;
  if (p?.type !== "assignment") return undefined;
  if (!same(p.childForFieldName("right"), node)) return at(P.OTHER_VALUE);
  const enumSite = enumMember(c);
  if (enumSite) return enumSite;
  const left = p.childForFieldName("left");
  if (!left || !ASSIGNABLE.has(left.type)) return at(P.OTHER_VALUE);
  const used = flow(f, left, A, j + 1, c.rule, c.quote, c.conditional);
  if (!MODEL_NAME.test(left.text) && !used.usedAsModel) return at(P.ASSIGNMENT);
  if (used.relabel) {
    const site = at(P.RELABEL_ASSIGNMENT);
    site.advice = `${left.text} is bound elsewhere too and compared or used as a key: this relabels a value read from elsewhere; renaming it changes what that data is grouped or looked up by.`;
    return site;
  }
  const site = at(P.MODEL_ASSIGNMENT);
  if (used.flags) site.flags = used.flags;
  return site;
};

/** `def ask(model="…")`, `def ask(model: str = "…")`. */
export const parameterDefault: ValueMatcher = ({ node, p }) => {
  if (p?.type !== "default_parameter" && p?.type !== "typed_default_parameter") return undefined;
  if (!same(p.childForFieldName("value"), node)) return at(P.OTHER_VALUE);
  return at(MODEL_NAME.test(p.childForFieldName("name")?.text ?? "") ? P.MODEL_PARAMETER_DEFAULT : P.PARAMETER_DEFAULT);
};

/** `def default_model(): return "…"`. */
export const returnValue: ValueMatcher = ({ A, j, p }) => {
  if (p?.type !== "return_statement") return undefined;
  const name = enclosingFunction(A, j + 1)?.childForFieldName("name")?.text ?? "";
  return at(MODEL_NAME.test(name) ? P.MODEL_RETURN_VALUE : P.RETURN_VALUE);
};
