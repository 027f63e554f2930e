import type { ts } from "ts-morph";
import type { Match, Site } from "../../../core/types.js";
import { MODEL_NAME as MODEL } from "../../../knowledge/naming.js";
import { P, at } from "../positions.js";
import { ownerNames, valueContext, type Literal } from "../syntax.js";
import { declaredType, literalInType, recordKeyType } from "../types.js";
import { T } from "../util.js";
import { firstMatch, type Matcher, type Scope } from "./context.js";

/** A literal type holding a match, with the union (and parentheses) around it. */
interface TypeCtx {
  s: Scope;
  m: Match;
  litType: ts.LiteralTypeNode;
  /** The outermost union or parenthesized type the literal type is a member of. */
  union: ts.TypeNode;
}

/** `Record<"deepseek-chat" | …, number>`: the key type. */
const recordKey: Matcher<TypeCtx> = ({ m, union }) => {
  const p = union.parent;
  return T.isTypeReferenceNode(p) && p.typeArguments?.[0] === union && T.isIdentifier(p.typeName) && p.typeName.text === "Record"
    ? at(P.recordKeyType, m.idStart)
    : undefined;
};

/** A member that a comparison or the keys of an object in the file depend on (markComparedTypes). */
const comparedMember: Matcher<TypeCtx> = ({ s, m, litType }) => {
  const compared = s.comparedTypes.get(litType.literal);
  if (!compared) return undefined;
  const line = s.sf.getLineAndCharacterOfPosition(compared.at.getStart(s.sf)).line + 1;
  const what = compared.kind === "key" ? "types the keys of an object" : "is compared against a value of this type";
  return at(compared.kind === "key" ? P.keyedTypeMember : P.comparedTypeMember, m.idStart, {
    advice: `${litType.literal.getText(s.sf)} ${what} at line ${line}: the type and that ${compared.kind} change together.`,
  });
};

/** Any other union member (or a lone literal type). */
const unionMember = ({ m, union }: TypeCtx): Site => {
  const members: string[] = [];
  const stack: ts.TypeNode[] = [union];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (T.isUnionTypeNode(t)) stack.push(...t.types);
    else if (T.isParenthesizedTypeNode(t)) stack.push(t.type);
    else if (T.isLiteralTypeNode(t) && T.isStringLiteralLike(t.literal)) members.push(t.literal.text);
  }
  return at(P.unionMember, m.idStart, { members, modelNamed: ownerNames(union).some((n) => MODEL.test(n)) });
};

/** In order: the first that matches decides. */
const TYPE_MEMBER: readonly Matcher<TypeCtx>[] = [recordKey, comparedMember, unionMember];

export function classifyType(s: Scope, litType: ts.LiteralTypeNode, m: Match): Site {
  let union: ts.TypeNode = litType;
  while (T.isUnionTypeNode(union.parent) || T.isParenthesizedTypeNode(union.parent)) union = union.parent;
  return firstMatch(TYPE_MEMBER, { s, m, litType, union })!;
}

/**
 * Literal types that a comparison in this file tests a value of that type against, or that type
 * the keys of a `Record<…>` object literal here (→ that comparison or key, in `s.comparedTypes`).
 * `type ChatModel = "deepseek-chat" | "gpt-4o"` … `if (m === "deepseek-chat")` with `m: ChatModel`:
 * the comparison is never renamed by default, so renaming the type's member alone would break the
 * type-check (the types have no overlap). Such a member is classified like the comparison.
 */
export function markComparedTypes(s: Scope, literals: Map<number, Literal>): void {
  const resolve = s.resolver;
  for (const m of s.input.matches) {
    const lit = literals.get(m.idStart);
    if (!lit || !(T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit))) continue;
    // `const PRICES: Record<ModelId, number> = { "deepseek-chat": … }`: the key and ModelId change together.
    const prop = lit.parent;
    if ((T.isPropertyAssignment(prop) || T.isMethodDeclaration(prop)) && prop.name === lit && T.isObjectLiteralExpression(prop.parent)) {
      const keyType = recordKeyType(prop.parent, resolve);
      const node = keyType && literalInType(keyType, lit.text, resolve);
      if (node && !s.comparedTypes.has(node)) s.comparedTypes.set(node, { at: prop, kind: "key" });
      continue;
    }
    const top = valueContext(lit).top;
    const p = top.parent;
    let operand: ts.Expression | undefined;
    if (T.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      const equality = [T.SyntaxKind.EqualsEqualsEqualsToken, T.SyntaxKind.EqualsEqualsToken, T.SyntaxKind.ExclamationEqualsEqualsToken, T.SyntaxKind.ExclamationEqualsToken];
      if (equality.includes(op)) operand = p.left === top ? p.right : p.left;
    } else if (T.isCaseClause(p) && p.expression === top) operand = p.parent.parent.expression;
    if (!operand) continue;
    const type = declaredType(operand, resolve);
    const node = type && literalInType(type, lit.text, resolve);
    if (node && !s.comparedTypes.has(node)) s.comparedTypes.set(node, { at: p, kind: "comparison" });
  }
}

