import type { ts } from "ts-morph";
import { looksLikeSerializedResponse } from "../../../knowledge/responses.js";
import { P } from "../positions.js";
import { T } from "../util.js";
import type { Matcher } from "./context.js";

/**
 * Matchers for any literal, before its syntax is looked at: a recorded response wins everywhere, and
 * a literal that is not a plain string holding exactly the ID stops here.
 */

/** Inside an object shaped like a recorded response (knowledge/responses.ts). */
export const recordedResponse: Matcher = (c) => (c.s.inResponse(c.lit) ? c.at(P.recordedResponse) : undefined);

export const jsxText: Matcher = (c) => (T.isJsxText(c.lit) ? c.at(P.jsxText) : undefined);

/** A captured stream or serialized response in a string (test fixtures, SSE mocks) is history. */
export const serializedResponse: Matcher = (c) => {
  if (c.exact || T.isRegularExpressionLiteral(c.lit)) return undefined;
  const whole: ts.Node = T.findAncestor(c.lit, T.isTemplateExpression) ?? c.lit;
  return looksLikeSerializedResponse(c.s.text.slice(whole.getStart(c.s.sf), whole.end)) ? c.at(P.serializedResponse) : undefined;
};

export const templateOrRegex: Matcher = (c) =>
  !T.isStringLiteral(c.lit) && !T.isNoSubstitutionTemplateLiteral(c.lit) ? c.at(P.templateOrRegex) : undefined;

export const stringWithOtherText: Matcher = (c) => (c.exact ? undefined : c.at(P.stringWithOtherText));
