/**
 * HTML, XML and component files (Vue, Svelte, Astro — see vue.ts), read through a small tolerant
 * tokenizer (tokenize.ts).
 *
 * - <script> bodies go through the TypeScript adapter (JSON script types through the JSON adapter),
 *   at shifted offsets, so a `model: "…"` inside a <script setup lang="ts"> is a model position with
 *   the same fix class as in a .ts file. A script that does not parse is matched lexically, never safe.
 * - Comments → "comment". HTML attribute values and text (`<option value="deepseek-chat">`) → "other".
 * - XML: an element or attribute whose name — or an enclosing element's name, or its name/key/id
 *   attribute — contains "model" gives a model position when the value is exactly the ID:
 *   `<model>deepseek-chat</model>`, `<add key="Model" value="deepseek-chat"/>`,
 *   `<spring.ai.deepseek.chat.options.model>deepseek-chat</…>`.
 * - Template expressions ({{ … }} in Vue, { … } in Svelte/Astro, bound attributes :x="…", v-if="…")
 *   are classified as JavaScript lexically (comparisons stay comparisons).
 *
 * Embedded code keeps its own adapter's position when its kind stays the same (docs/positions.md);
 * its description is prefixed with where it sits (`<script>: comparison`).
 */
import type { Adapter, AdapterInput, AdapterOutput, Match, Site } from "../../core/types.js";
import { EMBEDDED } from "../lexical/table.js";
import { classifyMatch, Context } from "../lexical/classify.js";
import { describe, hasAdapter, matchesIn, scanSlice } from "./embed.js";
import { MODEL_NAME } from "../../knowledge/naming.js";
import { P, at } from "./positions.js";
import { LABEL_ATTRS, VALUE_ATTRS, tokenize, type MarkupMode, type Span } from "./tokenize.js";

export { tokenize, type MarkupMode } from "./tokenize.js";

const JS_SPEC = EMBEDDED.javascript;

/** Classify every match of a markup file: script blocks first (one adapter call each), then the rest by span. */
export async function scanMarkup(input: AdapterInput, mode: MarkupMode): Promise<AdapterOutput> {
  const spans = tokenize(input.text, mode);
  const sites = new Map<number, Site>();
  let n = 0;
  for (const s of spans) {
    if (s.type !== "script") continue;
    const inBlock = matchesIn(input.matches, s.start, s.end);
    if (inBlock.length === 0) continue;
    for (const site of await scanScript(input, s, inBlock, ++n)) sites.set(site.idStart, site);
  }
  const spanAt = spanFinder(spans);
  const contexts = new Map<Span, Context>();
  for (const m of input.matches) {
    if (sites.has(m.idStart)) continue;
    const span = spanAt(m.idStart);
    const c: MarkupContext = { text: input.text, m, span, mode, contexts };
    let site: Site | undefined;
    for (const matcher of MARKUP_MATCHERS) if ((site = matcher(c))) break;
    sites.set(m.idStart, site ?? at(P.tag, m.idStart));
  }
  return { sites: [...sites.values()] };
}

/**
 * The sites of the matches in one <script> block (or Astro frontmatter): its adapter's, with their
 * positions; what the adapter did not classify (it did not parse, or the block's language has none)
 * is JavaScript read lexically, never safe.
 */
async function scanScript(input: AdapterInput, s: Span, inBlock: Match[], n: number): Promise<Site[]> {
  const lang = s.name ?? "";
  const adapterName = lang === "json" ? "json" : lang ? "typescript" : "";
  let res: { sites: Site[]; parseError?: string } = { sites: [] };
  if (adapterName && hasAdapter(adapterName)) res = await scanSlice(input, adapterName, s.start, s.end, `${input.path}.script-${n}.${lang}`);
  const out = new Map<number, Site>();
  if (adapterName && !res.parseError) for (const site of res.sites) out.set(site.idStart, { ...site, detail: `<script>: ${describe(site)}` });
  const cx = new Context(input.text.slice(s.start, s.end), JS_SPEC);
  for (const m of inBlock) {
    if (out.has(m.idStart)) continue;
    const r = classifyMatch(cx, shift(m, s.start));
    const advice = res.parseError ? `The <script> block did not parse (${res.parseError}); matched lexically.` : undefined;
    const detail = `<script> (lexical): ${r.detail ?? r.kind}`;
    // Inside markup, a lexical model or list position is never safe: it becomes "other".
    out.set(
      m.idStart,
      r.kind === "model" || r.kind === "collection"
        ? at(P.scriptLexical, m.idStart, { detail, advice })
        : { ...r, idStart: m.idStart, detail, advice },
    );
  }
  return [...out.values()];
}

/** What the markup matchers read about one match outside script blocks. */
interface MarkupContext {
  text: string;
  m: Match;
  /** The span that holds the match, if any. */
  span: Span | undefined;
  mode: MarkupMode;
  /** Lexical contexts of template expressions, made once per expression. */
  contexts: Map<Span, Context>;
}

type MarkupMatcher = (c: MarkupContext) => Site | undefined;

const inComment: MarkupMatcher = ({ span, m }) => (span?.type === "comment" ? at(P.comment, m.idStart) : undefined);

/** A template expression or bound attribute: JavaScript, read lexically; its position is the lexical one. */
const inExpression: MarkupMatcher = ({ span, m, text, contexts }) => {
  if (span?.type !== "expr") return undefined;
  let cx = contexts.get(span);
  if (!cx) contexts.set(span, (cx = new Context(text.slice(span.start, span.end), JS_SPEC)));
  const r = classifyMatch(cx, shift(m, span.start));
  return { idStart: m.idStart, ...r, detail: `template expression: ${r.detail ?? r.kind}` };
};

/** The span's trimmed content is exactly the match. */
const whole = ({ span, m, text }: MarkupContext) => !!span && text.slice(span.start, span.end).trim() === text.slice(m.start, m.end);

const xmlAttributeModel: MarkupMatcher = (c) => {
  const { span, m, mode } = c;
  if (span?.type !== "attr" || mode !== "xml" || !whole(c)) return undefined;
  const named =
    MODEL_NAME.test(span.name ?? "") ||
    (VALUE_ATTRS.test(span.name ?? "") && Object.entries(span.attrs ?? {}).some(([k, v]) => LABEL_ATTRS.test(k) && MODEL_NAME.test(v)));
  return named ? at(P.xmlAttributeModel, m.idStart) : undefined;
};

const attribute: MarkupMatcher = ({ span, m }) => (span?.type === "attr" ? at(P.attribute, m.idStart) : undefined);

const xmlElementModel: MarkupMatcher = (c) =>
  c.span?.type === "text" && c.mode === "xml" && whole(c) && (c.span.path ?? []).some((p) => MODEL_NAME.test(p)) ? at(P.xmlElementModel, c.m.idStart) : undefined;

const inText: MarkupMatcher = ({ span, m }) => (span?.type === "text" ? at(P.text, m.idStart) : undefined);

/** The precedence, in one list; a match none of them places is in a tag (P.tag). */
const MARKUP_MATCHERS: readonly MarkupMatcher[] = [inComment, inExpression, xmlAttributeModel, attribute, xmlElementModel, inText];

function shift(m: Match, by: number): Match {
  return { ...m, start: m.start - by, idStart: m.idStart - by, end: m.end - by };
}

/** The innermost-starting span that holds a position (spans are sorted by start). */
function spanFinder(spans: Span[]): (pos: number) => Span | undefined {
  return (pos) => {
    let lo = 0;
    let hi = spans.length - 1;
    let found: Span | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid]!;
      if (s.start <= pos) {
        if (pos < s.end) found = s;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const DESCRIPTIONS: Record<MarkupMode, string> = {
  html: "HTML (<script> blocks through the TypeScript adapter; attributes and text reviewed by hand)",
  xml: "XML (elements and attributes named for the model are model positions)",
  vue: "Vue single-file components (<script> through the TypeScript adapter)",
  svelte: "Svelte components (<script> through the TypeScript adapter)",
  astro: "Astro components (frontmatter and <script> through the TypeScript adapter)",
};

const adapters = new Map<MarkupMode, Adapter>();

/** The markup adapter of one mode. */
export function markupAdapter(mode: MarkupMode): Adapter {
  let a = adapters.get(mode);
  if (!a) {
    a = { name: mode, description: DESCRIPTIONS[mode], scan: (input) => scanMarkup(input, mode) };
    adapters.set(mode, a);
  }
  return a;
}

export const adapter: Adapter = markupAdapter("html");
export const xmlAdapter: Adapter = markupAdapter("xml");
