/**
 * Docs: Markdown (.md, .mdx, .markdown), reStructuredText, AsciiDoc and plain text (changelogs,
 * READMEs). Every match is "doc" (unsafe): docs are for a person to review, so nothing in them is
 * renamed by a plain --write. Code blocks are classified by their language (```python, ```ts,
 * `.. code-block:: bash`, `[source,go]`) with that language's adapter, and the result is used only for
 * the advice ("a model position in a python example"); the fix class stays unsafe and no thinking
 * flags are ever written into docs.
 */
import path from "node:path";
import type { Adapter, AdapterInput, AdapterOutput, PositionKind, Site } from "../../core/types.js";
import { FENCES } from "../registry.js";
import { hasAdapter, matchesIn, scanDedented } from "./embed.js";
import { capturedMatches } from "../../knowledge/captures.js";
import { P, at } from "./positions.js";

export interface CodeBlock {
  /** Content offsets: from the first line after the opener to the start of the closer. */
  start: number;
  end: number;
  lang: string;
}

/** A fence line, also inside a list item or block quote: ```python, ~~~ yaml, ```{python}, ``` ts title="x". */
const FENCE_OPEN = /^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?(`{3,}|~{3,})[ \t]*\{?\.?([^\s`{},]*)(.*)$/;

/** Fenced code blocks of a Markdown text (``` and ~~~, with or without a language). */
export function markdownBlocks(text: string): CodeBlock[] {
  const out: CodeBlock[] = [];
  const lines = lineSpans(text);
  for (let k = 0; k < lines.length; k++) {
    const [ls, le, next] = lines[k]!;
    const m = FENCE_OPEN.exec(text.slice(ls, le));
    if (!m) continue;
    const fence = m[1]!;
    const ch = fence[0]!;
    if (ch === "`" && m[3]!.includes("`")) continue; // inline code, not a fence
    let end = text.length;
    let j = k + 1;
    for (; j < lines.length; j++) {
      const [s2, e2] = lines[j]!;
      const t = text.slice(s2, e2).replace(/^[ \t>]*/, "").trimEnd();
      if (t.length >= fence.length && [...t].every((c) => c === ch)) {
        end = s2;
        break;
      }
    }
    out.push({ start: next, end, lang: m[2]!.toLowerCase() });
    k = j;
  }
  return out;
}

/** reStructuredText `.. code-block:: lang` / `.. code:: lang` / `.. sourcecode:: lang` bodies. */
export function rstBlocks(text: string): CodeBlock[] {
  const out: CodeBlock[] = [];
  const lines = lineSpans(text);
  for (let k = 0; k < lines.length; k++) {
    const [ls, le] = lines[k]!;
    const m = /^([ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*([\w+#.-]*)/.exec(text.slice(ls, le));
    if (!m) continue;
    const indent = m[1]!.length;
    let j = k + 1;
    let start = -1;
    let end = text.length;
    for (; j < lines.length; j++) {
      const [s2, e2] = lines[j]!;
      const l = text.slice(s2, e2);
      if (l.trim() === "") continue;
      const lead = /^[ \t]*/.exec(l)![0].length;
      if (lead <= indent) {
        end = s2;
        break;
      }
      if (start < 0 && /^[ \t]*:[\w-]+:/.test(l)) continue; // directive options
      if (start < 0) start = s2;
    }
    if (start >= 0) out.push({ start, end, lang: m[2]!.toLowerCase() });
    k = j - 1;
  }
  return out;
}

/** AsciiDoc `[source,lang]` blocks delimited by ---- (and Markdown-style fences, which Asciidoctor accepts). */
export function asciidocBlocks(text: string): CodeBlock[] {
  const out: CodeBlock[] = [...markdownBlocks(text)];
  const lines = lineSpans(text);
  for (let k = 0; k + 1 < lines.length; k++) {
    const [ls, le] = lines[k]!;
    const m = /^\[source,\s*([\w+#.-]+)/.exec(text.slice(ls, le));
    if (!m) continue;
    const [ds, de, dnext] = lines[k + 1]!;
    const delim = text.slice(ds, de).trim();
    if (!/^(?:-{4,}|\.{4,})$/.test(delim)) continue;
    let end = text.length;
    let j = k + 2;
    for (; j < lines.length; j++) {
      const [s2, e2] = lines[j]!;
      if (text.slice(s2, e2).trim() === delim) {
        end = s2;
        break;
      }
    }
    out.push({ start: dnext, end, lang: m[1]!.toLowerCase() });
    k = j;
  }
  return out;
}

/** [start, end without the line break, start of the next line] of every line. */
function lineSpans(text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  const re = /\r\n|\n|\r/g;
  let s = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([s, m.index, m.index + m[0].length]);
    s = m.index + m[0].length;
  }
  if (s <= text.length) out.push([s, text.length, text.length]);
  return out;
}

const KIND_ADVICE: Partial<Record<PositionKind, string>> = {
  model: "a model position, so renaming it keeps the example working",
  comparison: "a comparison against the ID; the example may need rewording rather than a rename",
  key: "a key of a map; the example may need rewording rather than a rename",
  response: "part of a recorded response (history); usually left as is",
  collection: "a member of a list of model IDs; add the new IDs next to the old ones where the list says what is supported",
  comment: "a comment in the example",
};

type DocKind = "markdown" | "rst" | "asciidoc" | "text";

/** Scan a document: every match "doc"; code blocks classified by their language for the advice. */
export async function scanDoc(input: AdapterInput, kind: DocKind): Promise<AdapterOutput> {
  const blocks =
    kind === "markdown" ? markdownBlocks(input.text) : kind === "rst" ? rstBlocks(input.text) : kind === "asciidoc" ? asciidocBlocks(input.text) : [];
  const sites = new Map<number, Site>();
  // A plain-text file that holds a recorded capture (a stream log, a golden transcript): history.
  const captured = kind === "text" ? capturedMatches(input.text, input.matches) : undefined;
  for (const m of input.matches) {
    sites.set(m.idStart, at(captured?.has(m.idStart) ? P.recordedCapture : P.prose, m.idStart));
  }
  let n = 0;
  for (const b of blocks) {
    const inBlock = matchesIn(input.matches, b.start, b.end);
    if (inBlock.length === 0) continue;
    n++;
    const lang = b.lang || "";
    for (const m of inBlock) sites.set(m.idStart, at(P.codeExample, m.idStart));
    const target = FENCES[lang];
    if (!target || !hasAdapter(target.adapter)) continue;
    const res = await scanDedented(input, target.adapter, b.start, b.end, `${input.path}.block-${n}${target.suffix}`);
    if (res.parseError) continue;
    for (const s of res.sites) {
      const what = KIND_ADVICE[s.kind];
      if (!sites.has(s.idStart)) continue;
      // Docs stay docs: the block's own position only shapes the advice (docs/positions.md).
      sites.set(s.idStart, at(P.codeExample, s.idStart, { advice: what ? `In a ${lang} code example: ${what}.` : `In a ${lang} code example.` }));
    }
  }
  return { sites: [...sites.values()] };
}

const DESCRIPTIONS: Record<DocKind, string> = {
  markdown: "Markdown docs (code fences classified by language, always reviewed by hand)",
  rst: "reStructuredText docs (code-block directives classified by language, always reviewed by hand)",
  asciidoc: "AsciiDoc docs (source blocks classified by language, always reviewed by hand)",
  text: "plain-text docs and changelogs (always reviewed by hand)",
};

const adapters = new Map<DocKind, Adapter>();

/** The docs adapter of one kind. */
export function docsAdapter(kind: DocKind): Adapter {
  let a = adapters.get(kind);
  if (!a) {
    a = { name: kind, description: DESCRIPTIONS[kind], scan: (input) => scanDoc(input, kind) };
    adapters.set(kind, a);
  }
  return a;
}

/** Markdown, the default docs adapter. */
export const adapter: Adapter = docsAdapter("markdown");

/** The docs kind of a path (used by tests and the README table). */
export function docKindFor(file: string): DocKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".rst") return "rst";
  if (ext === ".adoc" || ext === ".asciidoc") return "asciidoc";
  if (ext === ".md" || ext === ".mdx" || ext === ".markdown") return "markdown";
  return "text";
}
