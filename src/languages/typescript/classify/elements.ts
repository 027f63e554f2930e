import type { ts } from "ts-morph";
import type { Site } from "../../../core/types.js";
import { MODEL_NAME as MODEL, MODEL_OPTION as MODEL_FLAG } from "../../../knowledge/naming.js";
import { MEMBERSHIP_METHODS } from "../data.js";
import { P } from "../positions.js";
import { ownerNames } from "../syntax.js";
import { T, chainNames, isWrapper } from "../util.js";
import { firstMatch, type Ctx, type Matcher } from "./context.js";

/** A string element of an array literal. */
interface ElementCtx {
  c: Ctx;
  arr: ts.ArrayLiteralExpression;
  /** The array, through the parentheses and casts around it. */
  recv: ts.Node;
}

/** `new Map([["deepseek-chat", …], …])`: entry keys are keys; values are model values when the map is model-named. */
const mapEntry: Matcher<ElementCtx> = ({ c, arr }) => {
  const outer = arr.parent;
  if (!T.isArrayLiteralExpression(outer) || !T.isNewExpression(outer.parent) || chainNames(outer.parent.expression).join(".") !== "Map") return undefined;
  const index = arr.elements.indexOf(c.top);
  if (index === 0) return c.at(P.mapEntryKey);
  if (index === 1) return c.at(ownerNames(outer.parent).some((n) => MODEL.test(n)) ? P.modelMapValue : P.mapValue);
  return undefined;
};

/** `["deepseek-chat", "deepseek-reasoner"].includes(model)`: a membership test. */
const membershipList: Matcher<ElementCtx> = ({ c, recv }) => {
  const acc = recv.parent;
  return T.isPropertyAccessExpression(acc) && acc.expression === recv && MEMBERSHIP_METHODS.includes(acc.name.text) ? c.at(P.membershipList) : undefined;
};

/** `spawn("agent", ["--model", "deepseek-chat"])`: the value of a command-line option. */
const commandLineOption: Matcher<ElementCtx> = ({ c, arr }) => {
  const prevEl = arr.elements[arr.elements.indexOf(c.top) - 1];
  return prevEl && T.isStringLiteralLike(prevEl) && MODEL_FLAG.test(prevEl.text) ? c.at(P.commandLineOption) : undefined;
};

/** `const REASONING_MODELS = [...]` … `REASONING_MODELS.includes(model)`: a membership test too. */
const listInMembershipTest: Matcher<ElementCtx> = ({ c, recv }) => {
  let owner: ts.Node = recv;
  for (;;) {
    const up: ts.Node = owner.parent;
    if (isWrapper(up) && up.expression === owner) owner = up;
    else if ((T.isNewExpression(up) || T.isCallExpression(up)) && (up.arguments ?? []).some((a) => a === owner)) owner = up;
    else break;
  }
  const test = T.isVariableDeclaration(owner.parent) && owner.parent.initializer === owner ? c.s.facts.membershipTest(owner.parent) : undefined;
  if (!test) return undefined;
  const line = c.s.sf.getLineAndCharacterOfPosition(test.getStart(c.s.sf)).line + 1;
  return c.at(P.membershipListMember, { advice: `This list is used in a membership test (line ${line}).` });
};

/** Any other array: a collection, model-named or not. */
const arrayMember = ({ c, arr }: ElementCtx): Site => {
  const members = arr.elements.flatMap((e) => (T.isStringLiteralLike(e) ? [e.text] : []));
  const names = ownerNames(arr);
  const expected = names.find((n) => expectedList(c.s.text, n));
  if (expected !== undefined)
    // Compared with what the code under test returns: renamed alone, the test fails (never safe).
    return c.at(P.arrayMember, {
      members,
      modelNamed: false,
      advice: `${expected} is the expected value of a test: rename it only together with the values it is compared with.`,
    });
  return c.at(P.arrayMember, { members, modelNamed: names.some((n) => MODEL.test(n)) });
};

/** A call that checks a value: `expect(x)`, `.toEqual(x)`, `assert.deepStrictEqual(a, x)`, `t.is(a, x)`. */
const CHECK_CALL = String.raw`(?:\bexpect|\bassert\w*|\.(?:to(?:Be|Equal|StrictEqual|Contain|Match|HaveBeenCalledWith|HaveProperty)\w*|\w*[Ee]qual\w*|is|same|eql|include|members))\s*\(`;

/**
 * The list bound to `name` is a test's expected value: its name says so (`expectedModels`), or the
 * name is an argument of a check call in the file (`expect(ids).toEqual(name)`).
 */
function expectedList(text: string, name: string): boolean {
  if (/^expected/i.test(name)) return true;
  const id = name.replace(/[$]/g, "\\$&");
  return new RegExp(`${CHECK_CALL}(?:[^;\\n]*?[,\\s(])?${id}(?![\\w$])`).test(text);
}

/** In order: the first that matches decides. */
const ELEMENT: readonly Matcher<ElementCtx>[] = [mapEntry, membershipList, commandLineOption, listInMembershipTest, arrayMember];

export function classifyElement(c: Ctx, arr: ts.ArrayLiteralExpression): Site {
  let recv: ts.Node = arr;
  while (isWrapper(recv.parent) && (recv.parent as ts.ParenthesizedExpression).expression === recv) recv = recv.parent;
  return firstMatch(ELEMENT, { c, arr, recv })!;
}
