import type { ts } from "ts-morph";
import { ENV_GETTERS } from "./data.js";
import { MODEL_NAME as MODEL } from "../../knowledge/naming.js";
import { RESPONSE_KEYS, isResponseObjectType } from "../../knowledge/responses.js";
import { T, chainNames, isWrapper, nameText, unwrap } from "./util.js";

/**
 * Facts read off the syntax tree around one node (no file state): where a value flows, the names
 * it sits under, the declaration a name binds, offsets of words in the text.
 */

/** Literal nodes that can hold a match. */
export type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode | ts.JsxText | ts.RegularExpressionLiteral;

/** `process.env.X`, `process.env["X"]`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get("X")`. */
export function isEnvAccess(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (T.isCallExpression(x)) {
    const names = chainNames(x.expression);
    return names.join(".") === "Deno.env.get" || ENV_GETTERS.includes(names[names.length - 1] ?? "");
  }
  if (!T.isPropertyAccessExpression(x) && !T.isElementAccessExpression(x)) return false;
  const names = chainNames(x);
  const base = names.slice(0, -1).join(".");
  return base === "process.env" || base === "import.meta.env" || base === "Bun.env";
}

export interface ValueContext {
  /** The outermost expression the literal's value flows into. */
  top: ts.Expression;
  /** The value went through a conditional or a default (`a ?? "…"`): the model could be something else. */
  uncertain: boolean;
  /** The value is the default of an environment lookup or of a model-named expression. */
  modelDefault: boolean;
}

/**
 * The array literal a value is an entry of, through the objects around it:
 * `[{ id: "…" }, …]`, `[{ model: { id: "…" } }]`. Undefined when anything else stands between.
 */
export function entryList(lit: ts.Node): ts.ArrayLiteralExpression | undefined {
  let cur: ts.Node = lit;
  for (let guard = 0; guard < 16; guard++) {
    const p: ts.Node | undefined = cur.parent;
    if (!p) return undefined;
    if (isWrapper(p)) cur = p;
    else if (T.isPropertyAssignment(p) && p.initializer === cur) cur = p.parent;
    else if (T.isObjectLiteralExpression(cur) && T.isArrayLiteralExpression(p)) return p;
    else return undefined;
  }
  return undefined;
}

/** Follow the value up through wrappers, conditional branches and `??`/`||` defaults. */
export function valueContext(lit: ts.Expression): ValueContext {
  let cur: ts.Expression = lit;
  let uncertain = false;
  let modelDefault = false;
  for (;;) {
    const p = cur.parent;
    if (isWrapper(p) && p.expression === cur) {
      cur = p;
    } else if (T.isConditionalExpression(p) && (p.whenTrue === cur || p.whenFalse === cur)) {
      uncertain = true;
      cur = p;
    } else if (
      T.isBinaryExpression(p) &&
      p.right === cur &&
      (p.operatorToken.kind === T.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === T.SyntaxKind.BarBarToken)
    ) {
      uncertain = true;
      if (isEnvAccess(p.left) || chainNames(unwrap(p.left)).some((n) => MODEL.test(n))) modelDefault = true;
      cur = p;
    } else {
      return { top: cur, uncertain, modelDefault };
    }
  }
}

/**
 * The names a value sits under, innermost first: its variable, property key path, class field,
 * parameter, assignment target, type alias, or the function that returns it. Goes up through calls
 * that wrap it (`new Set([...])`, `z.enum([...])`, `Object.freeze(...)`) and method chains
 * (`z.string().default(...)`).
 */
export function ownerNames(start: ts.Node): string[] {
  const out: string[] = [];
  let cur: ts.Node = start;
  for (let guard = 0; guard < 64; guard++) {
    const p: ts.Node | undefined = cur.parent;
    if (!p) return out;
    if (isWrapper(p) || T.isParenthesizedTypeNode(p) || T.isUnionTypeNode(p) || T.isArrayTypeNode(p) || T.isTypeOperatorNode(p)) {
      cur = p;
    } else if ((T.isCallExpression(p) || T.isNewExpression(p)) && p.arguments?.includes(cur as ts.Expression)) {
      cur = p;
    } else if (T.isPropertyAccessExpression(p) && p.expression === cur && T.isCallExpression(p.parent) && p.parent.expression === p) {
      cur = p.parent;
    } else if (T.isCallExpression(p) && p.expression === cur) {
      cur = p;
    } else if (T.isVariableDeclaration(p) || T.isPropertyDeclaration(p) || T.isParameter(p) || T.isBindingElement(p) || T.isEnumDeclaration(p)) {
      const n = nameText(p.name);
      if (n) out.push(n);
      return out;
    } else if (T.isTypeAliasDeclaration(p)) {
      out.push(p.name.text);
      return out;
    } else if (T.isPropertySignature(p)) {
      const n = nameText(p.name);
      if (n) out.push(n);
      cur = p.parent;
      const owner = cur.parent;
      if (T.isInterfaceDeclaration(cur)) {
        out.push(cur.name.text);
        return out;
      }
      if (!owner) return out;
    } else if (T.isPropertyAssignment(p) && p.initializer === cur) {
      const n = nameText(p.name);
      if (n) out.push(n);
      cur = p.parent; // the object literal: continue with its own owner (key path)
    } else if (T.isBinaryExpression(p) && p.right === cur && p.operatorToken.kind === T.SyntaxKind.EqualsToken) {
      out.push(...chainNames(p.left).reverse());
      return out;
    } else if (T.isReturnStatement(p) || (T.isArrowFunction(p) && p.body === cur)) {
      const fn = T.isArrowFunction(p) ? p : T.findAncestor(p, T.isFunctionLike);
      if (!fn) return out;
      const n = functionName(fn);
      if (n) out.push(n);
      return out;
    } else {
      return out;
    }
  }
  return out;
}

export function functionName(fn: ts.Node): string | undefined {
  if ((T.isFunctionDeclaration(fn) || T.isMethodDeclaration(fn) || T.isGetAccessorDeclaration(fn) || T.isFunctionExpression(fn)) && fn.name)
    return nameText(fn.name);
  const p = fn.parent;
  if (p && (T.isVariableDeclaration(p) || T.isPropertyAssignment(p) || T.isPropertyDeclaration(p))) return nameText(p.name);
  return undefined;
}

export function isResponseObject(obj: ts.ObjectLiteralExpression): boolean {
  for (const p of obj.properties) {
    const n = nameText(p.name);
    if (!n) continue;
    if (RESPONSE_KEYS.includes(n)) return true;
    if (n === "object" && T.isPropertyAssignment(p) && T.isStringLiteralLike(p.initializer) && isResponseObjectType(p.initializer.text)) return true;
  }
  return false;
}

/**
 * The declaration a name refers to, by lexical scope (no type checker): variables, parameters,
 * functions, imports. The caller links the name to its ancestors first.
 */
export function lookupName(id: ts.Identifier): ts.Node | undefined {
  const name = id.text;
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (T.isFunctionLike(n)) {
      for (const p of n.parameters) if (bindsName(p.name, name)) return p;
    }
    if (T.isCatchClause(n) && n.variableDeclaration && bindsName(n.variableDeclaration.name, name)) return n.variableDeclaration;
    if ((T.isForStatement(n) || T.isForOfStatement(n) || T.isForInStatement(n)) && n.initializer && T.isVariableDeclarationList(n.initializer)) {
      for (const d of n.initializer.declarations) if (bindsName(d.name, name)) return d;
    }
    let statements: ts.NodeArray<ts.Statement> | undefined;
    if (T.isSourceFile(n) || T.isBlock(n) || T.isModuleBlock(n)) statements = n.statements;
    else if (T.isCaseClause(n) || T.isDefaultClause(n)) statements = n.statements;
    if (!statements) continue;
    for (const s of statements) {
      const target = T.isExportDeclaration(s) ? undefined : s;
      if (!target) continue;
      if (T.isVariableStatement(target)) {
        for (const d of target.declarationList.declarations) if (bindsName(d.name, name)) return T.isIdentifier(d.name) ? d : undefined;
      } else if ((T.isFunctionDeclaration(target) || T.isClassDeclaration(target) || T.isEnumDeclaration(target)) && target.name?.text === name) {
        return target;
      } else if (T.isImportDeclaration(target) && target.importClause) {
        const c = target.importClause;
        if (c.name?.text === name) return c;
        const b = c.namedBindings;
        if (b && T.isNamespaceImport(b) && b.name.text === name) return b;
        if (b && T.isNamedImports(b)) for (const e of b.elements) if (e.name.text === name) return e;
      }
    }
  }
  return undefined;
}

export function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (T.isIdentifier(name)) return name.text === wanted;
  for (const e of name.elements) if (!T.isOmittedExpression(e) && bindsName(e.name, wanted)) return true;
  return false;
}

export function lowerBound(arr: readonly number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted offsets of the occurrences of `words` (whole words only with `bounded`), plus every backslash (an escape can spell any name). */
export function wordOffsets(text: string, words: readonly string[] | RegExp, bounded: boolean): number[] {
  const out: number[] = [];
  if (words instanceof RegExp) {
    words.lastIndex = 0;
    for (let m = words.exec(text); m; m = words.exec(text)) out.push(m.index);
  } else {
    for (const w of words) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        // An ASCII name character next to it makes it part of a longer name; anything else may not.
        if (bounded && (isNameChar(text.charCodeAt(i - 1)) || isNameChar(text.charCodeAt(i + w.length)))) continue;
        out.push(i);
      }
    }
  }
  for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i + 1)) out.push(i);
  return out.sort((a, b) => a - b);
}

/** An ASCII character of a name (`[A-Za-z0-9_$]`); NaN (outside the text) is not. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}
