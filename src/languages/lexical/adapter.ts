import type { Adapter, AdapterInput, AdapterOutput, Site } from "../../core/types.js";
import { LANGUAGES_BY_NAME, type LanguageSpec } from "./table.js";
import { classifyMatch } from "./classify.js";
import { Context, exprStart } from "./context.js";
import { classifyKv } from "./kv.js";
import { at, P } from "./positions.js";
import { capturedMatches } from "../../knowledge/captures.js";
import { enclosingPair, regionAt, type Lexed } from "./lexer.js";
import { LIST_CALL } from "./patterns.js";
import { detectOtherHost, hostsNamedIn, scopedSite, verdictOf, type HostMentions, type HostVerdict } from "../../rules/hosts.js";
import type { Match } from "../../core/types.js";
import { markEntryCollisions, type EntryList } from "../shared/entry-collisions.js";
import { markConstantCollisions } from "../shared/constant-collisions.js";

/**
 * The fallback for file kinds nobody knows (an unknown extension): every match is reported as
 * "other" (unsafe), never skipped. Languages of the table (table.ts) get a lexical
 * adapter from `lexicalAdapter(name)` instead.
 */
export const adapter: Adapter = {
  name: "lexical",
  description: "any other text file: every match reported, reviewed by hand (recorded captures: never edited)",
  scan(input: AdapterInput): AdapterOutput {
    // A log, a stream capture (.sse), a snapshot: a recorded response or stream chunk is history.
    const captured = capturedMatches(input.text, input.matches);
    const sites: Site[] = input.matches.map((m) =>
      captured.has(m.idStart)
        ? { idStart: m.idStart, ...at(P.recordedCapture) }
        : { idStart: m.idStart, ...at(P.unknownKind) },
    );
    return { sites };
  },
};

/**
 * Log files (.log): what a run printed, history like a recorded response. Every match is a log line,
 * never edited (a rename there changes no request; the next run writes the new ID itself).
 */
export const logAdapter: Adapter = {
  name: "log",
  description: "log files: a record of a run, never edited",
  scan(input: AdapterInput): AdapterOutput {
    const advice = "A log file: a record of a run, never edited; the next run logs the new ID itself.";
    return { sites: input.matches.map((m) => ({ idStart: m.idStart, ...at(P.logLine), advice })) };
  },
};

/** Classify every match of a text in a table language (strings, comments, the text around values). */
export function scanWithSpec(spec: LanguageSpec, input: Pick<AdapterInput, "text" | "matches"> & { ruleset?: AdapterInput["ruleset"] }): Site[] {
  if (input.matches.length === 0) return [];
  if (spec.mode === "kv") {
    const res = classifyKv(input.text, spec, input.matches);
    return input.matches.map((m) => ({ idStart: m.idStart, ...(res.get(m.idStart) ?? at(P.kvText)) }));
  }
  const cx = new Context(input.text, spec);
  // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
  const scope = detectOtherHost(input.text) !== undefined ? bracketScope(cx) : undefined;
  const sites: Site[] = input.matches.map((m) => ({ idStart: m.idStart, ...classifyMatch(cx, m), ...(scope ? scopedSite(scope(m)) : {}) }));
  if (input.ruleset) {
    markEntryCollisions(sites, input.matches, input.ruleset, (site) => entryListOf(cx, site.idStart), P.collidingEntry.id);
    markConstantCollisions(sites, input.matches, input.ruleset, input.text, {
      declared: DECLARED,
      position: P.collidingConstant.id,
      inCode: (pos) => regionAt(cx.lx, pos) === undefined,
    });
  }
  return sites;
}

/**
 * The list literal whose entry (a `{…}` or `[…]` literal, or a constructor call) holds the value at
 * `pos`: `[{'id': '…'}, {'id': '…'}]` (Dart, PHP, Swift, Ruby, Rust's `vec![…]`), Go's
 * `[]Model{{ID: "…"}, …}`, C#'s `new List<Model> { new(model: "…"), … }`, Java's `new Model[] {…}`,
 * `listOf(…)` / `List.of(…)`. Undefined elsewhere (an object inside a function body or an argument
 * of an ordinary call is no list entry).
 */
function entryListOf(cx: Context, pos: number): EntryList | undefined {
  const entry = enclosingPair(cx.lx, pos, pos) as Lexed["nest"][number] | undefined;
  if (!entry || entry.parent < 0) return undefined;
  const { text } = cx;
  const kind = text[entry.open];
  const list = cx.lx.nest[entry.parent]!;
  const start = Math.max(exprStart(cx, entry.open), list.open + 1);
  const head = text.slice(start, entry.open).trim();
  if (kind === "(") {
    // A constructor call as an entry: C#'s `new(…)` / `new Model(…)`, Kotlin's or Swift's `Model(…)`.
    if (!/^(?:new\b|[A-Z])/.test(head)) return undefined;
  } else if (kind === "{" || kind === "[") {
    // A literal, or a struct literal with its type: Rust's `Model { … }`, Go's `&Model{…}`.
    if (!/^(?:[&*]?[A-Z][\w.:]*(?:<[^{}()]*>)?)?$/.test(head)) return undefined;
  } else return undefined;
  // An entry stands alone between separators; after a key (`'deepseek' => [`, `fast: {`) it is a map's value.
  const prev = cx.back(start) - 1;
  if (prev !== list.open && text[prev] !== ",") return undefined;
  const open = text[list.open];
  const before = text.slice(Math.max(0, list.open - 80), list.open);
  const isList =
    open === "[" ||
    (open === "{" && /(?:\[\]\s*\*?[\w.]+|\bnew\s+[\w.]+\s*(?:<[^{}()]*>)?\s*(?:\[\s*\])?|\bnew\s*\[\s*\]|\bnew\s*\(\s*\))\s*$/.test(before)) ||
    (open === "(" && LIST_CALL.test(before));
  return isList ? { key: list.open, text: text.slice(list.open, list.close + 1) } : undefined;
}

/** The value of a named assignment: a constant or variable that may be told apart from another. */
const DECLARED: ReadonlySet<string> = new Set([P.assignmentModel.id]);

/** A line that opens a branch of a switch without brackets of its own: `case "groq":`, `default:`, Ruby's `when`. */
const CASE_LABEL = /^[ \t]*(?:case\b|default\b|when\b)/;

/**
 * The case around `from` inside a bracket [lo, hi): from the nearest case label line above `from`
 * (not above `lo`) to the next label line below it (or `hi`); only labels directly in that bracket
 * count (`direct`), not those of a switch nested in it. Undefined when no label is there.
 */
function caseRange(text: string, lo: number, from: number, hi: number, direct: (at: number) => boolean): [number, number] | undefined {
  let ls = text.lastIndexOf("\n", from - 1) + 1;
  let start = -1;
  for (let guard = 0; ls >= lo && guard < 2000; guard++) {
    const le = text.indexOf("\n", ls);
    if (CASE_LABEL.test(text.slice(ls, le < 0 || le > hi ? hi : le)) && direct(ls + /^[ \t]*/.exec(text.slice(ls, ls + 200))![0].length)) {
      start = ls;
      break;
    }
    if (ls === 0) break;
    ls = text.lastIndexOf("\n", ls - 2) + 1;
  }
  if (start < 0 || start < lo) return undefined;
  let end = hi;
  for (let i = text.indexOf("\n", from), guard = 0; i >= 0 && i + 1 < hi && guard < 2000; i = text.indexOf("\n", i + 1), guard++) {
    const le = text.indexOf("\n", i + 1);
    if (CASE_LABEL.test(text.slice(i + 1, le < 0 || le > hi ? hi : le)) && direct(i + 1 + /^[ \t]*/.exec(text.slice(i + 1, i + 201))![0].length)) {
      end = i + 1;
      break;
    }
  }
  return [start, end];
}

/**
 * Hosts scoped to the construct for the lexically scanned languages (docs/hosts-and-sdks.md): the
 * match's line (the statement), then the enclosing brackets stand for the constructs, innermost first, each with the start of the line
 * that opens it (`case "groq": {`, `if provider == "deepseek" {`, `openai.ClientConfig{`). Languages
 * whose blocks are words (Ruby's and Elixir's `do … end`, shell's `case … esac`) have only their
 * brackets: where none decides, the file does.
 */
function bracketScope(cx: Context): (m: Match) => HostVerdict {
  const { text, lx } = cx;
  const cache = new Map<string, HostMentions>();
  return (m) => {
    // The statement first: the match's own line (`const DeepSeekModel = "…"`).
    const ls0 = text.lastIndexOf("\n", m.start - 1) + 1;
    const le0 = text.indexOf("\n", m.end);
    const own = verdictOf(hostsNamedIn(text.slice(ls0, le0 < 0 ? text.length : le0)), "this line");
    if (own !== undefined) return own;
    let p = enclosingPair(lx, m.start, m.end) as Lexed["nest"][number] | undefined;
    let from = m.start;
    for (let guard = 0; p && guard < 200; guard++) {
      // A `case` / `default` / `when` label between the bracket and what it holds: that case first.
      const open = p.open;
      const label = caseRange(text, open + 1, from, p.close, (at) => enclosingPair(lx, at, at)?.open === open);
      if (label) {
        const key = `${label[0]}:${label[1]}`;
        let mentions = cache.get(key);
        if (!mentions) cache.set(key, (mentions = hostsNamedIn(text.slice(label[0], label[1]))));
        const v = verdictOf(mentions, "this case");
        if (v !== undefined) return v;
      }
      from = p.open;
      const ls = text.lastIndexOf("\n", p.open - 1) + 1;
      const key = `${ls}:${p.close}`;
      let mentions = cache.get(key);
      if (!mentions) cache.set(key, (mentions = hostsNamedIn(text.slice(ls, p.close + 1))));
      const c = text[p.open];
      const v = verdictOf(mentions, c === "(" ? "this call" : c === "[" ? "this list" : "this block");
      if (v !== undefined) return v;
      p = p.parent >= 0 ? lx.nest[p.parent] : undefined;
    }
    return undefined;
  };
}

const adapters = new Map<string, Adapter>();

/** The lexical adapter of one table language. */
export function lexicalAdapter(name: string): Adapter {
  let a = adapters.get(name);
  if (a) return a;
  const spec = LANGUAGES_BY_NAME.get(name);
  if (!spec) throw new Error(`no lexical language named ${name}`);
  a = {
    name,
    description: `${spec.description} (lexical)`,
    scan: (input) => ({ sites: scanWithSpec(spec, input) }),
  };
  adapters.set(name, a);
  return a;
}
