/**
 * Matchers of values assigned to names (docs/positions.md): `model = "…"`, `"model": "…"`,
 * `'model' => '…'`, a value under a model-named key path, an Elixir `@model "…"`, a branch of a
 * conditional, the return value of a model-named function.
 */
import { MODEL_NAME } from "../../knowledge/naming.js";
import { at, P } from "./positions.js";
import type { Context, Matcher } from "./context.js";
import { enclosingPair } from "./lexer.js";
import { assignmentBefore, inResponse, parentIsModel, ternaryTarget } from "./names.js";
import { sqlSet } from "./sql.js";

/** A name assigned by an operator: `model = "…"`, `"model": "…"`, `Model: "…"`, `'model' => '…'`, SQL `DEFAULT '…'`. */
export const assignment: Matcher = ({ cx, s, b }) => {
  const asg = assignmentBefore(cx, s);
  if (!asg) return undefined;
  if (asg.op === "=" && cx.spec.sql && !sqlSet(cx, b)) return at(P.sqlComparison);
  if (MODEL_NAME.test(asg.name) || MODEL_NAME.test(asg.words)) {
    if (inResponse(cx, s)) return at(P.recordedResponse);
    if (cx.spec.shell && asg.op === "=" && onlyInPaths(cx, asg)) return at(P.pathLabel);
    return at(asg.op === "DEFAULT" ? P.columnDefault : P.assignmentModel);
  }
  if ((asg.op === ":" || asg.op === "=>" || asg.op === "=") && parentIsModel(cx, asg.nameStart, 0)) return at(P.modelKeyPath);
  return at(P.assignmentOther);
};

/** A name before a value without an operator (the table's `bareAssign`): Elixir `@model "…"`. */
export const attribute: Matcher = ({ cx, pre }) => {
  const ba = cx.spec.bareAssign?.exec(pre);
  if (!ba) return undefined;
  return at(MODEL_NAME.test(ba[1]!) ? P.attributeModel : P.attributeOther);
};

/** `model = cond ? "…" : "…"`. */
export const conditional: Matcher = ({ cx, b }) => {
  const tern = ternaryTarget(cx, b);
  if (tern === undefined) return undefined;
  return at(MODEL_NAME.test(tern) ? P.conditionalModel : P.conditionalOther);
};

/** Zig (the table's `switchValues`): `const model = switch (t) { .fast => "…" }`, or `return switch …` in a model-named function. */
export const prongValue: Matcher = ({ cx, s, b }) => {
  const { text } = cx;
  if (!cx.spec.switchValues || text[b - 1] !== ">" || text[b - 2] !== "=") return undefined;
  const body = enclosingPair(cx.lx, s, s);
  if (!body || text[body.open] !== "{") return undefined;
  const close = cx.back(body.open) - 1;
  const open = text[close] === ")" ? cx.lx.closes.get(close) : undefined;
  const kw = open === undefined ? null : /\bswitch\s*$/.exec(cx.before(open, 16));
  if (!kw) return undefined;
  const sw = open! - kw[0].length;
  const asg = assignmentBefore(cx, sw);
  const named = asg ? MODEL_NAME.test(asg.name) || MODEL_NAME.test(asg.words) : !!returnOf(cx, sw, body.close + 1, cx.back(sw));
  return named ? at(P.prongModel) : undefined;
};

/** `func DefaultModel() string { return "…" }`. */
export const returnValue: Matcher = ({ cx, s, e, b }) => (returnOf(cx, s, e, b) ? at(P.returnValue) : undefined);

/** The model-named function whose body returns the value at [s, e) (`return "…"`, or the whole body). */
export function returnOf(cx: Context, s: number, e: number, b: number): string | undefined {
  const { text } = cx;
  const pair = enclosingPair(cx.lx, s, e);
  if (!pair || text[pair.open] !== "{") return undefined;
  const isReturn = /\breturn$/.test(cx.before(b, 8));
  const isBody = cx.back(s) === pair.open + 1 && /^;?\s*$/.test(text.slice(cx.fwd(e), pair.close).trim());
  if (!isReturn && !isBody) return undefined;
  let h = pair.open;
  while (h > 0 && h > pair.open - 300 && !/[;{}]/.test(text[h - 1]!)) h--;
  const header = text.slice(h, pair.open);
  if (/^\s*(?:if|else|while|for|foreach|switch|catch|when|match|do|try|unless|until)\b/.test(header)) return undefined;
  const m = /([A-Za-z_]\w*)\s*(?:<[^<>]*>)?\s*\([^()]*\)[^(){}=;]*$/.exec(header);
  return m && MODEL_NAME.test(m[1]!) ? m[1] : undefined;
}

/**
 * A shell variable that the script only uses as a segment of file paths (`RESULTS="out/$MODEL_NAME"`)
 * and does not export: it labels a folder of results or logs, which other scripts and past runs name
 * the same way, and no program reads it as its model.
 */
function onlyInPaths(cx: Context, asg: { name: string; nameStart: number }): boolean {
  const { text } = cx;
  if (!/^[A-Za-z_]\w*$/.test(asg.name)) return false;
  const ls = text.lastIndexOf("\n", asg.nameStart - 1) + 1;
  if (/\b(?:export|declare\s+-\w*x|typeset\s+-\w*x|set\s+-x)\b/.test(text.slice(ls, asg.nameStart))) return false;
  if (new RegExp(String.raw`\bexport\s+(?:\w+\s+)*${asg.name}\b`).test(text)) return false;
  let uses = 0;
  for (const m of text.matchAll(new RegExp(String.raw`\$(?:\{${asg.name}\}|${asg.name}\b)`, "g"))) {
    const before = text[m.index - 1] ?? "";
    const after = text[m.index + m[0].length] ?? "";
    if (before !== "/" && after !== "/") return false;
    uses++;
  }
  return uses > 0;
}
