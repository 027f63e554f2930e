/**
 * What a file imports, read from its text without parsing, and how an import names a file: the ties
 * that join the rename groups of two files (docs/groups.md). Only what can name a file of the
 * repository is kept: relative TypeScript/JavaScript specifiers (`./x`, `../x`), path aliases (`@/x`,
 * `~/x`: src/rules/aliases.ts) and Python modules.
 */
import path from "node:path";
import { ALIAS_SPEC, aliasBases } from "./aliases.js";

const JS_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro|html?)$/i;
const PY_FILE = /\.(?:py|pyi|ipynb)$/i;

/** The language family whose import syntax a file uses, or undefined. */
export function importFamily(rel: string): "js" | "py" | undefined {
  if (JS_FILE.test(rel)) return "js";
  if (PY_FILE.test(rel)) return "py";
  return undefined;
}

const JS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'`])(\.{1,2}\/[^"'`\n]*|\.{1,2}|(?:@|~|~~|@@|#)\/[^"'`\n]*)\1/g;
// Python: `from X import a, b`, `import X.Y as Z, W`. In a notebook the code sits in JSON strings, so
// a statement may follow a quote or an escaped newline instead of a line start.
// `from X import *` takes the module's names (the module is the import).
// `from X import (\n  a,\n  b,\n)` spans lines: the parenthesised names are read up to the closing
// parenthesis (in a notebook, across the escaped newlines and quotes of the cell's JSON strings).
const PY_FROM = /(?:^|\\n|["\n;])[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(?:\(([^)]*)\)|[ \t]([\w ,\t]+)|\*)/g;
const PY_IMPORT = /(?:^|\\n|["\n;])[ \t]*import[ \t]+([\w., \t]+)/g;

/** The names a `from X import …` match takes (before any `as`), on one line or parenthesised over several. */
function importedNames(m: RegExpMatchArray): string[] {
  const out: string[] = [];
  for (const part of (m[2] ?? m[3] ?? "").split(/,|\\n|\n/)) {
    const n = part.replace(/^[\s"]+/, "").split(/[\s"]+/)[0];
    if (n && /^\w+$/.test(n) && n !== "as") out.push(n);
  }
  return out;
}

/**
 * The module specifiers a file imports, tagged by family: "js:./util", "py:pkg.mod", "py:.sibling".
 * For `from X import a`, both "X" and "X.a" are listed (`a` may be a submodule).
 */
export function importsOf(rel: string, text: string): string[] {
  const family = importFamily(rel);
  if (!family) return [];
  const out = new Set<string>();
  if (family === "js") {
    for (const m of text.matchAll(JS_IMPORT)) out.add(`js:${m[2]}`);
  } else {
    for (const m of text.matchAll(PY_FROM)) {
      const mod = m[1]!;
      out.add(`py:${mod}`);
      for (const n of importedNames(m)) out.add(`py:${mod}${mod.endsWith(".") ? "" : "."}${n}`);
    }
    for (const m of text.matchAll(PY_IMPORT)) {
      for (const part of m[1]!.split(",")) {
        const n = part.trim().split(/\s+/)[0];
        if (n && /^\w+(?:\.\w+)*$/.test(n)) out.add(`py:${n}`);
      }
    }
  }
  return [...out];
}

/**
 * The modules a package's `__init__.py` takes the given names from (`from .deepseek import DeepSeek`
 * for "DeepSeek"), as import specifiers of that file: "py:.deepseek", "py:.deepseek.DeepSeek". A
 * module that writes `from pkg import DeepSeek` uses the class defined there (docs/groups.md).
 */
export function pyReexports(text: string, names: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PY_FROM)) {
    const mod = m[1]!;
    const taken = importedNames(m);
    if (!taken.some((n) => names.has(n))) continue;
    out.add(`py:${mod}`);
    for (const n of taken) if (names.has(n)) out.add(`py:${mod}${mod.endsWith(".") ? "" : "."}${n}`);
  }
  return [...out];
}

const JS_EXTS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte", ".json"];

/** The paths (relative, `/` separators) a relative JS/TS specifier may name, most likely first. */
export function jsCandidates(fromRel: string, spec: string): string[] {
  if (ALIAS_SPEC.test(spec)) return [];
  return candidatesOf(path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec)));
}

/** The paths a TS/JS specifier may name: a relative one, or a path alias resolved from the project's configuration. */
export function jsSpecCandidates(cwd: string, fromRel: string, spec: string): string[] {
  if (!ALIAS_SPEC.test(spec)) return jsCandidates(fromRel, spec);
  return aliasBases(cwd, fromRel, spec).flatMap(candidatesOf);
}

/** A module path with the extensions and index files an import of it may mean. */
function candidatesOf(path0: string): string[] {
  const base = path0.replace(/\/$/, "");
  const out = [base];
  // ESM TypeScript imports `./x.js` for `./x.ts`.
  const stem = base.replace(/\.[cm]?jsx?$/, "");
  for (const e of JS_EXTS) out.push(base + e);
  if (stem !== base) for (const e of JS_EXTS) out.push(stem + e);
  for (const e of JS_EXTS) out.push(`${base}/index${e}`);
  return out;
}

/**
 * A Python module as candidate paths: `exact` paths for a relative import, or a module path
 * ("pkg/mod") that a file's path must end with (as `pkg/mod.py` or `pkg/mod/__init__.py`).
 */
export function pyModule(fromRel: string, spec: string): { exact?: string[]; suffix?: string } {
  const dots = /^\.*/.exec(spec)![0].length;
  const rest = spec.slice(dots).split(".").filter(Boolean).join("/");
  if (dots === 0) return rest ? { suffix: rest } : {};
  let dir = path.posix.dirname(fromRel);
  for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
  const base = rest ? path.posix.normalize(path.posix.join(dir, rest)) : path.posix.normalize(dir);
  return { exact: rest ? [`${base}.py`, `${base}.pyi`, `${base}/__init__.py`] : [`${base}/__init__.py`] };
}

/** The module paths ("pkg/mod", "mod") under which a Python file can be imported. */
export function pyModuleKeys(rel: string): string[] {
  if (!/\.pyi?$/.test(rel)) return [];
  let p = rel.replace(/\.pyi?$/, "");
  if (p.endsWith("/__init__")) p = p.slice(0, -"/__init__".length);
  else if (p === "__init__") return [];
  const segs = p.split("/");
  const out: string[] = [];
  for (let i = segs.length - 1; i >= 0; i--) out.push(segs.slice(i).join("/"));
  return out;
}

/** The file a Python module specifier names on disk: relative, or absolute from each folder above `from` (the import root is one of them). */
export function pyOnDisk(from: string, spec: string, exists: (rel: string) => boolean): string | undefined {
  const mod = pyModule(from, spec);
  const cands = [...(mod.exact ?? [])];
  if (mod.suffix)
    for (let d = path.posix.dirname(from); ; d = path.posix.dirname(d)) {
      const root = d === "." ? "" : `${d}/`;
      cands.push(`${root}${mod.suffix}.py`, `${root}${mod.suffix}/__init__.py`, `${root}src/${mod.suffix}.py`, `${root}src/${mod.suffix}/__init__.py`);
      if (d === "." || d === "/" || d === "") break;
    }
  return cands.find((c) => !c.startsWith("..") && exists(c));
}
