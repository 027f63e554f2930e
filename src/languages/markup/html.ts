/**
 * HTML, XML and component files (Vue, Svelte, Astro — see vue.ts), with a small tolerant tokenizer:
 * comments, tags and their attributes, text, raw <script>/<style> bodies, template expressions.
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
 */
import type { Adapter, AdapterInput, AdapterOutput, Site } from "../../core/types.js";
import { EMBEDDED } from "../lexical/table.js";
import { classifyMatch, Context } from "../lexical/classify.js";
import { hasAdapter, matchesIn, scanSlice } from "./embed.js";
import { MODEL_NAME } from "../../knowledge/naming.js";

export type MarkupMode = "html" | "xml" | "vue" | "svelte" | "astro";

interface Span {
  start: number;
  end: number;
  type: "comment" | "attr" | "text" | "script" | "expr" | "tag";
  /** attr: the attribute's name; script: the language ("ts", "tsx", "js", "jsx", "json", or "" for unknown). */
  name?: string;
  /** attr: all attributes of the tag. */
  attrs?: Record<string, string>;
  /** XML: names of the enclosing elements and their name/key/id attributes. */
  path?: string[];
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const LABEL_ATTRS = /^(?:name|key|id|property|field|setting|param|option)$/i;
const VALUE_ATTRS = /^(?:value|default|defaultvalue|content|val)$/i;

/** Tokenize markup into spans (comments, tags, attribute values, text, raw blocks, expressions). */
export function tokenize(text: string, mode: MarkupMode): Span[] {
  const spans: Span[] = [];
  const stack: { name: string; labels: string[] }[] = [];
  const n = text.length;
  let i = 0;
  const path = () => stack.flatMap((e) => e.labels);

  // Astro: a --- frontmatter block at the top is TypeScript.
  if (mode === "astro") {
    const fm = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
    if (fm) {
      const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
      close.lastIndex = fm[0].length - 1;
      const c = close.exec(text);
      const end = c ? c.index : n;
      spans.push({ start: fm[0].length, end, type: "script", name: "ts" });
      i = c ? c.index + c[0].length : n;
    }
  }

  const emitText = (s: number, e: number) => {
    if (e <= s) return;
    if (mode === "xml" || mode === "html") {
      spans.push({ start: s, end: e, type: "text", path: path() });
      return;
    }
    // Template expressions: {{ … }} (Vue), { … } (Svelte, Astro).
    const open = mode === "vue" ? "{{" : "{";
    const close = mode === "vue" ? "}}" : "}";
    let p = s;
    while (p < e) {
      const o = text.indexOf(open, p);
      if (o < 0 || o >= e) break;
      const c = mode === "vue" ? text.indexOf(close, o + 2) : matchBrace(text, o, e);
      if (c < 0 || c > e) break;
      if (o > p) spans.push({ start: p, end: o, type: "text", path: path() });
      spans.push({ start: o + open.length, end: c, type: "expr" });
      p = c + close.length;
    }
    if (p < e) spans.push({ start: p, end: e, type: "text", path: path() });
  };

  let textStart = i;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt < 0) break;
    if (text.startsWith("<!--", lt)) {
      emitText(textStart, lt);
      const c = text.indexOf("-->", lt + 4);
      const end = c < 0 ? n : c + 3;
      spans.push({ start: lt, end, type: "comment" });
      i = textStart = end;
      continue;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      emitText(textStart, lt);
      const c = text.indexOf("]]>", lt + 9);
      const end = c < 0 ? n : c;
      spans.push({ start: lt + 9, end, type: "text", path: path() });
      i = textStart = c < 0 ? n : c + 3;
      continue;
    }
    const next = text[lt + 1] ?? "";
    if (next === "?" || next === "!") {
      emitText(textStart, lt);
      const c = text.indexOf(">", lt);
      const end = c < 0 ? n : c + 1;
      spans.push({ start: lt, end, type: "tag" });
      i = textStart = end;
      continue;
    }
    if (next === "/") {
      const m = /^<\/\s*([^\s>]+)\s*>?/.exec(text.slice(lt, lt + 200));
      emitText(textStart, lt);
      const c = text.indexOf(">", lt);
      const end = c < 0 ? n : c + 1;
      spans.push({ start: lt, end, type: "tag" });
      if (m) {
        const name = m[1]!.toLowerCase();
        const k = stack.map((e) => e.name).lastIndexOf(name);
        if (k >= 0) stack.length = k;
      }
      i = textStart = end;
      continue;
    }
    if (!/[A-Za-z]/.test(next)) {
      i = lt + 1;
      continue;
    }
    emitText(textStart, lt);
    const tag = readTag(text, lt, mode);
    const name = tag.name.toLowerCase();
    spans.push({ start: lt, end: tag.end, type: "tag" });
    const attrMap: Record<string, string> = {};
    for (const a of tag.attrs) attrMap[a.name] = a.end > a.start ? text.slice(a.start, a.end) : "";
    for (const a of tag.attrs) {
      if (a.end <= a.start) continue;
      const bound = a.braced || (mode === "vue" && /^(?::|v-|@|#)/.test(a.name));
      spans.push({ start: a.start, end: a.end, type: bound ? "expr" : "attr", name: a.name, attrs: attrMap, path: path() });
    }
    i = textStart = tag.end;
    if (tag.selfClosing) continue;
    if ((name === "script" || name === "style") && mode !== "xml") {
      const closeRe = new RegExp(`</${name}\\s*>`, "ig");
      closeRe.lastIndex = tag.end;
      const c = closeRe.exec(text);
      const end = c ? c.index : n;
      spans.push({ start: tag.end, end, type: "script", name: name === "script" ? scriptLang(attrMap) : "" });
      if (c) spans.push({ start: c.index, end: c.index + c[0].length, type: "tag" });
      i = textStart = c ? c.index + c[0].length : n;
      continue;
    }
    if (mode !== "xml" && VOID.has(name)) continue;
    const labels = [tag.name, ...Object.entries(attrMap).filter(([k]) => LABEL_ATTRS.test(k)).map(([, v]) => v)];
    stack.push({ name, labels });
  }
  emitText(textStart, n);
  spans.sort((a, b) => a.start - b.start);
  return spans;
}

interface Attr {
  name: string;
  /** Value content (inside the quotes or braces). */
  start: number;
  end: number;
  braced: boolean;
}

function readTag(text: string, lt: number, mode: MarkupMode): { name: string; attrs: Attr[]; end: number; selfClosing: boolean } {
  const n = text.length;
  let p = lt + 1;
  const nameStart = p;
  while (p < n && !/[\s/>]/.test(text[p]!)) p++;
  const name = text.slice(nameStart, p);
  const attrs: Attr[] = [];
  const braces = mode === "svelte" || mode === "astro";
  while (p < n) {
    while (p < n && /\s/.test(text[p]!)) p++;
    if (text[p] === ">") return { name, attrs, end: p + 1, selfClosing: false };
    if (text.startsWith("/>", p)) return { name, attrs, end: p + 2, selfClosing: true };
    if (braces && text[p] === "{") {
      // Svelte shorthand / spread: {model}, {...props}
      const c = matchBrace(text, p, n);
      if (c < 0) return { name, attrs, end: n, selfClosing: false };
      attrs.push({ name: "{}", start: p + 1, end: c, braced: true });
      p = c + 1;
      continue;
    }
    const as = p;
    while (p < n && !/[\s=>]/.test(text[p]!) && !text.startsWith("/>", p)) p++;
    if (p === as) {
      p++;
      continue;
    }
    const aname = text.slice(as, p);
    let q = p;
    while (q < n && /\s/.test(text[q]!)) q++;
    if (text[q] !== "=") {
      attrs.push({ name: aname, start: p, end: p, braced: false });
      continue;
    }
    q++;
    while (q < n && /\s/.test(text[q]!)) q++;
    const quote = text[q];
    if (quote === '"' || quote === "'") {
      const c = text.indexOf(quote, q + 1);
      const end = c < 0 ? n : c;
      attrs.push({ name: aname, start: q + 1, end, braced: false });
      p = c < 0 ? n : c + 1;
    } else if (braces && quote === "{") {
      const c = matchBrace(text, q, n);
      const end = c < 0 ? n : c;
      attrs.push({ name: aname, start: q + 1, end, braced: true });
      p = c < 0 ? n : c + 1;
    } else {
      let e = q;
      while (e < n && !/[\s>]/.test(text[e]!)) e++;
      attrs.push({ name: aname, start: q, end: e, braced: false });
      p = e;
    }
  }
  return { name, attrs, end: n, selfClosing: false };
}

/** The offset of the `}` closing the `{` at `open` (quotes skipped), or -1. */
function matchBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let p = open; p < limit; p++) {
    const c = text[p]!;
    if (c === '"' || c === "'" || c === "`") {
      const e = text.indexOf(c, p + 1);
      if (e < 0) return -1;
      p = e;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return p;
    }
  }
  return -1;
}

function scriptLang(attrs: Record<string, string>): string {
  const lang = (attrs.lang ?? "").toLowerCase();
  if (lang === "ts" || lang === "typescript") return "ts";
  if (lang === "tsx" || lang === "jsx" || lang === "js") return lang;
  const type = (attrs.type ?? "").toLowerCase().trim();
  if (!type || type === "module" || /(?:java|ecma)script$/.test(type)) return "js";
  if (type === "text/typescript" || type === "application/typescript") return "ts";
  if (type === "text/babel" || type === "text/jsx") return "jsx";
  if (/json$/.test(type) || type === "importmap" || type === "speculationrules") return "json";
  return "";
}

const JS_SPEC = EMBEDDED.javascript;

/** Classify every match of a markup file. */
export async function scanMarkup(input: AdapterInput, mode: MarkupMode): Promise<AdapterOutput> {
  const { text } = input;
  const spans = tokenize(text, mode);
  const sites = new Map<number, Site>();
  const spanAt = (pos: number): Span | undefined => {
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

  // Script blocks first: one adapter call per block.
  let n = 0;
  for (const s of spans) {
    if (s.type !== "script") continue;
    const inBlock = matchesIn(input.matches, s.start, s.end);
    if (inBlock.length === 0) continue;
    n++;
    const lang = s.name ?? "";
    const adapterName = lang === "json" ? "json" : lang ? "typescript" : "";
    let res: { sites: Site[]; parseError?: string } = { sites: [] };
    if (adapterName && hasAdapter(adapterName)) {
      res = await scanSlice(input, adapterName, s.start, s.end, `${input.path}.script-${n}.${lang}`);
    }
    if (adapterName && !res.parseError && res.sites.length > 0) {
      for (const site of res.sites) sites.set(site.idStart, { ...site, detail: `<script>: ${site.detail ?? site.kind}` });
    }
    // A block the adapter did not classify (it did not parse, or it is not a script language):
    // JavaScript lexically, never safe.
    const cx = new Context(text.slice(s.start, s.end), JS_SPEC);
    for (const m of inBlock) {
      if (sites.has(m.idStart)) continue;
      const r = classifyMatch(cx, { ...m, start: m.start - s.start, idStart: m.idStart - s.start, end: m.end - s.start });
      const kind = r.kind === "model" || r.kind === "collection" ? "other" : r.kind;
      sites.set(m.idStart, {
        idStart: m.idStart,
        kind,
        detail: `<script> (lexical): ${r.detail ?? r.kind}`,
        advice: res.parseError ? `The <script> block did not parse (${res.parseError}); matched lexically.` : undefined,
      });
    }
  }

  const exprContexts = new Map<Span, Context>();
  for (const m of input.matches) {
    if (sites.has(m.idStart)) continue;
    const s = spanAt(m.idStart);
    const mt = text.slice(m.start, m.end);
    if (!s) {
      sites.set(m.idStart, { idStart: m.idStart, kind: "other", detail: "markup" });
      continue;
    }
    switch (s.type) {
      case "comment":
        sites.set(m.idStart, { idStart: m.idStart, kind: "comment", detail: "comment" });
        break;
      case "expr": {
        let cx = exprContexts.get(s);
        if (!cx) exprContexts.set(s, (cx = new Context(text.slice(s.start, s.end), JS_SPEC)));
        const r = classifyMatch(cx, { ...m, start: m.start - s.start, idStart: m.idStart - s.start, end: m.end - s.start });
        sites.set(m.idStart, { idStart: m.idStart, ...r, detail: `template expression: ${r.detail ?? r.kind}` });
        break;
      }
      case "attr": {
        const value = text.slice(s.start, s.end).trim();
        if (mode === "xml" && value === mt) {
          const named =
            MODEL_NAME.test(s.name ?? "") ||
            (VALUE_ATTRS.test(s.name ?? "") && Object.entries(s.attrs ?? {}).some(([k, v]) => LABEL_ATTRS.test(k) && MODEL_NAME.test(v)));
          if (named) {
            sites.set(m.idStart, { idStart: m.idStart, kind: "model", detail: `XML attribute ${s.name}` });
            break;
          }
        }
        sites.set(m.idStart, { idStart: m.idStart, kind: "other", detail: `attribute ${s.name ?? ""}`.trim() });
        break;
      }
      case "text": {
        const value = text.slice(s.start, s.end).trim();
        if (mode === "xml" && value === mt && (s.path ?? []).some((p) => MODEL_NAME.test(p))) {
          sites.set(m.idStart, { idStart: m.idStart, kind: "model", detail: `XML element ${(s.path ?? []).slice(-1)[0] ?? ""}`.trim() });
          break;
        }
        sites.set(m.idStart, { idStart: m.idStart, kind: "other", detail: "text" });
        break;
      }
      default:
        sites.set(m.idStart, { idStart: m.idStart, kind: "other", detail: "markup" });
    }
  }
  return { sites: [...sites.values()] };
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
