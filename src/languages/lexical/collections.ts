/**
 * Collection matchers (docs/positions.md): a member of a list literal of strings (`[…]`, `{…}`,
 * `listOf(…)`, a shell array), under a model-named name or not, or tested for membership.
 */
import { at, P, type Placed } from "./positions.js";
import { exprStart, type Context, type Matcher } from "./context.js";
import { enclosingPair, type Region } from "./lexer.js";
import { headerIsModel } from "./names.js";
import { COLLECTION_CTORS, MEMBERSHIP_AFTER } from "./patterns.js";
import { MODEL_NAME } from "../../knowledge/naming.js";

/** `models := []string{"…", "…"}`, `listOf("…")`, `["…"].include?(m)`. */
export const listMember: Matcher = ({ cx, s, e }) => listAround(cx, s, e);

/**
 * The raw value of a case of a string-backed enum: PHP `enum Models: string { case CHAT = '…'; }`,
 * Swift `enum Model: String { case chat = "…" }`. The enum's raw values must differ (a duplicate is
 * a fatal error in PHP and a compile error in Swift), so each is a member of the collection of the
 * enum's raw values, under the enum's name: the rename may not make two cases equal, nor one equal
 * to a case that already holds the new ID.
 */
export const enumCase: Matcher = ({ cx, s, b }) => {
  const { text } = cx;
  if (text[b - 1] !== "=" || /[=!<>]/.test(text[b - 2] ?? "")) return undefined;
  const body = enclosingPair(cx.lx, s, s);
  if (!body || text[body.open] !== "{") return undefined;
  const header = ENUM_HEADER.exec(text.slice(Math.max(0, body.open - 200), body.open));
  if (!header || !CASE_BEFORE.test(text.slice(Math.max(0, b - 200), b - 1))) return undefined;
  const members: string[] = [];
  for (const r of cx.lx.regions) {
    if (r.start <= body.open || r.type !== "string") continue;
    if (r.start >= body.close) break;
    const rb = cx.back(r.start);
    if (text[rb - 1] !== "=" || enclosingPair(cx.lx, r.start, r.start)?.open !== body.open) continue;
    if (CASE_BEFORE.test(text.slice(Math.max(0, rb - 200), rb - 1))) members.push(cx.content(r));
  }
  const named = MODEL_NAME.test(header[1]!);
  return at(named ? P.modelEnumCase : P.enumCase, { members, modelNamed: named });
};

/** The header of a string-backed enum before its `{`: `enum Models: string`, `enum Model: String, Codable`. */
const ENUM_HEADER = /\benum\s+([A-Za-z_]\w*)\s*:\s*(?:string|String)\b[^{};]*$/;
/** The text before a case's `=`: `case CHAT `, or Swift's `case a = "…", b ` (several cases on one line). */
const CASE_BEFORE = /\bcase\s+`?[A-Za-z_]\w*`?(?:\s*=\s*"(?:[^"\\\n]|\\.)*"\s*,\s*`?[A-Za-z_]\w*`?)*\s*$/;

/** A list literal of strings around [s, e): members, and whether it sits under a model-named name. */
function listAround(cx: Context, s: number, e: number): Placed | undefined {
  const { text, spec } = cx;
  const members: string[] = [];
  const member = (r: Region | undefined, bs: number, be: number) => members.push(r ? cx.content(r) : text.slice(bs, be));
  member(cx.lx.byStart.get(s), s, e);
  const sep = (c: string | undefined) => c === ",";
  // Backwards to the opening bracket.
  let p = cx.back(s);
  let open = -1;
  for (let guard = 0; guard < 2_000; guard++) {
    const c = text[p - 1];
    if (c === "(" || c === "[" || c === "{") {
      open = p - 1;
      break;
    }
    let q = p;
    if (sep(c)) q = cx.back(p - 1);
    else if (!(spec.bareValues || spec.powershell) || p === s) return undefined;
    const r = cx.stringEndingAt(q);
    if (!r) return undefined;
    members.unshift(cx.content(r));
    p = cx.back(r.start);
  }
  if (open < 0) return undefined;
  const close = cx.lx.pairs.get(open);
  if (close === undefined) return undefined;
  // Forwards to the closing bracket: only strings in between.
  p = cx.fwd(e);
  for (let guard = 0; guard < 2_000 && p < close; guard++) {
    let q = p;
    if (sep(text[p])) q = cx.fwd(p + 1);
    else if (!(spec.bareValues || spec.powershell)) return undefined;
    if (q >= close) break; // trailing comma
    const r = cx.lx.byStart.get(q);
    if (!r || r.type !== "string") return undefined;
    members.push(cx.content(r));
    p = cx.fwd(r.end);
  }
  if (p !== close) return undefined;

  const start = exprStart(cx, open);
  const head = text.slice(start, open);
  const before = cx.before(cx.back(start), 40);
  const kindChar = text[open]!;
  if (/(?:^|\W)(?:in|IN|not\s+in|NOT\s+IN)\s*$/.test(cx.before(open, 20)) || /(?:in_array|includes|contains|Contains)\s*\([^()]*,\s*$/.test(before)) {
    return at(P.membershipTest);
  }
  if (MEMBERSHIP_AFTER.test(text.slice(close + 1, close + 40))) return at(P.membershipTest);
  if (kindChar === "(") {
    const isShellArray = (spec.shell || spec.bareValues) && /=$/.test(cx.before(open, 1));
    if (!isShellArray && !COLLECTION_CTORS.test(text.slice(Math.max(0, open - 40), open))) return undefined;
  } else if (kindChar === "[") {
    if (start === open && /[\w)\]]$/.test(cx.before(open, 1))) return undefined; // a subscript
  } else {
    // "{": a literal after an operator, a type (`[]string{`), or inside another literal; not a block.
    const prevCh = text[cx.back(start) - 1] ?? "";
    if (start === open && !/[=:(,{\[]/.test(prevCh) && !head) return undefined;
    if (/\)\s*$/.test(cx.before(open, 4)) || /\b(?:do|else|then|try|finally)\s*$/.test(cx.before(open, 12))) return undefined;
  }
  const named = headerIsModel(cx, start, 0);
  return at(named ? P.modelListMember : P.listMember, { members, modelNamed: named });
}
