import path from "node:path";
import type { Adapter } from "../core/types.js";
import { LEXICAL_EXTENSIONS, LEXICAL_FILENAMES, LEXICAL_LOADERS } from "./lexical/table.js";

/**
 * The adapter registry: the only place a file kind is added. Flat maps, checked by a test:
 * every adapter named here has a loader, every loader is used. Adapters load lazily, so a run that
 * never meets a file of a kind never imports its parser.
 */
export const ADAPTER_LOADERS: Record<string, () => Promise<Adapter>> = {
  typescript: async () => (await import("./typescript/adapter.js")).adapter,
  lexical: async () => (await import("./lexical/adapter.js")).adapter,
  python: async () => (await import("./python/adapter.js")).adapter,
  notebook: async () => (await import("./markup/notebook.js")).adapter,
  env: async () => (await import("./config/env.js")).adapter,
  dockerfile: async () => (await import("./config/dockerfile.js")).adapter,
  yaml: async () => (await import("./config/yaml.js")).adapter,
  json: async () => (await import("./config/json.js")).adapter,
  jsonl: async () => (await import("./config/json.js")).jsonlAdapter,
  toml: async () => (await import("./config/toml.js")).adapter,
  // Docs, markup and the lexically scanned languages (one row each in lexical/table.ts).
  markdown: async () => (await import("./markup/markdown.js")).docsAdapter("markdown"),
  rst: async () => (await import("./markup/markdown.js")).docsAdapter("rst"),
  asciidoc: async () => (await import("./markup/markdown.js")).docsAdapter("asciidoc"),
  text: async () => (await import("./markup/markdown.js")).docsAdapter("text"),
  html: async () => (await import("./markup/html.js")).markupAdapter("html"),
  xml: async () => (await import("./markup/html.js")).markupAdapter("xml"),
  vue: async () => (await import("./markup/vue.js")).adapter,
  svelte: async () => (await import("./markup/vue.js")).svelteAdapter,
  astro: async () => (await import("./markup/vue.js")).astroAdapter,
  ...LEXICAL_LOADERS,
};

/** File extension (lower case, with the dot) → adapter name. */
export const EXTENSIONS: Record<string, string> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "typescript",
  ".jsx": "typescript",
  ".mjs": "typescript",
  ".cjs": "typescript",
  ".py": "python",
  ".pyi": "python",
  ".ipynb": "notebook",
  ".env": "env",
  ".dockerfile": "dockerfile",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
  ".jsonc": "json",
  // HTTP archives (browser exports, Polly.js recordings): JSON whose "response" entries are history.
  ".har": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".toml": "toml",
  ".md": "markdown",
  ".mdx": "markdown",
  ".markdown": "markdown",
  ".rmd": "markdown",
  ".qmd": "markdown",
  ".rst": "rst",
  ".adoc": "asciidoc",
  ".asciidoc": "asciidoc",
  ".txt": "text",
  ".text": "text",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".erb": "html",
  ".ejs": "html",
  ".hbs": "html",
  ".njk": "html",
  ".jinja": "html",
  ".j2": "html",
  ".heex": "html",
  ".eex": "html",
  ".xml": "xml",
  ".plist": "xml",
  ".csproj": "xml",
  ".props": "xml",
  ".targets": "xml",
  ".config": "xml",
  ".xaml": "xml",
  ".resx": "xml",
  ".xsd": "xml",
  ".wsdl": "xml",
  ".vue": "vue",
  ".svelte": "svelte",
  ".astro": "astro",
  ...LEXICAL_EXTENSIONS,
};

/** Exact file names → adapter name (checked before extensions). */
export const FILENAMES: Record<string, string> = {
  Dockerfile: "dockerfile",
  Containerfile: "dockerfile",
  Pipfile: "toml",
  CHANGELOG: "text",
  CHANGES: "text",
  HISTORY: "text",
  NEWS: "text",
  README: "text",
  AUTHORS: "text",
  CONTRIBUTING: "text",
  ...LEXICAL_FILENAMES,
};

/** File-name patterns → adapter name (checked after exact names, before extensions). */
export const FILENAME_PATTERNS: [RegExp, string][] = [
  [/^\.env(?:\.[^.]+)*$/, "env"],
  // Templates without the leading dot (`cp env.example .env`).
  [/^env\.(?:example|sample|template|dist|defaults?|local|dev|development|prod|production|staging|test)$/, "env"],
  [/^(?:Dockerfile|Containerfile|dockerfile)\.[^.]+$/, "dockerfile"],
];

/** The adapter that scans a file; "lexical" for every kind without its own. */
export function adapterNameFor(file: string): string {
  const base = path.basename(file);
  const byName = FILENAMES[base];
  if (byName) return byName;
  for (const [re, name] of FILENAME_PATTERNS) if (re.test(base)) return name;
  return EXTENSIONS[path.extname(base).toLowerCase()] ?? "lexical";
}

const cache = new Map<string, Promise<Adapter>>();

export function loadAdapter(name: string): Promise<Adapter> {
  let p = cache.get(name);
  if (!p) {
    const loader = ADAPTER_LOADERS[name];
    if (!loader) throw new Error(`no adapter named ${name}`);
    p = loader();
    cache.set(name, p);
  }
  return p;
}
