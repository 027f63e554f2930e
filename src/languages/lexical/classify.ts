/**
 * Lexical classification (docs/positions.md): for each match, the region it sits in (string,
 * comment, code) and the text around the value decide its named position. A value's position comes
 * from the first matcher of VALUE_MATCHERS that recognises its construct: the precedence is that
 * list's order. The matchers live in one file per family of constructs (comparisons, keys,
 * assignments, calls, sql, collections); the words they look for are data (patterns.ts).
 */
import type { Match } from "../../core/types.js";
import { looksLikeSerializedResponse } from "../../knowledge/responses.js";
import { EMBEDDED } from "./table.js";
import { enclosingPair, regionAt, type Region } from "./lexer.js";
import { at, P, POSITIONS_BY_ID, type Placed } from "./positions.js";
import { calleeBefore, Context, exprStart, type Matcher, type Value } from "./context.js";
import { assignmentBefore, headerIsModel } from "./names.js";
import { EXPECTATION_CALLS, MEMBERSHIP_AFTER, PLACEHOLDER, VALUE_SUFFIXES } from "./patterns.js";
import { caseLabel, comparisonOperator, matchArm, powershellSwitchArm, shellCasePattern, shellTest, armAfter } from "./comparisons.js";
import { entryKey, pairKey, subscript } from "./keys.js";
import { assignment, attribute, conditional, prongValue, returnValue } from "./assignments.js";
import { commandLineOption, defaultOperator, firstArgument, laterArgument, pairCallKey } from "./calls.js";
import { insertValue } from "./sql.js";
import { enumCase, listMember } from "./collections.js";

/** The context of a text, for adapters that classify embedded code (markup's script blocks). */
export { Context };

/** The value matchers, in precedence order: the first that recognises the value's construct places it. */
const VALUE_MATCHERS: readonly Matcher[] = [
  // 1. Comparisons.
  comparisonOperator,
  caseLabel,
  matchArm,
  shellCasePattern,
  shellTest,
  powershellSwitchArm,
  // 2. Keys.
  entryKey,
  subscript,
  pairKey,
  // Before assignments: the raw value of a string-backed enum's case (a member of the enum's values).
  enumCase,
  // 3. A name assigned by an operator, or without one (Elixir `@model "…"`); a switch prong's value (Zig).
  prongValue,
  assignment,
  attribute,
  // 4. Conditionals: model = cond ? "…" : "…".
  conditional,
  // 5. Call arguments.
  firstArgument,
  pairCallKey,
  laterArgument,
  defaultOperator,
  // 6. Command-line options; SQL INSERT values; return values; collections.
  commandLineOption,
  insertValue,
  returnValue,
  listMember,
];

/** Classify one match in a file of a table language. */
export function classifyMatch(cx: Context, m: Match): Placed {
  const { text, spec } = cx;
  const matchText = text.slice(m.start, m.end);
  const pre = cx.before(m.start, 200);
  if (PLACEHOLDER.test(pre) && text[m.end] === "}") return at(P.placeholderDefault);

  const r = regionAt(cx.lx, m.start);
  if (r && r.type === "comment") return at(P.comment);
  if (r) {
    if (r.delim.words) return wordList(cx, r, matchText);
    if (cx.content(r) !== matchText) {
      // A captured stream or serialized response in a string (test fixtures, mocks) is history.
      if (cx.depth === 0 && (looksLikeSerializedResponse(cx.content(r)) || looksLikeSerializedResponse(concatenation(cx, r)))) return at(P.serializedResponse);
      if (cx.depth === 0) return embedded(cx, r, m);
      return at(P.stringWithOtherText);
    }
    return valueContext(cx, r.start, r.end, matchText);
  }
  if (!spec.bareValues) return at(P.outsideString);
  const b = text[m.start - 1];
  const a = text[m.end];
  if ((b !== undefined && !/[\s=:(\[{,|>]/.test(b)) || (a !== undefined && !/[\s;)\]},|&#"'<]/.test(a))) return at(P.partOfWord);
  return valueContext(cx, m.start, m.end, matchText);
}

/**
 * The text of the string literals joined by `+` around r (`"{" + "\"model\":\"…\"," + "\"usage\":…"`):
 * a response written over several lines of a Java, Kotlin or C# test is one text.
 */
function concatenation(cx: Context, r: Region): string {
  const parts = [cx.content(r)];
  let p = cx.back(r.start);
  for (let guard = 0; guard < 200 && cx.text[p - 1] === "+"; guard++) {
    const prev = cx.stringEndingAt(cx.back(p - 1));
    if (!prev) break;
    parts.unshift(cx.content(prev));
    p = cx.back(prev.start);
  }
  p = cx.fwd(r.end);
  for (let guard = 0; guard < 200 && cx.text[p] === "+"; guard++) {
    const next = cx.lx.byStart.get(cx.fwd(p + 1));
    if (!next || next.type !== "string") break;
    parts.push(cx.content(next));
    p = cx.fwd(next.end);
  }
  return parts.length > 1 ? parts.join("") : "";
}

/** Ruby %w[], Elixir ~w(): each word is a member of a collection. */
function wordList(cx: Context, r: Region, matchText: string): Placed {
  const words = cx.content(r).split(/\s+/).filter(Boolean);
  if (!words.includes(matchText)) return at(P.partOfWord);
  if (MEMBERSHIP_AFTER.test(cx.text.slice(r.end, r.end + 40))) return at(P.membershipTest);
  return at(P.wordList, { members: words, modelNamed: headerIsModel(cx, exprStart(cx, r.start), 0) });
}

/**
 * Text inside a string with other text around the ID: a JSON body in a curl command or heredoc, an
 * env file written by `cat <<EOF`. The string's content is classified once more as embedded text
 * (escaped quotes become plain quotes, same length, so offsets stay valid).
 */
function embedded(cx: Context, r: Region, m: Match): Placed {
  let inner = cx.inner.get(r);
  if (!inner) {
    const raw = cx.content(r);
    if (raw.length > 200_000) return at(P.stringWithOtherText);
    // An escaped quote becomes the quote plus a filler (NUL) that counts as a blank: same length.
    let sub = raw.replace(/\\(["'])/g, "$1\u0000");
    if (r.delim.escape === "`") sub = sub.replace(/`(["'])/g, "$1\u0000");
    if (r.delim.doubled) {
      const qch = typeof r.delim.close === "string" ? r.delim.close : '"';
      if (qch.length === 1) sub = sub.split(qch + qch).join(qch + "\u0000");
    }
    const bare = cx.spec.bareValues || r.delim.heredoc || r.delim.closeLineStart;
    inner = new Context(sub, bare ? EMBEDDED.embedded : EMBEDDED.quoted, cx.depth + 1);
    cx.inner.set(r, inner);
  }
  const shifted: Match = { ...m, start: m.start - r.cStart, idStart: m.idStart - r.cStart, end: m.end - r.cStart };
  const res = classifyMatch(inner, shifted);
  if (res.kind === "other") return at(P.stringWithOtherText);
  // A serialized body that a test expects (`body shouldContain "{\"model\":\"…\"}"`) is compared
  // with what other code writes: that code keeps the old ID unless it is renamed as well.
  if (res.kind === "model" || res.kind === "collection") {
    const compared = comparedString(cx, r);
    if (compared) return compared;
  }
  // A key or comparison keeps saying where it is in a rename group's roles.
  if (res.kind !== "key" && res.kind !== "comparison") return res;
  return { ...res, detail: `inside a string: ${res.detail ?? POSITIONS_BY_ID.get(res.position!)!.label}` };
}

/**
 * Whether the string r is compared as a whole: an argument of a comparing call or an expectation
 * (`assertEquals("…", json)`, `body shouldContain "…"`), or the value of a name the file compares
 * (`val expected = """…"""` then `actual shouldBe expected`). Its position then, or undefined.
 */
/** Expected text (kind "other": a reviewed fix, renamed with the code that writes the text). */
function expected(how: string): Placed {
  return {
    ...at(P.expectedText, { detail: `expected text (${how})` }),
    advice: "Expected text: the code that writes the text it is compared with (a request body, a serialized value) keeps the old ID unless it is renamed with it; rename both together.",
  };
}

function comparedString(cx: Context, r: Region): Placed | undefined {
  const own = valueContext(cx, r.start, r.end, "");
  if (own.kind === "comparison") return expected(`compared: ${own.detail ?? "comparison"}`);
  const call = enclosingPair(cx.lx, r.start, r.end);
  if (call && cx.text[call.open] === "(") {
    const callee = calleeBefore(cx, call.open);
    if (EXPECTATION_CALLS.test(callee.last)) return expected(`argument of ${callee.last}()`);
  }
  const asg = assignmentBefore(cx, r.start);
  if (!asg || asg.op !== "=" || !/^\$?[A-Za-z_]\w*$/.test(asg.name)) return undefined;
  let seen = 0;
  for (const u of cx.usesOf(asg.name)) {
    if (u === asg.nameStart || regionAt(cx.lx, u) !== undefined) continue;
    if (++seen > 50) break;
    const use = valueContext(cx, u, u + asg.name.length, "");
    if (use.kind === "comparison") return expected(`compared as ${asg.name}`);
  }
  return undefined;
}

/** Classify a value token [s, e) (a string literal or a bare word whose text is the ID) from its surroundings. */
function valueContext(cx: Context, s: number, e: number, matchText: string): Placed {
  const { text, spec } = cx;
  if (spec.symbols && text[s - 1] === ":" && !/[\w:]/.test(text[s - 2] ?? "")) s--;
  const suffix = VALUE_SUFFIXES.exec(text.slice(e, e + 30));
  if (suffix) e += suffix[0].length;
  const b = cx.back(s);
  const a = cx.fwd(e);
  let arm: ReturnType<typeof armAfter> | null = null;
  const v: Value = {
    cx,
    s,
    e,
    b,
    a,
    pre: cx.before(b),
    after: text.slice(a, a + 40),
    matchText,
    arm: () => (arm === null ? (arm = armAfter(cx, e)) : arm),
    again: (s2, e2) => valueContext(cx, s2, e2, matchText),
  };
  for (const match of VALUE_MATCHERS) {
    const placed = match(v);
    if (placed) return placed;
  }
  return at(P.notKnown);
}
