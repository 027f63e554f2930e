/**
 * Comparison matchers (docs/positions.md): a value compared by an operator or a comparing method,
 * a case label, a match arm's pattern, a shell test or case pattern, a PowerShell switch arm.
 */
import { at, P } from "./positions.js";
import type { Context, Matcher } from "./context.js";
import { enclosingPair } from "./lexer.js";
import { CMP_AFTER, CMP_BEFORE, MATCH_HEADER } from "./patterns.js";

/** `m == "…"`, `"…".equals(m)`, `-eq "…"`. */
export const comparisonOperator: Matcher = ({ pre, after }) => (CMP_BEFORE.test(pre) || CMP_AFTER.test(after) ? at(P.comparison) : undefined);

/** `case "a", "b":` / `when "a", "b"`: a label after the first. */
export const caseLabel: Matcher = ({ cx, b }) => (caseList(cx, b) ? at(P.caseLabel) : undefined);

/** `"…" -> …` in a `when`; `"…" => …` inside `match {` / `switch {`. */
export const matchArm: Matcher = (v) => (v.arm() === "comparison" ? at(P.matchArm) : undefined);

/** Shell: `deepseek-chat)` in `case … in`. */
export const shellCasePattern: Matcher = ({ cx, s, b, after }) =>
  cx.spec.shell && /^[)|]/.test(after) && (/(?:^|[\n\r(|]|\bin|;;)\s*$/.test(cx.before(s, 40)) || b === 0) ? at(P.casePattern) : undefined;

/** Shell: `[ "$m" = "…" ]`. */
export const shellTest: Matcher = ({ cx, pre }) => (cx.spec.shell && /\s=$/.test(pre) ? at(P.testComparison) : undefined);

/** PowerShell: `switch ($m) { "…" { … } }`. */
export const powershellSwitchArm: Matcher = ({ cx, s, after }) =>
  cx.spec.powershell && after.startsWith("{") && /[{\n\r]\s*$/.test(cx.before(s, 20)) ? at(P.switchArm) : undefined;

/** `case "a", "b":` / `when "a", "b"`: walk back over earlier labels to the keyword. */
export function caseList(cx: Context, b: number): boolean {
  let p = b;
  for (let guard = 0; guard < 32; guard++) {
    if (cx.text[p - 1] !== "," && cx.text[p - 1] !== "|") return false;
    p = cx.back(p - 1);
    const r = cx.stringEndingAt(p);
    if (!r) return false;
    p = cx.back(r.start);
    if (/\b(?:case|when)$/i.test(cx.before(p, 12))) return true;
  }
  return false;
}

/**
 * After a value (and any further `, "…"` or `| "…"` alternatives): `->` ends a match arm (Kotlin
 * `when`, Elixir `case`); `=>` ends one inside `match {`/`switch {`, and is a hash key otherwise.
 */
export function armAfter(cx: Context, e: number): "comparison" | "key" | undefined {
  const { text } = cx;
  const first = cx.fwd(e);
  let p = first;
  for (let guard = 0; guard < 32; guard++) {
    const c = text[p];
    if (c !== "," && !(c === "|" && text[p + 1] !== "|")) break;
    const r = cx.lx.byStart.get(cx.fwd(p + 1));
    if (!r || r.type !== "string") break;
    p = cx.fwd(r.end);
  }
  const after = text.slice(p, p + 2);
  if (after === "->") return "comparison";
  if (after === "=>") {
    const pair = enclosingPair(cx.lx, e, e);
    if (pair && text[pair.open] === "{" && MATCH_HEADER.test(text.slice(Math.max(0, pair.open - 200), pair.open))) return "comparison";
    if (p === first) return "key";
  }
  return undefined;
}
