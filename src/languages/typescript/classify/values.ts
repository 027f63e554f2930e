import type { ts } from "ts-morph";
import type { FlagFix } from "../../../core/types.js";
import { LABEL_KEY, MODEL_NAME as MODEL } from "../../../knowledge/naming.js";
import { P } from "../positions.js";
import { combineFlags, requestFlags } from "../requests.js";
import { ownerNames } from "../syntax.js";
import { T, chainNames, nameText } from "../util.js";
import { classifyArgument } from "./arguments.js";
import type { Matcher } from "./context.js";
import { classifyElement } from "./elements.js";

/**
 * Matchers for a plain string holding exactly the ID, by where its value flows (`c.top`: up through
 * wrappers, conditional branches and `??`/`||` defaults): a default, an operand, a case, an argument,
 * an initializer, a property value, a return value, an array element.
 */

/** The default of an environment lookup or a model-named expression: `process.env.MODEL ?? "…"`. */
export const lookupDefault: Matcher = (c) => {
  if (!c.value.modelDefault) return undefined;
  const flags = c.s.requestFlagsFor(c.top, c.m, true);
  return c.at(P.lookupDefault, flags ? { flags } : {});
};

function isEquality(op: ts.SyntaxKind): boolean {
  const K = T.SyntaxKind;
  return op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken || op === K.ExclamationEqualsEqualsToken || op === K.ExclamationEqualsToken;
}

/** A comparison (`===`, `in`), an assignment (`x.model = "…"`, `model ??= "…"`, `X_MODEL ||= "…"`), another operator. */
export const binaryOperand: Matcher = (c) => {
  const p = c.top.parent;
  if (!T.isBinaryExpression(p)) return undefined;
  const op = p.operatorToken.kind;
  if (isEquality(op) || (op === T.SyntaxKind.InKeyword && p.left === c.top)) return c.at(P.comparison);
  const assigns = op === T.SyntaxKind.EqualsToken || op === T.SyntaxKind.QuestionQuestionEqualsToken || op === T.SyntaxKind.BarBarEqualsToken;
  if (assigns && p.right === c.top) return c.at(chainNames(p.left).some((n) => MODEL.test(n)) ? P.modelAssignment : P.assignment);
  return c.at(P.operand);
};

export const switchCase: Matcher = (c) => {
  const p = c.top.parent;
  return T.isCaseClause(p) && p.expression === c.top ? c.at(P.switchCase) : undefined;
};

/** An argument of a call: classified by the call (classify/arguments.ts). */
export const callArgument: Matcher = (c) => {
  const p = c.top.parent;
  return T.isCallExpression(p) && p.arguments.includes(c.top) ? classifyArgument(c, p) : undefined;
};

export const constructorArgument: Matcher = (c) => (T.isNewExpression(c.top.parent) ? c.at(P.constructorArgument) : undefined);

/** A variable's initializer: a const that a request in the file uses as its model, a model-named variable. */
export const variableInitializer: Matcher = (c) => {
  const p = c.top.parent;
  if (!T.isVariableDeclaration(p) || p.initializer !== c.top) return undefined;
  const { usedAsModel, flows: allFlows } = c.s.facts.modelFacts();
  const flows = allFlows.get(p);
  if (flows) {
    const rule = c.s.rule(c.m);
    const flags = c.value.uncertain
      ? ({ status: "manual", edits: [] } as FlagFix)
      : combineFlags(flows.map((f) => requestFlags(f.obj, f.endpoint, rule, c.str, c.s.sf, c.s.style)));
    return c.at(P.requestModelConstant, flags ? { flags } : {});
  }
  const name = nameText(p.name);
  return c.at((name && MODEL.test(name)) || usedAsModel.has(p) ? P.modelVariable : P.variable);
};

/** The default of a parameter, a class field or a destructured name. */
export const bindingDefault: Matcher = (c) => {
  const p = c.top.parent;
  if (!((T.isBindingElement(p) || T.isParameter(p) || T.isPropertyDeclaration(p)) && p.initializer === c.top)) return undefined;
  const names = [nameText(p.name), T.isBindingElement(p) && p.propertyName ? nameText(p.propertyName) : undefined];
  return c.at(names.some((n) => n && MODEL.test(n)) ? P.modelDefault : P.defaultValue);
};

/** A property's value: under a model-named key path (a request's `model` gets flags), or a provider class's option. */
export const propertyValue: Matcher = (c) => {
  const p = c.top.parent;
  if (!T.isPropertyAssignment(p) || p.initializer !== c.top) return undefined;
  if (!ownerNames(c.top).some((n) => MODEL.test(n))) return c.at(c.s.facts.importedClassKey(p) ? P.providerClassOption : P.property);
  // `currentModel: { id: "…", displayName: "…" }`: a model's entry, equal to the catalogue's.
  const key = nameText(p.name);
  if (key !== undefined && !MODEL.test(key) && T.isObjectLiteralExpression(p.parent) && describesModel(p.parent)) return c.at(P.modelDescriptor);
  const flags = nameText(p.name) === "model" ? c.s.requestFlagsFor(c.top, c.m, c.value.uncertain) : undefined;
  return c.at(P.modelProperty, flags ? { flags } : {});
};

/** The object has a name for people (`displayName`, `label`, `title`): it describes a model. */
function describesModel(obj: ts.ObjectLiteralExpression): boolean {
  return obj.properties.some((q) => T.isPropertyAssignment(q) && LABEL_KEY.test(nameText(q.name) ?? ""));
}

export const returnedValue: Matcher = (c) => {
  const p = c.top.parent;
  if (!T.isReturnStatement(p) && !(T.isArrowFunction(p) && p.body === c.top)) return undefined;
  return c.at(ownerNames(c.top).some((n) => MODEL.test(n)) ? P.modelReturn : P.returnValue);
};

/** An element of an array literal: classified by the array (classify/elements.ts). */
export const arrayElement: Matcher = (c) => {
  const p = c.top.parent;
  return T.isArrayLiteralExpression(p) ? classifyElement(c, p) : undefined;
};
