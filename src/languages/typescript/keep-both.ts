import type { ts } from "ts-morph";
import type { KeepBoth, Match, Site } from "../../core/types.js";
import { insertAfterItem } from "../../fix/insert.js";
import type { Scope } from "./classify/context.js";
import { P } from "./positions.js";
import { valueContext } from "./syntax.js";
import { T, isWrapper } from "./util.js";

/**
 * The keep-both edits of an object key, a switch case, a comparison or a membership array
 * (docs/groups.md): the new ID added beside the old, so renamed values and old data both work.
 */
export function keepBoth(s: Scope, lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, site: Site, m: Match): KeepBoth | undefined {
  const rule = s.rule(m);
  const start = lit.getStart(s.sf);
  const quote = s.text[start]!;
  const target = `${quote}${m.prefix}${rule.target}${quote}`;
  const parent = lit.parent;
  if (site.kind === "key") {
    if (!T.isPropertyAssignment(parent) || parent.name !== lit || !T.isObjectLiteralExpression(parent.parent)) return undefined;
    if (!plainTsValue(parent.initializer)) return undefined;
    const edit = insertAfterItem(s.text, { startIndex: parent.getStart(s.sf), endIndex: parent.end }, `${target}: ${parent.initializer.getText(s.sf)}`);
    return edit && { edits: [edit], scope: [parent.parent.getStart(s.sf), parent.parent.end], shape: "entry" };
  }
  const ctx = valueContext(lit);
  if (ctx.top !== lit && !(isWrapper(ctx.top) && !ctx.uncertain)) return undefined;
  const top = ctx.top;
  const p = top.parent;
  if (T.isCaseClause(p) && p.expression === top) {
    // `case "deepseek-chat":` gains a `case "deepseek-v4-flash":` label before it (falling through).
    const at = p.getStart(s.sf);
    const lineStart = s.text.lastIndexOf("\n", at - 1) + 1;
    const indent = s.text.slice(lineStart, at);
    const eol = s.text[lineStart - 2] === "\r" ? "\r\n" : "\n";
    const label = /^\s*$/.test(indent) ? `case ${target}:${eol}${indent}` : `case ${target}: `;
    return { edits: [{ start: at, end: at, text: label }], scope: [p.parent.getStart(s.sf), p.parent.end], shape: "label" };
  }
  if (T.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    const eq = op === T.SyntaxKind.EqualsEqualsEqualsToken || op === T.SyntaxKind.EqualsEqualsToken;
    const ne = op === T.SyntaxKind.ExclamationEqualsEqualsToken || op === T.SyntaxKind.ExclamationEqualsToken;
    const other = p.left === top ? p.right : p.left;
    if ((!eq && !ne) || !plainTsName(other)) return undefined;
    // `m === "a"` → `(m === "a" || m === "b")`; `m !== "a"` → `(m !== "a" && m !== "b")`.
    const from = p.getStart(s.sf);
    const copy = s.text.slice(from, start) + target + s.text.slice(lit.end, p.end);
    let scope: ts.Node = p;
    for (let n: ts.Node = p.parent; n && !T.isSourceFile(n) && !T.isFunctionLike(n); n = n.parent) {
      if (T.isIfStatement(n) || T.isConditionalExpression(n)) scope = n;
      else if (T.isBlock(n) && scope !== p) break;
    }
    // Parentheses unless the comparison already sits in its own (an `if`, a parenthesized test).
    const bare = (T.isIfStatement(p.parent) || T.isWhileStatement(p.parent) || T.isParenthesizedExpression(p.parent)) && (p.parent as { expression: ts.Node }).expression === p;
    return {
      edits: [
        ...(bare ? [] : [{ start: from, end: from, text: "(" }]),
        { start: p.end, end: p.end, text: ` ${eq ? "||" : "&&"} ${copy}${bare ? "" : ")"}` },
      ],
      scope: [scope.getStart(s.sf), scope.end],
      shape: "comparison",
    };
  }
  if (T.isArrayLiteralExpression(p) && (site.position === P.membershipList.id || site.position === P.membershipListMember.id)) {
    let last: ts.Node = top;
    for (const e of p.elements) {
      if (!T.isStringLiteralLike(e)) continue;
      const v = e.text;
      const r = s.input.ruleset.rules.find((x) => v === x.legacyId || v.endsWith(`/${x.legacyId}`) || v.endsWith(`:${x.legacyId}`));
      if (r && r.target === rule.target && e.pos > last.pos) last = e;
    }
    return { edits: [{ start: last.end, end: last.end, text: `, ${target}` }], scope: [p.getStart(s.sf), p.end], shape: "item" };
  }
  return undefined;
}

/** A value that can be copied into a second entry: a literal or a name, no call. */
export function plainTsValue(node: ts.Expression): boolean {
  let plain = true;
  const visit = (n: ts.Node): void => {
    if (!plain) return;
    if (T.isCallExpression(n) || T.isNewExpression(n) || T.isFunctionLike(n) || T.isAwaitExpression(n) || T.isTemplateExpression(n) || T.isSpreadAssignment(n) || T.isSpreadElement(n) || T.isClassExpression(n)) plain = false;
    else n.forEachChild(visit);
  };
  visit(node);
  return plain;
}

/** A name that can be written twice: `m`, `cfg.model`, `cfg["model"]`, no call. */
export function plainTsName(node: ts.Expression): boolean {
  if (T.isIdentifier(node)) return true;
  if (T.isPropertyAccessExpression(node)) return plainTsName(node.expression);
  if (T.isElementAccessExpression(node)) return T.isStringLiteralLike(node.argumentExpression) && plainTsName(node.expression);
  return node.kind === T.SyntaxKind.ThisKeyword;
}
