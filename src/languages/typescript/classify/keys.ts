import type { ts } from "ts-morph";
import { MODEL_NAME as MODEL } from "../../../knowledge/naming.js";
import { P } from "../positions.js";
import { T } from "../util.js";
import type { Matcher } from "./context.js";
import { classifyType } from "./type-members.js";

/**
 * Matchers for a plain string holding exactly the ID, by the syntax right around it: keys, enum
 * members, literal types, JSX attributes.
 */

/** `{ "deepseek-chat": … }`, `interface { "deepseek-chat": … }`, a class member's name. */
export const objectKey: Matcher = (c) => {
  const p = c.lit.parent;
  return (p as { name?: ts.Node }).name === c.lit && !T.isEnumMember(p) ? c.at(P.objectKey) : undefined;
};

/** `{ ["deepseek-chat"]: … }` */
export const computedKey: Matcher = (c) => (T.isComputedPropertyName(c.lit.parent) ? c.at(P.computedKey) : undefined);

/** `const { "deepseek-chat": price } = PRICES` */
export const destructuredKey: Matcher = (c) => {
  const p = c.lit.parent;
  return T.isBindingElement(p) && p.propertyName === c.lit ? c.at(P.destructuredKey) : undefined;
};

/** `PRICES["deepseek-chat"]` */
export const elementAccessKey: Matcher = (c) => {
  const p = c.lit.parent;
  return T.isElementAccessExpression(p) && p.argumentExpression === c.lit ? c.at(P.elementAccessKey) : undefined;
};

/** An enum member's name (a key) or its string value (a member of the enum). */
export const enumMember: Matcher = (c) => {
  const p = c.lit.parent;
  if (!T.isEnumMember(p)) return undefined;
  if (p.name === c.lit) return c.at(P.enumMemberName);
  const en = p.parent;
  return c.at(P.enumMember, {
    members: en.members.flatMap((x) => (x.initializer && T.isStringLiteralLike(x.initializer) ? [x.initializer.text] : [])),
    modelNamed: MODEL.test(en.name.text),
  });
};

/** A literal type: classified by the type around it (classify/types.ts). */
export const literalType: Matcher = (c) => {
  const p = c.lit.parent;
  return T.isLiteralTypeNode(p) ? classifyType(c.s, p, c.m) : undefined;
};

export const jsxAttribute: Matcher = (c) => {
  const p = c.lit.parent;
  return T.isJsxAttribute(p) || T.isJsxExpression(p) ? c.at(P.jsxAttribute) : undefined;
};
