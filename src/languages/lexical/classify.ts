/**
 * Lexical classification (docs/contract.md §4): for each match, the region it sits in (string,
 * comment, code) and the text around the value decide the position kind. The patterns are data at
 * the top of the file; the functions below read them.
 */
import type { Match, PositionKind, Site } from "../../core/types.js";
import { EMBEDDED, type LanguageSpec } from "./table.js";
import { enclosingPair, lex, regionAt, type Lexed, type Region } from "./lexer.js";
import { MODEL_NAME, MODEL_OPTION_BEFORE } from "../../knowledge/naming.js";
import { RESPONSE_KEYS_IN_SOURCE, looksLikeSerializedResponse } from "../../knowledge/responses.js";

// ── patterns (data) ──────────────────────────────────────────────────────────────────────────

/** A name, key or key-path segment that makes its value a model position. */
/** Builder and setter methods whose argument is the model: .model("…"), .modelName("…"), WithModel("…"), openai.ChatModel("…"). */
export const MODEL_BUILDER = /^(?:with|set|use|for)?_?(?:chat_?|default_?|llm_?|lm_?)?model(?:_?(?:name|id))?[!?]?$/i;
/** Functions that compare their arguments. */
export const EQUALITY_FUNCS =
  /^(?:equals|equalsIgnoreCase|Equals|EqualFold|strcmp|strcasecmp|strncmp|stricmp|eq\??|equal\??|is_equal|isEqual|compare|Compare|casecmp\??|contains|Contains|includes|include\?|in_array|startsWith|StartsWith|HasPrefix|start_with\?|starts_with|assertEquals|assert_eq|assertEqual|assert_equal|expect|toBe|toEqual)$/;
/** Lookups of a key: PRICES.get("…"), fetch("…"), containsKey("…"). */
export const KEY_LOOKUPS = /^(?:get|getOrDefault|containsKey|ContainsKey|TryGetValue|has|hasKey|has_key\??|key\?|fetch|dig|Get|at|lookup|remove|delete|get_or_insert|entry|Item)$/;
/** Calls whose arguments alternate key, value: Map.of("deepseek-chat", 0.27, …). */
export const PAIR_CALLS = /^(?:Map\.of|ImmutableMap\.of|Map\.entry|entry|Pair|pair|hash|Hash|dict|Dict|map|Map|hash_map|hashMapOf)$/;
/** Setters whose first argument is a key when a value follows: m.insert("…", 0.27), map.put("…", x). */
export const KEY_SETTERS = /^(?:insert|put|set|Set|add|Add|TryAdd|store|Store|putIfAbsent|computeIfAbsent|setdefault|setItem|Insert)$/;
/** Environment and config getters whose second argument is a default: getEnv("X", "…"), ENV.fetch("X", "…"). */
export const ENV_GETTERS =
  /^(?:getenv|get_?env|getEnv|GetEnv|env|fetch|getOrDefault|getProperty|GetValue|get_env_or|getenv_or|envOr|EnvOr|getEnvOr|GetEnvOr|getEnvOrDefault|GetEnvOrDefault|LookupEnvOr|env_or|get|Get|getString|GetString)$/;
/** Calls that wrap a value without changing it: openai.F("…"), String::from("…"), Some("…"). */
export const WRAPPERS = /^(?:F|String|Str|Ptr|ptr|Some|Ok|from|ofNullable|Opt|NewOpt|Optional|Value|Param|param|str|lit|Literal|Text|constant|Const|toString|to_string)$/;
/** Method calls after a value that keep it: "…".to_string(), "…".freeze. */
export const VALUE_SUFFIXES = /^(?:\s*\.(?:to_string|into|to_owned|toString|as_str|freeze|dup|clone|intern|trim|strip)\(\s*\)|\s*\.(?:freeze|dup|strip)\b|!!)/;
/** Functions giving a default when a lookup is empty: .unwrap_or("…"), .orElse("…"). */
export const DEFAULT_FUNCS = /^(?:unwrap_or|or|orElse|getOrElse|or_else|unwrapOr|OrDefault|orDefault|default|withDefault|GetValueOrDefault)$/;
/** Operators giving a default: ??, ?:, ||, or, //. */
const DEFAULT_OPS = /(?:\?\?|\?:|\|\||\bor|\/\/)$/;
/** Closures giving a default: .unwrap_or_else(|_| "…"), .orElseGet(() -> "…"). */
const DEFAULT_CLOSURES = /(?:unwrap_or_else|or_else|orElseGet|getOrElse|unwrapOrElse)\(\s*(?:\|[^|]*\||\(\)\s*->|\{\s*(?:_\s*->)?)\s*$/;
/** What a getter call mentions when its default argument is a model position: config.get("k", "…"). */
const LOOKUP_WORDS = /env|environ|getenv|config|setting|option|propert|model|param/i;
/** What the expression before `??`, `||`, `?:`, `.unwrap_or(` must mention: an environment lookup or a model-named value. */
const ENV_WORDS = /env|environ|getenv|model/i;
/** Collection constructors: listOf("…"), List.of("…"), Arrays.asList("…"), vec!["…"], @("…"). */
export const COLLECTION_CTORS =
  /(?:^|[^\w.])(?:listOf|setOf|arrayOf|mutableListOf|mutableSetOf|hashSetOf|linkedSetOf|sortedSetOf|arrayListOf|List\.of|Set\.of|Arrays\.asList|ImmutableList\.of|ImmutableSet\.of|Stream\.of|EnumSet\.of|Seq|List|Set|Vector|Array|array|tuple|vec!|@|new\s+Set|new\s+HashSet\S*|new\s+List\S*|new\s+\w+\[\])\s*$/;
/** Membership tests after a collection: [...].include?(x), .contains(x). */
const MEMBERSHIP_AFTER = /^\s*\.(?:include\?|includes|contains|Contains|indexOf|index|member\?|has|any\?|count)(?!\w)/;
/** Comparison operators before a value. */
const CMP_BEFORE = /(?:===|!==|==|!=|<>|=~|!~|\beq|\bne|\bcase|\bwhen|-c?eq|-c?ne|-i?eq|-i?ne|-c?like|-c?notlike|-c?match|-c?notmatch|-c?contains|-c?notcontains|-c?in|-c?notin)$/i;
/** Comparison operators or comparing methods after a value. */
const CMP_AFTER = /^(?:===|!==|==|!=|<>|->|\s*\.\s*(?:equals|equalsIgnoreCase|Equals|eql\?|equal\?|casecmp\??|==|EqualFold)(?!\w))/;
/** `${spring.ai.model:deepseek-chat}`, `${MODEL:=deepseek-chat}`: a placeholder's default. */
const PLACEHOLDER = /\$\{([^{}\s]*?)(?::-|:=|:\?|:|-|=)$/;
/** Headers of a `{…}` whose arms compare: match x { "…" => }, x switch { "…" => }. */
const MATCH_HEADER = /\b(?:match|switch|case|when|select)\b[^{;\n]*$/;

const IDENT = /[A-Za-z0-9_$@.]/;
/** Blanks; NUL is the filler left where an escaped quote was unescaped (see embedded()). */
const WS = /[\s\u0000]/;

type Result = Pick<Site, "kind" | "detail" | "members" | "modelNamed">;

const other = (detail: string): Result => ({ kind: "other", detail });

// ── context ──────────────────────────────────────────────────────────────────────────────────

export class Context {
  readonly text: string;
  readonly lx: Lexed;
  /** Contexts of string contents already classified once (a heredoc with many IDs is lexed once). */
  readonly inner = new Map<Region, Context>();
  constructor(
    text: string,
    readonly spec: LanguageSpec,
    /** Nesting depth: text inside a string is classified once more, never deeper. */
    readonly depth = 0,
  ) {
    this.text = text;
    this.lx = lex(text, spec);
  }

  /** Skip blanks and comments backwards from p. */
  back(p: number): number {
    const { text } = this;
    while (p > 0) {
      if (WS.test(text[p - 1]!)) {
        p--;
        continue;
      }
      const r = this.lx.byEnd.get(p);
      if (r && r.type === "comment") {
        p = r.start;
        continue;
      }
      break;
    }
    return p;
  }

  /** Skip blanks and comments forwards from p. */
  fwd(p: number): number {
    const { text } = this;
    while (p < text.length) {
      if (WS.test(text[p]!)) {
        p++;
        continue;
      }
      const r = this.lx.byStart.get(p);
      if (r && r.type === "comment") {
        p = r.end;
        continue;
      }
      break;
    }
    return p;
  }

  /** Up to `max` characters before p on the same statement (stops at a line break unless `lines`). */
  before(p: number, max = 160): string {
    return this.text.slice(Math.max(0, p - max), p);
  }

  stringEndingAt(p: number): Region | undefined {
    const r = this.lx.byEnd.get(p);
    return r && r.type === "string" ? r : undefined;
  }

  content(r: Region): string {
    const c = this.text.slice(r.cStart, r.cEnd);
    return this.depth > 0 ? c.replace(/\u0000/g, "") : c;
  }
}

/** Classify one match in a file of a table language. */
export function classifyMatch(cx: Context, m: Match): Result {
  const { text, spec } = cx;
  const matchText = text.slice(m.start, m.end);
  const pre = cx.before(m.start, 200);
  const ph = PLACEHOLDER.exec(pre);
  if (ph && text[m.end] === "}") return { kind: "model", detail: "placeholder default ${…:…}" };

  const r = regionAt(cx.lx, m.start);
  if (r && r.type === "comment") return { kind: "comment", detail: "comment" };
  if (r) {
    if (r.delim.words) return wordList(cx, r, m, matchText);
    if (cx.content(r) !== matchText) {
      // A captured stream or serialized response in a string (test fixtures, mocks) is history.
      if (cx.depth === 0 && looksLikeSerializedResponse(cx.content(r))) return { kind: "response", detail: "serialized response" };
      if (cx.depth === 0) return embedded(cx, r, m);
      return other("string with other text");
    }
    return valueContext(cx, r.start, r.end, matchText);
  }
  if (!spec.bareValues) return other("outside a string");
  const b = text[m.start - 1];
  const a = text[m.end];
  if ((b !== undefined && !/[\s=:(\[{,|>]/.test(b)) || (a !== undefined && !/[\s;)\]},|&#"'<]/.test(a))) {
    return other("part of a longer word");
  }
  return valueContext(cx, m.start, m.end, matchText);
}

/** Ruby %w[], Elixir ~w(): each word is a member of a collection. */
function wordList(cx: Context, r: Region, m: Match, matchText: string): Result {
  const words = cx.content(r).split(/\s+/).filter(Boolean);
  if (!words.includes(matchText)) return other("part of a longer word");
  const after = cx.text.slice(r.end, r.end + 40);
  if (MEMBERSHIP_AFTER.test(after)) return { kind: "comparison", detail: "membership test" };
  const named = headerIsModel(cx, exprStart(cx, r.start), 0);
  return { kind: "collection", members: words, modelNamed: named, detail: "word list" };
}

/**
 * Text inside a string with other text around the ID: a JSON body in a curl command or heredoc, an
 * env file written by `cat <<EOF`. The string's content is classified once more as embedded text
 * (escaped quotes become plain quotes, same length, so offsets stay valid).
 */
function embedded(cx: Context, r: Region, m: Match): Result {
  let inner = cx.inner.get(r);
  if (!inner) {
    const raw = cx.content(r);
    if (raw.length > 200_000) return other("string with other text");
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
  if (res.kind === "other") return other("string with other text");
  return { ...res, detail: `inside a string: ${res.detail ?? res.kind}` };
}

/** Where the expression containing a literal at `open` starts: `[]string{`, `listOf(`, `new String[] {`. */
function exprStart(cx: Context, open: number): number {
  const { text } = cx;
  const p = cx.back(open);
  let s = p;
  while (s > 0 && /[A-Za-z0-9_.\[\]<>!@%*?&:$]/.test(text[s - 1]!)) {
    const c = text[s - 1]!;
    if (c === ">" && (text[s - 2] === "=" || text[s - 2] === "-")) break;
    if (c === ":" && text[s - 2] !== ":" && !(s >= 2 && text[s] === ":")) break;
    if (c === "?" && WS.test(text[s - 2] ?? "")) break;
    s--;
  }
  const m = /\bnew\s+$/.exec(text.slice(Math.max(0, s - 12), s));
  if (m) s -= m[0].length;
  return s;
}

interface Assignment {
  op: string;
  /** The assigned name (key, variable, field), as text. */
  name: string;
  nameStart: number;
  /** For =-like operators: the words of the declaration (`var DefaultModel string =`). */
  words: string;
}

/** The name assigned by the operator just before p, if any: `model = `, `"model": `, `Model: `, `'model' => `. */
function assignmentBefore(cx: Context, p: number): Assignment | undefined {
  const { text, spec } = cx;
  const b = cx.back(p);
  const tail = text.slice(Math.max(0, b - 3), b);
  let op: string | undefined;
  for (const cand of [":=", "?=", "+=", "=>", "<-", "::=", "="]) {
    if (tail.endsWith(cand)) {
      op = cand;
      break;
    }
  }
  if (op === "=" && /[=!<>~]=$/.test(tail)) return undefined;
  if (op === "=" && spec.shell && WS.test(text[b - 2] ?? "")) return undefined; // [ "$m" = "…" ] compares
  if (!op && tail.endsWith(":") && !tail.endsWith("::")) op = ":";
  if (!op && spec.sql && /\bDEFAULT$/i.test(cx.before(b, 10))) op = "DEFAULT";
  if (!op) return undefined;
  const q = cx.back(b - op.length);
  if (op === ":" && text[q - 1] === "?") return undefined;
  const { name, start } = readName(cx, q);
  // Declarations name their variable among a few words: `var DefaultModel string =`, `let model: String =`.
  // Shell-like words are commands and flags, so only the assigned name counts there.
  let words = "";
  if (op !== ":" && op !== "=>" && !spec.bareValues) {
    let s = start;
    while (s > 0 && s > start - 200 && !/[;{}(),\n\r]/.test(text[s - 1]!)) s--;
    words = text.slice(s, start);
  }
  if (op === "DEFAULT") {
    let s = b;
    while (s > 0 && s > b - 300 && !/[,(]/.test(text[s - 1]!)) s--;
    const col = text.slice(s, b).trim().split(/\s+/)[0] ?? "";
    return { op, name: col, nameStart: s, words: "" };
  }
  return { op, name, nameStart: start, words };
}

/** Read a name backwards from q: identifiers, quoted keys, subscripts, `$this->x`, `Foo::X`, `$env:X`, Ruby `:sym`. */
function readName(cx: Context, q: number): { name: string; start: number } {
  const { text } = cx;
  let p = q;
  const parts: string[] = [];
  for (let guard = 0; guard < 24 && p > 0; guard++) {
    const r = cx.stringEndingAt(p);
    if (r) {
      parts.unshift(cx.content(r));
      p = r.start;
      if (text[p - 1] === ":") p--;
      continue;
    }
    const c = text[p - 1]!;
    if (c === "]") {
      const o = cx.lx.closes.get(p - 1);
      if (o === undefined) break;
      parts.unshift(text.slice(o, p));
      p = o;
      continue;
    }
    if (c === "}" && parts.length === 0) {
      // C#: public string Model { get; set; } = "…"
      const o = cx.lx.closes.get(p - 1);
      if (o === undefined) break;
      p = cx.back(o);
      continue;
    }
    if (IDENT.test(c)) {
      let s = p - 1;
      while (s > 0 && IDENT.test(text[s - 1]!)) s--;
      parts.unshift(text.slice(s, p));
      p = s;
      continue;
    }
    if (c === ">" && text[p - 2] === "-") {
      p -= 2;
      continue;
    }
    if (c === ":" && text[p - 2] === ":") {
      p -= 2;
      continue;
    }
    if (c === ":" && /\$\w+$/.test(text.slice(Math.max(0, p - 24), p - 1))) {
      p--;
      continue;
    }
    if (c === ":" && parts.length > 0) p--; // Ruby :symbol
    break;
  }
  return { name: parts.join("."), start: p };
}

/** Whether the literal starting at `s` sits under a model-named name or key path. */
function headerIsModel(cx: Context, s: number, depth: number): boolean {
  const a = assignmentBefore(cx, s);
  if (a) {
    if (MODEL_NAME.test(a.name) || MODEL_NAME.test(a.words)) return true;
    if (a.op === ":" || a.op === "=>" || a.op === "=") return parentIsModel(cx, a.nameStart, depth + 1);
    return false;
  }
  return false;
}

/** Key paths: `models: { default: "…" }`, `'models' => ['default' => '…']`, HCL `variable "model" { default = "…" }`. */
function parentIsModel(cx: Context, pos: number, depth: number): boolean {
  if (depth > 4) return false;
  const pair = enclosingPair(cx.lx, pos, pos);
  if (!pair) return false;
  const open = cx.text[pair.open];
  if (open !== "{" && open !== "[") return false;
  if (cx.spec.blockLabels && open === "{") {
    const ls = cx.text.lastIndexOf("\n", pair.open) + 1;
    if (MODEL_NAME.test(cx.text.slice(ls, pair.open))) return true;
  }
  return headerIsModel(cx, exprStart(cx, pair.open), depth);
}

/**
 * Whether the literal object around `pos` is a recorded response: its own keys (not those of
 * nested objects) include choices or usage, or it says "object": "chat.completion…". Code blocks
 * (a class or function body) are never responses.
 */
function inResponse(cx: Context, pos: number): boolean {
  const pair = enclosingPair(cx.lx, pos, pos);
  if (!pair) return false;
  const { text } = cx;
  const open = text[pair.open];
  if (open !== "{" && open !== "[" && open !== "(") return false;
  const prev = text[cx.back(exprStart(cx, pair.open)) - 1] ?? "";
  if (cx.depth === 0 && !/[=:(,\[{>]/.test(prev)) return false;
  let top = "";
  for (let p = pair.open + 1; p < pair.close && top.length < 20_000; p++) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      top += text.slice(r.start, r.end);
      p = r.end - 1;
      continue;
    }
    const close = cx.lx.pairs.get(p);
    if (close !== undefined) {
      top += " ";
      p = close;
      continue;
    }
    top += text[p];
  }
  return RESPONSE_KEYS_IN_SOURCE.test(top);
}

/** The callee name before an opening parenthesis at `paren`. */
function calleeBefore(cx: Context, paren: number): { name: string; last: string; start: number } {
  const { text } = cx;
  let s = paren;
  while (s > 0 && /[A-Za-z0-9_$@.:!?>-]/.test(text[s - 1]!)) {
    const c = text[s - 1]!;
    if (c === ">" && text[s - 2] !== "-") break;
    if (c === "-" && text[s] !== ">") break;
    s--;
  }
  const name = text.slice(s, paren);
  const last = name.split(/\.|::|->|:/).pop() ?? name;
  return { name, last, start: s };
}

/** Classify a value token [s, e) (a string literal or a bare word whose text is the ID) from its surroundings. */
function valueContext(cx: Context, s: number, e: number, matchText: string): Result {
  const { text, spec } = cx;
  if (spec.symbols && text[s - 1] === ":" && !/[\w:]/.test(text[s - 2] ?? "")) s--;
  const suffix = VALUE_SUFFIXES.exec(text.slice(e, e + 30));
  if (suffix) e += suffix[0].length;
  const b = cx.back(s);
  const a = cx.fwd(e);
  const pre = cx.before(b);
  const after = text.slice(a, a + 40);

  // 1. Comparisons.
  if (CMP_BEFORE.test(pre)) return { kind: "comparison", detail: "comparison" };
  if (CMP_AFTER.test(after)) return { kind: "comparison", detail: "comparison" };
  if (caseList(cx, b)) return { kind: "comparison", detail: "case label" };
  const arm = armAfter(cx, e);
  if (arm === "comparison") return { kind: "comparison", detail: "match arm" };
  if (spec.shell && /^[)|]/.test(after) && (/(?:^|[\n\r(|]|\bin|;;)\s*$/.test(cx.before(s, 40)) || b === 0)) {
    return { kind: "comparison", detail: "case pattern" };
  }
  if (spec.shell && /\s=$/.test(pre)) return { kind: "comparison", detail: "test comparison" };
  if (spec.powershell && after.startsWith("{") && /[{\n\r]\s*$/.test(cx.before(s, 20))) {
    return { kind: "comparison", detail: "switch arm" };
  }

  // 2. Keys.
  if (arm === "key" || (after.startsWith(":") && !after.startsWith("::") && !after.startsWith(":=") && !pre.endsWith("?"))) {
    return { kind: "key", detail: "key" };
  }
  if (/^\s*\]/.test(after) && pre.endsWith("[")) return { kind: "key", detail: "subscript" };
  if (/^to\b/.test(after)) return { kind: "key", detail: "pair key" };

  // 3. A name assigned by an operator: model = "…", "model": "…", Model: "…", 'model' => '…'.
  const asg = assignmentBefore(cx, s);
  if (asg) {
    if (asg.op === "=" && spec.sql && !sqlSet(cx, b)) return { kind: "comparison", detail: "SQL comparison" };
    if (MODEL_NAME.test(asg.name) || MODEL_NAME.test(asg.words)) {
      if (inResponse(cx, s)) return { kind: "response", detail: "recorded response" };
      const label = MODEL_NAME.test(asg.name) ? asg.name.trim() : (/[\w$@.]*model[\w$@.]*/i.exec(asg.words)?.[0] ?? "a model name");
      return { kind: "model", detail: `${asg.op === "DEFAULT" ? "column default of" : "value of"} ${label}`.slice(0, 80) };
    }
    if ((asg.op === ":" || asg.op === "=>" || asg.op === "=") && parentIsModel(cx, asg.nameStart, 0)) {
      return { kind: "model", detail: "under a model key path" };
    }
    return other(`value of ${asg.name || "an expression"}`);
  }

  if (spec.bareAssign) {
    const ba = spec.bareAssign.exec(pre);
    if (ba) return MODEL_NAME.test(ba[1]!) ? { kind: "model", detail: `value of ${ba[0]}` } : other(`value of ${ba[0]}`);
  }

  // 4. Ternaries: model = cond ? "…" : "…".
  const tern = ternaryTarget(cx, b);
  if (tern !== undefined) return MODEL_NAME.test(tern) ? { kind: "model", detail: `value of ${tern} (conditional)` } : other("conditional value");

  // 5. Call arguments.
  if (text[b - 1] === "(") {
    const callee = calleeBefore(cx, b - 1);
    if (EQUALITY_FUNCS.test(callee.last)) return { kind: "comparison", detail: `argument of ${callee.last}()` };
    if (MODEL_BUILDER.test(callee.last)) return { kind: "model", detail: `argument of ${callee.last}()` };
    if (DEFAULT_FUNCS.test(callee.last) && ENV_WORDS.test(segment(cx, callee.start))) {
      return { kind: "model", detail: `default of a lookup (${callee.last})` };
    }
    if (WRAPPERS.test(callee.last) && text[a] === ")" && callee.start < b - 1) {
      return valueContext(cx, callee.start, a + 1, matchText);
    }
    if (KEY_LOOKUPS.test(callee.last) && !/^\s*,/.test(after)) return { kind: "key", detail: `lookup ${callee.last}()` };
    if (KEY_SETTERS.test(callee.last) && /^\s*,/.test(after)) return { kind: "key", detail: `key of ${callee.last}()` };
  }
  {
    const pair = enclosingPair(cx.lx, s, e);
    if (pair && text[pair.open] === "(") {
      const callee = calleeBefore(cx, pair.open);
      if (PAIR_CALLS.test(callee.name.split(".").slice(-2).join(".")) || PAIR_CALLS.test(callee.last)) {
        if (argIndex(cx, pair.open, s) % 2 === 0) return { kind: "key", detail: `key in ${callee.name}()` };
      }
    }
  }
  if (text[b - 1] === ",") {
    const prevEnd = cx.back(b - 1);
    const prev = cx.stringEndingAt(prevEnd);
    const pair = enclosingPair(cx.lx, s, e);
    const callee = pair && text[pair.open] === "(" ? calleeBefore(cx, pair.open) : undefined;
    if (callee && EQUALITY_FUNCS.test(callee.last)) return { kind: "comparison", detail: `argument of ${callee.last}()` };
    if (prev) {
      const prevIsFirst = !!pair && cx.back(prev.start) === pair.open + 1;
      // getEnv("X", "…"), ENV.fetch("X", "…"); a plain get("k", "…") only on a config or env object.
      const generic = /^(?:get|Get|getString|GetString)$/.test(callee?.last ?? "");
      if (callee && prevIsFirst && ENV_GETTERS.test(callee.last) && (!generic || LOOKUP_WORDS.test(callee.name + " " + cx.content(prev)))) {
        return { kind: "model", detail: `default of ${callee.name}()` };
      }
      if (/^[\w.:\-/]*model[\w.:\-/]*$/i.test(cx.content(prev)) && (!pair || text[pair.open] === "(")) {
        return { kind: "model", detail: `value after "${cx.content(prev)}"` };
      }
    }
  }
  if (DEFAULT_OPS.test(pre) && ENV_WORDS.test(segment(cx, b))) return { kind: "model", detail: "default of a lookup" };
  if (DEFAULT_CLOSURES.test(pre) && ENV_WORDS.test(segment(cx, b))) return { kind: "model", detail: "default of a lookup" };

  // 6. Command-line flags: --model deepseek-chat, -Model "…".
  if (spec.flagArgs && MODEL_OPTION_BEFORE.test(pre)) return { kind: "model", detail: "model flag" };

  // SQL: INSERT INTO t (name, model) VALUES ('a', '…'): the column at the same position.
  if (spec.sql) {
    const ins = sqlInsertColumn(cx, s, e);
    if (ins) {
      if (!MODEL_NAME.test(ins.col)) return other(`column ${ins.col}`);
      // model_id, model_key: the row is keyed by the model (a price table), so a rename could collide.
      if (/(?:^|_)(?:id|key)$|[a-z](?:Id|Key)$/i.test(ins.col)) return { kind: "key", detail: `key column ${ins.col}` };
      return { kind: "collection", members: ins.members, modelNamed: true, detail: `column ${ins.col}` };
    }
  }

  // 7. The return value of a function named for the model: func DefaultModel() string { return "…" }.
  const ret = returnOf(cx, s, e, b);
  if (ret) return { kind: "model", detail: `return value of ${ret}()` };

  // 8. Collections.
  const coll = collection(cx, s, e);
  if (coll) return coll;
  return other("not a known model position");
}

/** The model-named function whose body returns the value at [s, e) (`return "…"`, or the whole body). */
function returnOf(cx: Context, s: number, e: number, b: number): string | undefined {
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

/** The 0-based index of the argument at `pos` in the call whose parenthesis opens at `open`. */
function argIndex(cx: Context, open: number, pos: number): number {
  const { text } = cx;
  let k = 0;
  for (let p = open + 1; p < pos; p++) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      p = r.end - 1;
      continue;
    }
    const close = cx.lx.pairs.get(p);
    if (close !== undefined) {
      p = close;
      continue;
    }
    if (text[p] === ",") k++;
  }
  return k;
}

/** The statement text before p (to the previous ; { } or line break), for lookup words. */
function segment(cx: Context, p: number): string {
  const { text } = cx;
  let s = p;
  while (s > 0 && s > p - 300 && !/[;{}\n\r]/.test(text[s - 1]!)) s--;
  return text.slice(s, p);
}

/** `case "a", "b":` / `when "a", "b"`: walk back over earlier labels to the keyword. */
function caseList(cx: Context, b: number): boolean {
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
function armAfter(cx: Context, e: number): "comparison" | "key" | undefined {
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

/**
 * SQL: the column an INSERT … VALUES tuple member is stored in (when the statement lists its
 * columns), and that column's values in every tuple of the statement.
 */
function sqlInsertColumn(cx: Context, s: number, e: number): { col: string; members: string[] } | undefined {
  const { text } = cx;
  const tuple = enclosingPair(cx.lx, s, e);
  if (!tuple || text[tuple.open] !== "(") return undefined;
  // Walk back over earlier tuples: VALUES (…), (…), (…)
  let p = cx.back(tuple.open);
  let first = tuple.open;
  for (let guard = 0; guard < 10_000 && text[p - 1] === ","; guard++) {
    const prevClose = cx.back(p - 1) - 1;
    const o = cx.lx.closes.get(prevClose);
    if (o === undefined || text[prevClose] !== ")") return undefined;
    first = o;
    p = cx.back(o);
  }
  if (!/\bVALUES$/i.test(cx.before(p, 8))) return undefined;
  const colsClose = cx.back(p - 6) - 1;
  const colsOpen = cx.lx.closes.get(colsClose);
  if (colsOpen === undefined || text[colsClose] !== ")") return undefined;
  const cols = text.slice(colsOpen + 1, colsClose).split(",").map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ""));
  const index = argIndex(cx, tuple.open, s);
  const col = cols[index];
  if (col === undefined) return undefined;
  // The same column in every tuple of the statement.
  const members: string[] = [];
  for (let open = first, guard = 0; open !== undefined && guard < 10_000; guard++) {
    const close = cx.lx.pairs.get(open);
    if (close === undefined) break;
    const v = argAt(cx, open, close, index);
    if (v) members.push(v);
    const q = cx.fwd(close + 1);
    if (text[q] !== ",") break;
    const nextOpen = cx.fwd(q + 1);
    if (text[nextOpen] !== "(") break;
    open = nextOpen;
  }
  return { col, members };
}

/** The string content of argument `index` of the tuple (open, close), if it is a string. */
function argAt(cx: Context, open: number, close: number, index: number): string | undefined {
  let k = 0;
  for (let p = cx.fwd(open + 1); p < close; p = cx.fwd(p + 1)) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      if (k === index && r.type === "string") return cx.content(r);
      p = r.end - 1;
      continue;
    }
    const c = cx.lx.pairs.get(p);
    if (c !== undefined) {
      p = c;
      continue;
    }
    if (cx.text[p] === ",") k++;
  }
  return undefined;
}

/** SQL: is this `=` an assignment (after SET) rather than a comparison? */
function sqlSet(cx: Context, b: number): boolean {
  const window = cx.text.slice(Math.max(0, b - 2000), b);
  let last = "";
  for (const m of window.matchAll(/\b(SET|WHERE|AND|OR|ON|WHEN|HAVING|CASE|IF|WHILE|SELECT|VALUES|NOT)\b/gi)) last = m[1]!.toUpperCase();
  return last === "SET";
}

/** `model = cond ? "…" : "…"`: the name the conditional is assigned to. */
function ternaryTarget(cx: Context, b: number): string | undefined {
  const { text } = cx;
  let p = b;
  if (text[p - 1] === ":" && text[p - 2] !== ":") {
    const q = cx.back(p - 1);
    const r = cx.stringEndingAt(q);
    if (!r) return undefined;
    p = cx.back(r.start);
  }
  if (text[p - 1] !== "?" || text[p - 2] === "?") return undefined;
  const seg = segment(cx, p - 1);
  const m = /([A-Za-z_$@][\w$@.]*|["'][\w.-]+["'])\s*(?::=|=|:|=>)\s*(?![=>])[^=;]*$/.exec(seg);
  return m ? m[1]!.replace(/["']/g, "") : undefined;
}

/** A list literal of strings around [s, e): members, and whether it sits under a model-named name. */
function collection(cx: Context, s: number, e: number): Result | undefined {
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
    return { kind: "comparison", detail: "membership test" };
  }
  if (MEMBERSHIP_AFTER.test(text.slice(close + 1, close + 40))) return { kind: "comparison", detail: "membership test" };
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
  return { kind: "collection", members, modelNamed: named, detail: named ? "member of a model list" : "member of a list" };
}

// ── key=value files (.properties, .ini) ──────────────────────────────────────────────────────

interface KvLine {
  comment?: [number, number];
  key?: [number, number];
  value?: [number, number];
  path: string;
}

/** Classify matches in a key=value file: comments, keys, values (exact, quoted, or comma lists). */
export function classifyKv(text: string, spec: LanguageSpec, matches: Match[]): Map<number, Result> {
  const lines = kvLines(text, spec);
  const out = new Map<number, Result>();
  for (const m of matches) {
    const pre = text.slice(Math.max(0, m.start - 200), m.start);
    if (PLACEHOLDER.test(pre) && text[m.end] === "}") {
      out.set(m.idStart, { kind: "model", detail: "placeholder default ${…:…}" });
      continue;
    }
    const line = findLine(lines, m.start);
    if (!line) {
      out.set(m.idStart, other("not a key=value line"));
      continue;
    }
    const inside = (r?: [number, number]) => !!r && m.start >= r[0] && m.end <= r[1];
    if (inside(line.comment)) {
      out.set(m.idStart, { kind: "comment", detail: "comment" });
      continue;
    }
    if (inside(line.key)) {
      out.set(m.idStart, { kind: "key", detail: "key" });
      continue;
    }
    if (inside(line.value)) {
      const raw = text.slice(line.value![0], line.value![1]).trim();
      const unq = raw.replace(/^(["'])(.*)\1$/, "$2");
      const mt = text.slice(m.start, m.end);
      const named = MODEL_NAME.test(line.path);
      if (unq === mt) {
        out.set(m.idStart, named ? { kind: "model", detail: `value of ${line.path}` } : other(`value of ${line.path}`));
        continue;
      }
      const items = unq.split(",").map((x) => x.trim().replace(/^(["'])(.*)\1$/, "$2"));
      if (items.length > 1 && items.includes(mt) && items.every((x) => /^[\w.:/-]+$/.test(x))) {
        out.set(m.idStart, { kind: "collection", members: items, modelNamed: named, detail: `member of ${line.path}` });
        continue;
      }
    }
    out.set(m.idStart, other("value with other text"));
  }
  return out;
}

function kvLines(text: string, spec: LanguageSpec): { start: number; end: number; line: KvLine }[] {
  const out: { start: number; end: number; line: KvLine }[] = [];
  let section = "";
  const re = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  let prevContinues = false;
  let prevPath = "";
  for (const mm of text.matchAll(re)) {
    if (mm[0] === "" && mm.index! >= text.length) break;
    const start = mm.index!;
    const body = mm[0].replace(/[\r\n]+$/, "");
    const end = start + body.length;
    const lead = body.length - body.trimStart().length;
    const t = body.trimStart();
    const line: KvLine = { path: section };
    if (prevContinues) {
      line.value = [start + lead, end];
      line.path = prevPath;
      prevContinues = /\\$/.test(body);
      out.push({ start, end, line });
      continue;
    }
    if (t === "") {
      out.push({ start, end, line });
      continue;
    }
    if ((spec.kvComments ?? []).some((c) => t.startsWith(c))) {
      line.comment = [start + lead, end];
      out.push({ start, end, line });
      continue;
    }
    if (spec.kvSections && t.startsWith("[")) {
      const close = t.indexOf("]");
      section = close > 0 ? t.slice(1, close).trim() : t.slice(1);
      line.key = [start + lead, end];
      out.push({ start, end, line });
      continue;
    }
    // Key and separator: the first = or : (or a blank in .properties).
    let k = 0;
    while (k < t.length && t[k] !== "=" && t[k] !== ":" && !(spec.kvBlankSeparator && /\s/.test(t[k]!))) {
      if (t[k] === "\\") k++;
      k++;
    }
    const keyText = t.slice(0, k).trim();
    let v = k;
    while (v < t.length && /[ \t]/.test(t[v]!)) v++;
    if (t[v] === "=" || t[v] === ":") v++;
    let valueEnd = t.length;
    // ini: an inline comment starts at ; or # after a blank.
    if (spec.kvSections) {
      const ic = /\s[;#]/.exec(t.slice(v));
      if (ic) {
        valueEnd = v + ic.index;
        line.comment = [start + lead + valueEnd + 1, end];
      }
    }
    line.key = [start + lead, start + lead + keyText.length];
    line.value = [start + lead + v, start + lead + valueEnd];
    line.path = section ? `${section}.${keyText}` : keyText;
    prevContinues = !spec.kvSections && /\\$/.test(body);
    prevPath = line.path;
    out.push({ start, end, line });
  }
  return out;
}

function findLine(lines: { start: number; end: number; line: KvLine }[], pos: number): KvLine | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = lines[mid]!;
    if (pos < l.start) hi = mid - 1;
    else if (pos > l.end) lo = mid + 1;
    else return l.line;
  }
  return undefined;
}

export type { Result as LexicalResult };
export type { PositionKind };
