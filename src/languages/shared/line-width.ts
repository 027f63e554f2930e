/**
 * Long lines (docs/cli.md "Line width"): when the thinking flags make a one-line call or object
 * longer than the project's configured width, the container is broken across lines, one item per
 * line, in the file's style. The width comes from the project's own configuration, looked up from
 * the file's folder upwards (to the repository root):
 *
 * - Python: `line-length` of ruff (`ruff.toml`, `.ruff.toml`, `[tool.ruff]` in `pyproject.toml`) or
 *   black (`[tool.black]`), else `max-line-length` of `[flake8]` / `[pycodestyle]` in `setup.cfg`;
 * - TypeScript / JavaScript: prettier's `printWidth` (`.prettierrc`, `.prettierrc.json`,
 *   `.prettierrc.yaml`, `.prettierrc.yml`, the `prettier` key of `package.json`);
 * - both: `.editorconfig`'s `max_line_length` for the file (nearest file first, up to `root = true`).
 *
 * Nothing configured: no width, and one-line containers stay on one line (as before).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { globTest } from "../../walk/globs.js";
import { eolAt, indentAt } from "../../core/text.js";
import type { Edit, Match, Ruleset } from "../../core/types.js";
import { readSettingsFile } from "./settings-files.js";

// The TOML and YAML parsers load only when a folder has such a configuration file: most runs
// have none, and loading the YAML parser cost about 50 ms of every run that fixed a call.
const requireHere = createRequire(import.meta.url);
const parseToml = (text: string): unknown => (requireHere("smol-toml") as typeof import("smol-toml")).parse(text);
const parseYaml = (text: string): unknown => (requireHere("yaml") as typeof import("yaml")).parse(text);

export type LayoutLanguage = "python" | "js";

/** What the project says about line layout for one file. */
export interface LineStyle {
  /** The configured maximum line length, if any. */
  width?: number;
  /** prettier's `trailingComma` when configured ("none" → false). */
  trailingComma?: boolean;
}

const cache = new Map<string, LineStyle>();

/** The line style for a file (absolute path), from the configuration files above it. Cached per folder. */
export function lineStyleFor(absFile: string, lang: LayoutLanguage): LineStyle {
  const dir = path.dirname(absFile);
  const key = `${lang}\0${dir}\0${path.extname(absFile)}`;
  let style = cache.get(key);
  if (!style) {
    style = lookUp(absFile, lang);
    cache.set(key, style);
  }
  return style;
}

/**
 * Forget what was read: each run reads the configuration as it is then (a process that runs
 * twice, through the API or the interactive mode, sees an edited .editorconfig).
 */
export function forgetLineStyles(): void {
  cache.clear();
}


function positive(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** The tool configuration in one folder (not .editorconfig). */
function toolStyle(dir: string, lang: LayoutLanguage): LineStyle | undefined {
  if (lang === "python") {
    for (const name of ["ruff.toml", ".ruff.toml"]) {
      const body = readSettingsFile(path.join(dir, name));
      if (body === undefined) continue;
      try {
        const w = positive((parseToml(body) as Record<string, unknown>)["line-length"]);
        if (w) return { width: w };
      } catch {
        /* not TOML: ignored */
      }
    }
    const py = readSettingsFile(path.join(dir, "pyproject.toml"));
    if (py !== undefined) {
      try {
        const tool = ((parseToml(py) as Record<string, unknown>).tool ?? {}) as Record<string, Record<string, unknown> | undefined>;
        const w = positive(tool.ruff?.["line-length"]) ?? positive(tool.black?.["line-length"]);
        if (w) return { width: w };
      } catch {
        /* not TOML: ignored */
      }
    }
    const cfg = readSettingsFile(path.join(dir, "setup.cfg"));
    if (cfg !== undefined) {
      for (const section of ["flake8", "pycodestyle"]) {
        const w = Number(iniSection(cfg, section)?.["max-line-length"] ?? iniSection(cfg, section)?.["max_line_length"]);
        if (positive(w)) return { width: w };
      }
    }
    return undefined;
  }
  let prettier: unknown;
  for (const name of [".prettierrc", ".prettierrc.json", ".prettierrc.yaml", ".prettierrc.yml"]) {
    const body = readSettingsFile(path.join(dir, name));
    if (body === undefined) continue;
    try {
      prettier = parseYaml(body); // JSON is YAML too
    } catch {
      /* unreadable: ignored */
    }
    break;
  }
  if (prettier === undefined) {
    const pkg = readSettingsFile(path.join(dir, "package.json"));
    if (pkg !== undefined) {
      try {
        prettier = (JSON.parse(pkg) as { prettier?: unknown }).prettier;
      } catch {
        /* ignored */
      }
    }
  }
  if (prettier && typeof prettier === "object") {
    const p = prettier as { printWidth?: unknown; trailingComma?: unknown };
    const style: LineStyle = {};
    const w = positive(p.printWidth);
    if (w) style.width = w;
    if (typeof p.trailingComma === "string") style.trailingComma = p.trailingComma !== "none";
    if (style.width !== undefined || style.trailingComma !== undefined) return style;
  }
  return undefined;
}

/** `key = value` pairs of one `[section]` of an INI file. */
function iniSection(body: string, section: string): Record<string, string> | undefined {
  let inside = false;
  let found: Record<string, string> | undefined;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      inside = head[1]!.trim() === section;
      if (inside) found ??= {};
      continue;
    }
    const kv = /^([^=:#;]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (inside && kv) found![kv[1]!.toLowerCase()] = kv[2]!.trim();
  }
  return found;
}

/** `max_line_length` for a file from the .editorconfig files above it (nearest wins; stops at root = true). */
function editorconfigWidth(absFile: string, stop: string | undefined): number | undefined {
  let dir = path.dirname(absFile);
  for (;;) {
    const body = readSettingsFile(path.join(dir, ".editorconfig"));
    if (body !== undefined) {
      let section: string | undefined;
      let width: number | undefined;
      let root = false;
      const rel = path.relative(dir, absFile).split(path.sep).join("/");
      for (const raw of body.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
        const head = /^\[(.+)\]$/.exec(line);
        if (head) {
          section = head[1]!;
          continue;
        }
        const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
        if (!kv) continue;
        const k = kv[1]!.toLowerCase();
        const v = kv[2]!.trim().toLowerCase();
        if (section === undefined) {
          if (k === "root" && v === "true") root = true;
          continue;
        }
        if (k !== "max_line_length") continue;
        const glob = section.includes("/") ? section.replace(/^\//, "") : `**/${section}`;
        if (globTest(glob, rel)) width = v === "off" ? undefined : positive(Number(v));
      }
      if (width !== undefined) return width;
      if (root) return undefined;
    }
    if (dir === stop) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function lookUp(absFile: string, lang: LayoutLanguage): LineStyle {
  let dir = path.dirname(absFile);
  let stop: string | undefined;
  for (;;) {
    const style = toolStyle(dir, lang);
    if (style) {
      if (style.width === undefined) {
        const w = editorconfigWidth(absFile, undefined);
        if (w !== undefined) style.width = w;
      }
      return style;
    }
    // The repository's root is as far as a project's configuration goes.
    if (fs.existsSync(path.join(dir, ".git"))) {
      stop = dir;
      break;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const w = editorconfigWidth(absFile, stop);
  return w !== undefined ? { width: w } : {};
}

/** A span of source text. */
export interface Range {
  start: number;
  end: number;
}

/** The length of the line containing `offset` (without its line ending), and where it starts and ends. */
export function lineAround(text: string, offset: number): Range {
  let s = offset;
  while (s > 0 && text[s - 1] !== "\n" && text[s - 1] !== "\r") s--;
  let e = offset;
  while (e < text.length && text[e] !== "\n" && text[e] !== "\r") e++;
  return { start: s, end: e };
}

/** The file's indentation step: the smallest indentation of its lines (a tab if lines start with tabs). */
export function indentUnit(text: string, fallback: string): string {
  let min = Infinity;
  let tabs = 0;
  let spaces = 0;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const ws = m[1]!;
    if (ws.startsWith("\t")) tabs++;
    else {
      spaces++;
      if (ws.length < min) min = ws.length;
    }
  }
  if (tabs > spaces) return "\t";
  return Number.isFinite(min) && min >= 2 ? " ".repeat(min) : fallback;
}

/**
 * Whether the file puts a trailing comma after the last item of a bracketed list broken across
 * lines: lines that hold only a closing bracket, and what ends the line before. `fallback` when the
 * file has no such list.
 */
export function trailingCommaStyle(text: string, fallback: boolean): boolean {
  let yes = 0;
  let no = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const close = lines[i]!.trim();
    // A list's closing bracket; a lone "}" may end a block (its last statement has no comma).
    if (!/^[)\]}]/.test(close) || close === "}") continue;
    let j = i - 1;
    while (j >= 0 && lines[j]!.trim() === "") j--;
    if (j < 0) continue;
    const prev = lines[j]!.trimEnd();
    if (/[([{;]$/.test(prev) || /^\s*(\/\/|#)/.test(prev)) continue; // an empty list, a statement, a comment
    if (prev.endsWith(",")) yes++;
    else no++;
  }
  return yes === 0 && no === 0 ? fallback : yes >= no;
}

/**
 * Edits that break a one-line bracketed container across lines and append `items`: one item per
 * line, indented one step deeper than the line the container opens on, the closing bracket on its
 * own line at that line's indentation. Only the separators between the items change (the whitespace
 * after the opening bracket, each `, `, the space before the closing bracket); returns undefined
 * when anything else lies between them (a comment).
 */
export function breakContainer(
  text: string,
  openEnd: number,
  elements: Range[],
  closeStart: number,
  items: string[],
  opts: { unit: string; trailingComma: boolean },
): Edit[] | undefined {
  if (elements.length === 0) return undefined;
  const eol = eolAt(text, openEnd);
  const base = indentAt(text, openEnd - 1);
  const inner = base + opts.unit;
  const nl = eol + inner;
  const edits: Edit[] = [];
  const first = elements[0]!;
  if (!/^[ \t]*$/.test(text.slice(openEnd, first.start))) return undefined;
  edits.push({ start: openEnd, end: first.start, text: nl });
  for (let i = 0; i + 1 < elements.length; i++) {
    const gap = text.slice(elements[i]!.end, elements[i + 1]!.start);
    if (!/^[ \t]*,[ \t]*$/.test(gap)) return undefined;
    edits.push({ start: elements[i]!.end, end: elements[i + 1]!.start, text: "," + nl });
  }
  const last = elements[elements.length - 1]!;
  const tail = text.slice(last.end, closeStart);
  if (!/^[ \t]*,?[ \t]*$/.test(tail)) return undefined;
  edits.push({
    start: last.end,
    end: closeStart,
    text: items.map((x) => "," + nl + x).join("") + (opts.trailingComma ? "," : "") + eol + base,
  });
  return edits;
}

/** How much the renames of the matches in [start, end) lengthen that text. */
export function renameGrowth(matches: Match[], ruleset: Ruleset, start: number, end: number): number {
  let n = 0;
  for (const m of matches) {
    if (m.idStart < start || m.idStart >= end) continue;
    const rule = ruleset.byId.get(m.legacyId);
    if (rule) n += rule.target.length - (m.end - m.idStart);
  }
  return n;
}
