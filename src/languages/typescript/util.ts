import { createRequire } from "node:module";
import type { ts } from "ts-morph";
import { requireCached } from "../../engine/code-cache.js";

/**
 * The compiler API, loaded on first use (importing it is slow: never at startup), and
 * small helpers over its nodes shared by the TypeScript/JavaScript adapter's modules.
 */
export let T: typeof ts;
let loading: Promise<typeof ts> | undefined;

export function loadTs(): Promise<typeof ts> {
  loading ??= Promise.resolve().then(() => (T = loadCompiler()));
  return loading;
}

/**
 * The compiler that ts-morph bundles (`import { ts } from "ts-morph"` is the same object), loaded
 * from its file directly with a V8 code cache: without ts-morph's own modules, and with the
 * compile step cached across runs (see src/engine/code-cache.ts).
 */
function loadCompiler(): typeof ts {
  const req = createRequire(import.meta.url);
  let file: string;
  try {
    file = createRequire(req.resolve("ts-morph")).resolve("@ts-morph/common/dist/typescript.js");
  } catch {
    return req("ts-morph").ts as typeof ts;
  }
  return requireCached<typeof ts>(file, (t) => {
    const sf = t.createSourceFile("warm.ts", WARM_UP, t.ScriptTarget.Latest, true, t.ScriptKind.TSX);
    const visit = (n: ts.Node): void => t.forEachChild(n, visit);
    visit(sf);
  });
}

const WARM_UP = `import OpenAI from "openai";
const client = new OpenAI({ baseURL: "https://api.deepseek.com" });
export const MODEL = process.env.MODEL ?? "deepseek-chat";
type M = "a" | "b";
enum E { A = "a" }
export async function f(x: M): Promise<void> {
  const r = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: \`hi \${x}\` }], ...{ thinking: { type: "disabled" } } });
  if (x === "a") switch (x) { case "a": break; }
  console.log(r.choices[0]?.message.content, [1, 2].map((n) => n * 2), <div title="t">{x}</div>);
}
`;

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
