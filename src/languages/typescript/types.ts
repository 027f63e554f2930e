import type { ts } from "ts-morph";
import { DEFAULT_METHODS } from "./data.js";
import { T, chainNames, isWrapper, nameText } from "./util.js";

/**
 * Same-file type constraints of a value (no type checker). A value in a model position whose
 * declared type is a literal union, an alias of one, `(typeof LIST)[number]`, `keyof typeof MAP`,
 * `z.infer<typeof Schema>` or a zod schema's `.default(…)` can be renamed only together with the
 * literal it is typed by: renaming one alone breaks the type-check (`Type '"deepseek-v4-flash"' is
 * not assignable to type 'DeepSeekModel'`). The adapter finds that literal and classifies the value
 * like it, so both get the same fix class.
 */

const MAX_DEPTH = 8;

/**
 * Resolves a name to its declaration in this file (the adapter's scope lookup). The adapter parses
 * without parent links and its walks set only those they need: `link` sets them from the root down
 * to a node reached downward (a type, a declaration) before anything here goes up from it.
 */
export interface Resolver {
  (id: ts.Identifier): ts.Node | undefined;
  link(node: ts.Node): void;
}

/** A type that admits any string: the value is not constrained. */
function isOpen(t: ts.TypeNode): boolean {
  return (
    t.kind === T.SyntaxKind.StringKeyword ||
    t.kind === T.SyntaxKind.AnyKeyword ||
    t.kind === T.SyntaxKind.UnknownKeyword ||
    T.isTemplateLiteralTypeNode(t)
  );
}

/** The type alias or interface named `name` visible from `from` (same file, by lexical scope). */
function findTypeDecl(name: string, from: ts.Node, resolve: Resolver): ts.TypeAliasDeclaration | ts.InterfaceDeclaration | undefined {
  resolve.link(from);
  for (let n: ts.Node | undefined = from; n; n = n.parent) {
    let statements: ts.NodeArray<ts.Statement> | undefined;
    if (T.isSourceFile(n) || T.isBlock(n) || T.isModuleBlock(n)) statements = n.statements;
    if (!statements) continue;
    for (const s of statements) {
      if ((T.isTypeAliasDeclaration(s) || T.isInterfaceDeclaration(s)) && s.name.text === name) return s;
    }
  }
  return undefined;
}

/** The type of property `name` of an object type (type literal, interface, alias, Partial<…>, intersection). */
function memberType(type: ts.TypeNode | undefined, name: string, resolve: Resolver, depth = 0): ts.TypeNode | undefined {
  if (!type || depth > MAX_DEPTH) return undefined;
  if (T.isParenthesizedTypeNode(type)) return memberType(type.type, name, resolve, depth + 1);
  if (T.isIntersectionTypeNode(type)) {
    for (const t of type.types) {
      const found = memberType(t, name, resolve, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (T.isTypeLiteralNode(type)) return propertyIn(type.members, name);
  if (T.isTypeReferenceNode(type) && T.isIdentifier(type.typeName)) {
    const ref = type.typeName.text;
    if (["Partial", "Readonly", "Required"].includes(ref) && type.typeArguments?.[0]) return memberType(type.typeArguments[0], name, resolve, depth + 1);
    const decl = findTypeDecl(ref, type, resolve);
    if (!decl) return undefined;
    if (T.isTypeAliasDeclaration(decl)) return memberType(decl.type, name, resolve, depth + 1);
    return propertyIn(decl.members, name);
  }
  return undefined;
}

function propertyIn(members: ts.NodeArray<ts.TypeElement>, name: string): ts.TypeNode | undefined {
  for (const m of members) if (T.isPropertySignature(m) && nameText(m.name) === name && m.type) return m.type;
  return undefined;
}

/** The element type of an array type (`T[]`, `readonly T[]`, `Array<T>`, an alias of one). */
function elementType(type: ts.TypeNode | undefined, resolve: Resolver, depth = 0): ts.TypeNode | undefined {
  if (!type || depth > MAX_DEPTH) return undefined;
  if (T.isParenthesizedTypeNode(type) || T.isTypeOperatorNode(type)) return elementType(type.type, resolve, depth + 1);
  if (T.isArrayTypeNode(type)) return type.elementType;
  if (T.isTypeReferenceNode(type) && T.isIdentifier(type.typeName)) {
    const ref = type.typeName.text;
    if ((ref === "Array" || ref === "ReadonlyArray") && type.typeArguments?.[0]) return type.typeArguments[0];
    const decl = findTypeDecl(ref, type, resolve);
    if (decl && T.isTypeAliasDeclaration(decl)) return elementType(decl.type, resolve, depth + 1);
  }
  return undefined;
}

/** The declared type of the position an expression is written into, if the file states one. */
function contextType(expr: ts.Expression, resolve: Resolver, depth = 0): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  resolve.link(expr);
  let cur: ts.Node = expr;
  for (;;) {
    const p: ts.Node = cur.parent;
    if ((T.isAsExpression(p) || T.isSatisfiesExpression(p) || T.isTypeAssertionExpression(p)) && p.expression === cur) {
      if (!(T.isTypeReferenceNode(p.type) && T.isIdentifier(p.type.typeName) && p.type.typeName.text === "const")) return p.type;
      cur = p;
    } else if (isWrapper(p) && p.expression === cur) cur = p;
    else if (T.isConditionalExpression(p) && (p.whenTrue === cur || p.whenFalse === cur)) cur = p;
    else if (
      T.isBinaryExpression(p) &&
      p.right === cur &&
      (p.operatorToken.kind === T.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === T.SyntaxKind.BarBarToken)
    )
      cur = p;
    else break;
  }
  const p = cur.parent;
  if ((T.isVariableDeclaration(p) || T.isParameter(p) || T.isPropertyDeclaration(p)) && p.initializer === cur) return p.type;
  if (T.isPropertyAssignment(p) && p.initializer === cur) {
    const n = nameText(p.name);
    return n === undefined ? undefined : memberType(contextType(p.parent, resolve, depth + 1), n, resolve);
  }
  if (T.isArrayLiteralExpression(p)) return elementType(contextType(p, resolve, depth + 1), resolve);
  if (T.isReturnStatement(p) || (T.isArrowFunction(p) && p.body === cur)) {
    const fn = T.isArrowFunction(p) ? p : T.findAncestor(p, T.isFunctionLike);
    return fn && (fn as ts.SignatureDeclaration).type ? (fn as ts.SignatureDeclaration).type : undefined;
  }
  const assign = [T.SyntaxKind.EqualsToken, T.SyntaxKind.QuestionQuestionEqualsToken, T.SyntaxKind.BarBarEqualsToken];
  if (T.isBinaryExpression(p) && p.right === cur && assign.includes(p.operatorToken.kind)) {
    // `model = "…"`: the variable's declared type.
    if (T.isIdentifier(p.left)) {
      const decl = resolve(p.left);
      return decl && (T.isVariableDeclaration(decl) || T.isParameter(decl)) ? decl.type : undefined;
    }
    // `this.model = "…"`: the class field's declared type.
    const names = chainNames(p.left);
    if (names.length === 2 && names[0] === "this") {
      const cls = T.findAncestor(p, T.isClassLike);
      for (const m of cls?.members ?? []) if (T.isPropertyDeclaration(m) && nameText(m.name) === names[1]) return m.type;
    }
    return undefined;
  }
  if (T.isCallExpression(p) && p.arguments.includes(cur as ts.Expression) && T.isIdentifier(p.expression)) {
    // A call of a function declared in this file: the parameter's type.
    const decl = resolve(p.expression);
    let fn: ts.SignatureDeclaration | undefined;
    if (decl && T.isFunctionDeclaration(decl)) fn = decl;
    else if (decl && T.isVariableDeclaration(decl) && decl.initializer && (T.isArrowFunction(decl.initializer) || T.isFunctionExpression(decl.initializer)))
      fn = decl.initializer;
    const param = fn?.parameters[p.arguments.indexOf(cur as ts.Expression)];
    return param && !param.dotDotDotToken ? param.type : undefined;
  }
  return undefined;
}

/** Where the literal that constrains a value sits: a node the adapter classifies like any match. */
export type Constraint = { node: ts.Node; via: string } | "open" | undefined;

/**
 * The literal that the value `lit` (a string literal in a model position) is typed by: a literal
 * type, an array element, an object value or key, a zod enum member with the same text. "open"
 * when the type admits any string; undefined when the file states no type or it cannot be followed.
 */
export function typeConstraint(lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, resolve: Resolver): Constraint {
  const id = lit.text;
  resolve.link(lit);
  // `z.enum([...]).default("…")`: the schema the default belongs to.
  const call = lit.parent;
  if (T.isCallExpression(call) && call.arguments[0] === lit && T.isPropertyAccessExpression(call.expression)) {
    if (DEFAULT_METHODS.includes(call.expression.name.text)) {
      const node = findInExpression(call.expression.expression, id, resolve, 0, false);
      return node ? { node, via: "the schema it is the default of" } : undefined;
    }
  }
  const type = contextType(lit, resolve);
  if (!type) return undefined;
  const found = findInType(type, id, resolve, 0);
  if (found === "open" || found === undefined) return found;
  return { node: found, via: "its declared type" };
}

/** A literal with text `id` inside a type (following same-file aliases and `typeof` queries). */
function findInType(type: ts.TypeNode, id: string, resolve: Resolver, depth: number): ts.Node | "open" | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (isOpen(type)) return "open";
  if (T.isLiteralTypeNode(type)) return T.isStringLiteralLike(type.literal) && type.literal.text === id ? type.literal : undefined;
  if (T.isParenthesizedTypeNode(type)) return findInType(type.type, id, resolve, depth + 1);
  if (T.isUnionTypeNode(type) || T.isIntersectionTypeNode(type)) {
    let hit: ts.Node | undefined;
    for (const t of type.types) {
      const r = findInType(t, id, resolve, depth + 1);
      // `"a" | string` and `string & {}` admit any string.
      if (r === "open") return "open";
      hit ??= r;
    }
    return hit;
  }
  if (T.isTypeReferenceNode(type)) {
    if (T.isIdentifier(type.typeName)) {
      const decl = findTypeDecl(type.typeName.text, type, resolve);
      if (decl && T.isTypeAliasDeclaration(decl)) return findInType(decl.type, id, resolve, depth + 1);
    }
    // `z.infer<typeof Schema>` and other generics over a `typeof` query.
    for (const arg of type.typeArguments ?? []) {
      if (T.isTypeQueryNode(arg)) {
        const r = findInQuery(arg, id, resolve, depth, false);
        if (r) return r;
      }
    }
    return undefined;
  }
  if (T.isIndexedAccessTypeNode(type)) {
    // `(typeof LIST)[number]`, `(typeof MAP)[keyof typeof MAP]`: the values.
    let obj = type.objectType;
    while (T.isParenthesizedTypeNode(obj)) obj = obj.type;
    if (T.isTypeQueryNode(obj)) return findInQuery(obj, id, resolve, depth, false);
    return findInType(obj, id, resolve, depth + 1);
  }
  if (T.isTypeOperatorNode(type) && type.operator === T.SyntaxKind.KeyOfKeyword) {
    // `keyof typeof MAP`: the keys.
    let inner = type.type;
    while (T.isParenthesizedTypeNode(inner)) inner = inner.type;
    if (T.isTypeQueryNode(inner)) return findInQuery(inner, id, resolve, depth, true);
    return undefined;
  }
  if (T.isTypeOperatorNode(type)) return findInType(type.type, id, resolve, depth + 1);
  return undefined;
}

function findInQuery(q: ts.TypeQueryNode, id: string, resolve: Resolver, depth: number, keys: boolean): ts.Node | undefined {
  if (!T.isIdentifier(q.exprName)) return undefined;
  const decl = resolve(q.exprName);
  if (!decl || !T.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  return findInExpression(decl.initializer, id, resolve, depth + 1, keys);
}

/**
 * A string literal with text `id` in a value expression: array elements, object values (or keys),
 * call arguments (`z.enum([...])`, `Object.freeze({...})`, `z.literal("…")`) and the receivers of
 * method chains (`z.enum([...]).optional()`).
 */
function findInExpression(expr: ts.Expression, id: string, resolve: Resolver, depth: number, keys: boolean): ts.Node | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = expr;
  if (isWrapper(e)) return findInExpression(e.expression, id, resolve, depth + 1, keys);
  if (!keys && T.isStringLiteralLike(e)) return e.text === id ? e : undefined;
  if (T.isArrayLiteralExpression(e)) {
    for (const el of e.elements) {
      const r = findInExpression(el, id, resolve, depth + 1, keys);
      if (r) return r;
    }
    return undefined;
  }
  if (T.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (keys) {
        if (p.name && T.isStringLiteralLike(p.name) && p.name.text === id) return p.name;
        if (p.name && T.isComputedPropertyName(p.name) && T.isStringLiteralLike(p.name.expression) && p.name.expression.text === id) return p.name.expression;
      } else if (T.isPropertyAssignment(p)) {
        const r = findInExpression(p.initializer, id, resolve, depth + 1, keys);
        if (r) return r;
      }
    }
    return undefined;
  }
  if (T.isCallExpression(e)) {
    for (const a of e.arguments) {
      const r = findInExpression(a, id, resolve, depth + 1, keys);
      if (r) return r;
    }
    if (T.isPropertyAccessExpression(e.expression)) return findInExpression(e.expression.expression, id, resolve, depth + 1, keys);
    return undefined;
  }
  if (T.isIdentifier(e)) {
    const decl = resolve(e);
    if (decl && T.isVariableDeclaration(decl) && decl.initializer) return findInExpression(decl.initializer, id, resolve, depth + 1, keys);
  }
  return undefined;
}

/**
 * The declared type of an expression that names a value: a variable, parameter or field
 * (`model`, `this.model`, `opts.model` with `opts` typed in this file).
 */
export function declaredType(expr: ts.Expression, resolve: Resolver, depth = 0): ts.TypeNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let e = expr;
  while (isWrapper(e)) e = e.expression;
  if (T.isIdentifier(e)) {
    const decl = resolve(e);
    if (decl && (T.isVariableDeclaration(decl) || T.isParameter(decl) || T.isPropertyDeclaration(decl))) return decl.type;
    return undefined;
  }
  if (T.isPropertyAccessExpression(e)) {
    const name = e.name.text;
    if (e.expression.kind === T.SyntaxKind.ThisKeyword) {
      resolve.link(e);
      const cls = T.findAncestor(e, T.isClassLike);
      for (const m of cls?.members ?? []) if (T.isPropertyDeclaration(m) && nameText(m.name) === name) return m.type;
      return undefined;
    }
    return memberType(declaredType(e.expression, resolve, depth + 1), name, resolve);
  }
  return undefined;
}

/** The literal with text `id` in a type (through same-file aliases); undefined when absent or the type is open. */
export function literalInType(type: ts.TypeNode, id: string, resolve: Resolver): ts.Node | undefined {
  const r = findInType(type, id, resolve, 0);
  return r === "open" ? undefined : r;
}

/**
 * The key type of the `Record<K, V>` an object literal is declared as (`const PRICES: Record<ModelId,
 * number> = {…}`), through same-file aliases and `Partial`/`Readonly`/`Required`.
 */
export function recordKeyType(obj: ts.ObjectLiteralExpression, resolve: Resolver): ts.TypeNode | undefined {
  let t = contextType(obj, resolve);
  for (let depth = 0; t && depth <= MAX_DEPTH; depth++) {
    if (T.isParenthesizedTypeNode(t)) t = t.type;
    else if (T.isTypeReferenceNode(t) && T.isIdentifier(t.typeName)) {
      const name = t.typeName.text;
      if (name === "Record") return t.typeArguments?.[0];
      if (["Partial", "Readonly", "Required"].includes(name)) t = t.typeArguments?.[0];
      else {
        const decl = findTypeDecl(name, t, resolve);
        t = decl && T.isTypeAliasDeclaration(decl) ? decl.type : undefined;
      }
    } else return undefined;
  }
  return undefined;
}

/** Generic helpers whose first argument is the object type itself. */
const WRAPPING = new Set(["Partial", "Readonly", "Required", "NonNullable", "Pick", "Omit"]);

function entityName(n: ts.EntityName): string {
  return T.isIdentifier(n) ? n.text : `${entityName(n.left)}.${n.right.text}`;
}

/** The name of a type the file does not declare (an import) that `type` ends at, through same-file aliases and wrappers. */
function undeclaredName(type: ts.TypeNode | undefined, resolve: Resolver, depth = 0): string | undefined {
  if (!type || depth > MAX_DEPTH) return undefined;
  if (T.isParenthesizedTypeNode(type) || T.isTypeOperatorNode(type)) return undeclaredName(type.type, resolve, depth + 1);
  if (T.isUnionTypeNode(type) || T.isIntersectionTypeNode(type)) {
    for (const t of type.types) {
      const n = undeclaredName(t, resolve, depth + 1);
      if (n) return n;
    }
    return undefined;
  }
  if (!T.isTypeReferenceNode(type)) return undefined;
  if (!T.isIdentifier(type.typeName)) return entityName(type.typeName);
  const name = type.typeName.text;
  if (WRAPPING.has(name)) return undeclaredName(type.typeArguments?.[0], resolve, depth + 1);
  const decl = findTypeDecl(name, type, resolve);
  if (!decl) return name === "Record" || name === "Array" || name === "ReadonlyArray" ? undefined : name;
  return T.isTypeAliasDeclaration(decl) ? undeclaredName(decl.type, resolve, depth + 1) : undefined;
}

/**
 * The imported type a value's declared type ends at, where the file cannot follow it: `const config:
 * Partial<IAConfig> = { model: "…" }` with `IAConfig` from another module, a literal union there
 * perhaps. A value nested in object literals takes the first declared type outwards. Undefined when
 * the file states no type, or follows it to the end (typeConstraint's cases).
 */
export function typedElsewhere(lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, resolve: Resolver): string | undefined {
  resolve.link(lit);
  let node: ts.Node = lit;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const t = contextType(node as ts.Expression, resolve);
    if (t) return undeclaredName(t, resolve);
    let cur: ts.Node = node;
    while (isWrapper(cur.parent) && cur.parent.expression === cur) cur = cur.parent;
    const p = cur.parent;
    if (T.isPropertyAssignment(p) && p.initializer === cur) node = p.parent;
    else if (T.isArrayLiteralExpression(p)) node = p;
    else return undefined;
  }
  return undefined;
}
