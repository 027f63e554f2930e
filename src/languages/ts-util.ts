import type { ts } from "ts-morph";

/**
 * The compiler API, loaded on first use (importing it costs 300–400 ms, so never at startup), and
 * small helpers over its nodes shared by the TypeScript/JavaScript adapter's modules.
 */
export let T: typeof ts;
let loading: Promise<typeof ts> | undefined;

export function loadTs(): Promise<typeof ts> {
  loading ??= import("ts-morph").then((m) => (T = m.ts));
  return loading;
}

/** Names of a node that has one: identifiers, string and numeric literal names, private names, literal computed names. */
export function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (T.isIdentifier(name) || T.isPrivateIdentifier(name) || T.isStringLiteralLike(name) || T.isNumericLiteral(name)) return name.text;
  if (T.isComputedPropertyName(name) && T.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

export type Wrapper = ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression | ts.TypeAssertion;

export function isWrapper(n: ts.Node | undefined): n is Wrapper {
  return (
    !!n &&
    (T.isParenthesizedExpression(n) || T.isAsExpression(n) || T.isSatisfiesExpression(n) || T.isNonNullExpression(n) || T.isTypeAssertionExpression(n))
  );
}

/** The expression without parentheses, `as`, `satisfies`, `!`. */
export function unwrap(e: ts.Expression): ts.Expression {
  let cur = e;
  while (isWrapper(cur)) cur = cur.expression;
  return cur;
}

/** `a.b["c"]` → ["a", "b", "c"]; the chain ends at anything that is not a name. */
export function chainNames(expr: ts.Expression): string[] {
  const out: string[] = [];
  let cur: ts.Node = expr;
  for (;;) {
    if (T.isPropertyAccessExpression(cur)) {
      out.unshift(cur.name.text);
      cur = cur.expression;
    } else if (T.isElementAccessExpression(cur) && T.isStringLiteralLike(cur.argumentExpression)) {
      out.unshift(cur.argumentExpression.text);
      cur = cur.expression;
    } else if (T.isNonNullExpression(cur) || T.isParenthesizedExpression(cur)) {
      cur = cur.expression;
    } else {
      if (T.isIdentifier(cur)) out.unshift(cur.text);
      else if (cur.kind === T.SyntaxKind.ThisKeyword) out.unshift("this");
      else if (T.isMetaProperty(cur)) out.unshift(`${T.tokenToString(cur.keywordToken)}.${cur.name.text}`);
      return out;
    }
  }
}
