import type { Adapter, AdapterInput, AdapterOutput, Site } from "../types.js";
import { LANGUAGES_BY_NAME, type LanguageSpec } from "./languages-table.js";
import { classifyKv, classifyMatch, Context } from "./lexical-classify.js";
import { inRecordedCapture } from "./config-slots.js";

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
    const sites: Site[] = input.matches.map((m) =>
      inRecordedCapture(input.text, m.start)
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
  return input.matches.map((m) => ({ idStart: m.idStart, ...classifyMatch(cx, m) }));
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
