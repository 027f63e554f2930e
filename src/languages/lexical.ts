import type { Adapter, AdapterInput, AdapterOutput, Site } from "../types.js";
import { LANGUAGES_BY_NAME, type LanguageSpec } from "./languages-table.js";
import { classifyKv, classifyMatch, Context } from "./lexical-classify.js";
import { capturedMatches } from "./config-slots.js";
import { enclosingPair, type Lexed } from "./lexical-lexer.js";
import { detectOtherHost, hostsNamedIn, scopedSite, verdictOf, type HostMentions, type HostVerdict } from "../rules/hosts.js";
import type { Match } from "../types.js";

/**
 * The fallback for file kinds nobody knows (an unknown extension): every match is reported as
 * "other" (unsafe), never skipped. Languages of the table (languages-table.ts) get a lexical
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
        ? { idStart: m.idStart, kind: "response", detail: "recorded capture" }
        : { idStart: m.idStart, kind: "other", detail: "unknown file kind" },
    );
    return { sites };
  },
};

/** Classify every match of a text in a table language (strings, comments, the text around values). */
export function scanWithSpec(spec: LanguageSpec, input: Pick<AdapterInput, "text" | "matches">): Site[] {
  if (input.matches.length === 0) return [];
  if (spec.mode === "kv") {
    const res = classifyKv(input.text, spec, input.matches);
    return input.matches.map((m) => ({ idStart: m.idStart, ...(res.get(m.idStart) ?? { kind: "other" as const }) }));
  }
  const cx = new Context(input.text, spec);
  // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
  const scope = detectOtherHost(input.text) !== undefined ? bracketScope(cx) : undefined;
  return input.matches.map((m) => ({ idStart: m.idStart, ...classifyMatch(cx, m), ...(scope ? scopedSite(scope(m)) : {}) }));
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
    for (let guard = 0; p && guard < 200; guard++) {
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
