/**
 * A small tolerant tokenizer for HTML, XML and component files (Vue, Svelte, Astro): comments,
 * tags and their attributes, text, raw <script>/<style> bodies, template expressions. The spans it
 * returns are what the markup adapter (html.ts) classifies matches by.
 */

export type MarkupMode = "html" | "xml" | "vue" | "svelte" | "astro";

export interface Span {
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
/** Attributes that name an element for the model-name test (`<add key="Model" …>`). */
export const LABEL_ATTRS = /^(?:name|key|id|property|field|setting|param|option)$/i;
/** Attributes that hold the value an element's label names (`<add key="Model" value="…">`). */
export const VALUE_ATTRS = /^(?:value|default|defaultvalue|content|val)$/i;

/** Tokenize markup into spans (comments, tags, attribute values, text, raw blocks, expressions). */
export function tokenize(text: string, mode: MarkupMode): Span[] {
  const t = new Tokenizer(text, mode);
  t.frontmatter();
  while (t.i < text.length) {
    const lt = text.indexOf("<", t.i);
    if (lt < 0) break;
    // The first step that reads what starts at `<` wins.
    STEPS.some((step) => step(t, lt));
  }
  t.emitText(t.textStart, text.length);
  return t.spans.sort((a, b) => a.start - b.start);
}

/** What may start at a `<`, in the order they are tried. */
const STEPS: readonly ((t: Tokenizer, lt: number) => boolean)[] = [
  (t, lt) => t.comment(lt),
  (t, lt) => t.cdata(lt),
  (t, lt) => t.declaration(lt),
  (t, lt) => t.closeTag(lt),
  (t, lt) => t.notATag(lt),
  (t, lt) => t.openTag(lt),
];

class Tokenizer {
  readonly spans: Span[] = [];
  private readonly stack: { name: string; labels: string[] }[] = [];
  private readonly n: number;
  /** Where scanning resumes. */
  i = 0;
  /** Where the text not yet emitted starts. */
  textStart = 0;
  constructor(
    private readonly text: string,
    private readonly mode: MarkupMode,
  ) {
    this.n = text.length;
  }

  private path(): string[] {
    return this.stack.flatMap((e) => e.labels);
  }

  /** Continue after `end`: the text not yet emitted starts there too. */
  private resume(end: number): true {
    this.i = this.textStart = end;
    return true;
  }

  /** Astro: a --- frontmatter block at the top is TypeScript. */
  frontmatter(): void {
    if (this.mode !== "astro") return;
    const fm = /^\uFEFF?---[ \t]*\r?\n/.exec(this.text);
    if (!fm) return;
    const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
    close.lastIndex = fm[0].length - 1;
    const c = close.exec(this.text);
    // (An empty block, "---\n---": the closing line's break is the opening line's own.)
    this.spans.push({ start: fm[0].length, end: c ? Math.max(c.index, fm[0].length) : this.n, type: "script", name: "ts" });
    this.resume(c ? c.index + c[0].length : this.n);
  }

  /** Text between tags; in component templates, with its expressions: {{ … }} (Vue), { … } (Svelte, Astro). */
  emitText(s: number, e: number): void {
    if (e <= s) return;
    const { text, mode } = this;
    if (mode === "xml" || mode === "html") {
      this.spans.push({ start: s, end: e, type: "text", path: this.path() });
      return;
    }
    const open = mode === "vue" ? "{{" : "{";
    const close = mode === "vue" ? "}}" : "}";
    let p = s;
    while (p < e) {
      const o = text.indexOf(open, p);
      if (o < 0 || o >= e) break;
      const c = mode === "vue" ? text.indexOf(close, o + 2) : matchBrace(text, o, e);
      if (c < 0 || c > e) break;
      if (o > p) this.spans.push({ start: p, end: o, type: "text", path: this.path() });
      this.spans.push({ start: o + open.length, end: c, type: "expr" });
      p = c + close.length;
    }
    if (p < e) this.spans.push({ start: p, end: e, type: "text", path: this.path() });
  }

  comment(lt: number): boolean {
    if (!this.text.startsWith("<!--", lt)) return false;
    this.emitText(this.textStart, lt);
    const c = this.text.indexOf("-->", lt + 4);
    const end = c < 0 ? this.n : c + 3;
    this.spans.push({ start: lt, end, type: "comment" });
    return this.resume(end);
  }

  cdata(lt: number): boolean {
    if (!this.text.startsWith("<![CDATA[", lt)) return false;
    this.emitText(this.textStart, lt);
    const c = this.text.indexOf("]]>", lt + 9);
    this.spans.push({ start: lt + 9, end: c < 0 ? this.n : c, type: "text", path: this.path() });
    return this.resume(c < 0 ? this.n : c + 3);
  }

  /** `<?xml …?>`, `<!DOCTYPE …>`. */
  declaration(lt: number): boolean {
    const next = this.text[lt + 1];
    if (next !== "?" && next !== "!") return false;
    this.emitText(this.textStart, lt);
    const c = this.text.indexOf(">", lt);
    const end = c < 0 ? this.n : c + 1;
    this.spans.push({ start: lt, end, type: "tag" });
    return this.resume(end);
  }

  /** `</name>`: closes the innermost open element of that name (and any left open inside it). */
  closeTag(lt: number): boolean {
    if (this.text[lt + 1] !== "/") return false;
    const m = /^<\/\s*([^\s>]+)\s*>?/.exec(this.text.slice(lt, lt + 200));
    this.emitText(this.textStart, lt);
    const c = this.text.indexOf(">", lt);
    const end = c < 0 ? this.n : c + 1;
    this.spans.push({ start: lt, end, type: "tag" });
    if (m) {
      const name = m[1]!.toLowerCase();
      const k = this.stack.map((e) => e.name).lastIndexOf(name);
      if (k >= 0) this.stack.length = k;
    }
    return this.resume(end);
  }

  /** A `<` that starts no tag (`a < b` in text): part of the text. */
  notATag(lt: number): boolean {
    if (/[A-Za-z]/.test(this.text[lt + 1] ?? "")) return false;
    this.i = lt + 1;
    return true;
  }

  openTag(lt: number): boolean {
    const { text, mode } = this;
    this.emitText(this.textStart, lt);
    const tag = readTag(text, lt, mode);
    const name = tag.name.toLowerCase();
    this.spans.push({ start: lt, end: tag.end, type: "tag" });
    const attrMap: Record<string, string> = {};
    for (const a of tag.attrs) attrMap[a.name] = a.end > a.start ? text.slice(a.start, a.end) : "";
    for (const a of tag.attrs) {
      if (a.end <= a.start) continue;
      const bound = a.braced || (mode === "vue" && /^(?::|v-|@|#)/.test(a.name));
      this.spans.push({ start: a.start, end: a.end, type: bound ? "expr" : "attr", name: a.name, attrs: attrMap, path: this.path() });
    }
    this.resume(tag.end);
    if (tag.selfClosing) return true;
    if ((name === "script" || name === "style") && mode !== "xml") return this.rawBlock(name, tag.end, attrMap);
    if (mode !== "xml" && VOID.has(name)) return true;
    this.stack.push({ name, labels: [tag.name, ...Object.entries(attrMap).filter(([k]) => LABEL_ATTRS.test(k)).map(([, v]) => v)] });
    return true;
  }

  /** The raw body of a <script> or <style> element, up to its closing tag. */
  private rawBlock(name: string, from: number, attrMap: Record<string, string>): boolean {
    const closeRe = new RegExp(`</${name}\\s*>`, "ig");
    closeRe.lastIndex = from;
    const c = closeRe.exec(this.text);
    this.spans.push({ start: from, end: c ? c.index : this.n, type: "script", name: name === "script" ? scriptLang(attrMap) : "" });
    if (c) this.spans.push({ start: c.index, end: c.index + c[0].length, type: "tag" });
    return this.resume(c ? c.index + c[0].length : this.n);
  }
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

