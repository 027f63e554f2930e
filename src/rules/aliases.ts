/**
 * Path aliases of TypeScript/JavaScript imports (`@/models/registry`, `~/lib/llm`): the files such a
 * specifier may name, from the nearest `tsconfig.json` or `jsconfig.json`'s `compilerOptions.paths`
 * (patterns with one `*`, resolved from `baseUrl` or the config's folder). A config that names no
 * alias for `@/` or `~/` leaves the convention of Next.js, Nuxt and Vite projects: the `src/` folder
 * beside the nearest `package.json`, else that folder itself. Only the ties of rename groups use
 * this (docs/groups.md): an alias that cannot be resolved ties nothing, as before.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileText } from "./disk-text.js";

// The JSONC parser loads only when a run reads a tsconfig.json (most runs tie no aliases).
const requireHere = createRequire(import.meta.url);
const parse = (text: string, errors: unknown[], options: { allowTrailingComma: boolean }): unknown =>
  (requireHere("jsonc-parser") as typeof import("jsonc-parser")).parse(text, errors as import("jsonc-parser").ParseError[], options);

/** The specifiers that are aliases rather than packages: `@/x`, `~/x`, `~~/x`, `@@/x`, `#/x`. */
export const ALIAS_SPEC = /^(?:@|~|~~|@@|#)\//;

interface AliasConfig {
  /** The folder of the config, relative to the run's folder ("" for the run's folder). */
  dir: string;
  /** [pattern prefix, pattern suffix, targets relative to the run's folder, each with at most one `*`]. */
  paths: [string, string, string[]][];
}

const CONFIG_MAX = 1 << 20;
/** Per run folder: the alias configuration of each folder (undefined: none at or above it). */
const configs = new Map<string, Map<string, AliasConfig | undefined>>();

/** Forget what was read (each run reads the configuration as it is then). */
export function forgetAliases(): void {
  configs.clear();
}

function readJson(abs: string): Record<string, unknown> | undefined {
  const text = fileText(abs, CONFIG_MAX);
  if (text === undefined) return undefined;
  try {
    const v = parse(text, [], { allowTrailingComma: true }) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The alias configuration that applies to files of `dir` (relative to cwd), looked up upwards to cwd. */
function configFor(cwd: string, dir: string): AliasConfig | undefined {
  let byDir = configs.get(cwd);
  if (!byDir) configs.set(cwd, (byDir = new Map()));
  if (byDir.has(dir)) return byDir.get(dir);
  let found: AliasConfig | undefined;
  let hasPackage = false;
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const json = readJson(path.resolve(cwd, dir, name));
    const options = json?.compilerOptions as { paths?: unknown; baseUrl?: unknown } | undefined;
    if (!json) continue;
    const base = path.posix.normalize(path.posix.join(dir, typeof options?.baseUrl === "string" ? options.baseUrl : "."));
    const paths: AliasConfig["paths"] = [];
    if (options?.paths && typeof options.paths === "object")
      for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
        if (!Array.isArray(targets)) continue;
        const star = pattern.indexOf("*");
        const [prefix, suffix] = star < 0 ? [pattern, ""] : [pattern.slice(0, star), pattern.slice(star + 1)];
        if (star < 0 && pattern.includes("*")) continue;
        const list = targets.filter((t): t is string => typeof t === "string").map((t) => path.posix.normalize(path.posix.join(base, t)));
        if (list.length) paths.push([prefix, star < 0 ? "\0exact" : suffix, list]);
      }
    found = { dir, paths };
    break;
  }
  if (!found) {
    hasPackage = fs.existsSync(path.resolve(cwd, dir, "package.json"));
    const up = dir === "" || dir === "." ? undefined : path.posix.dirname(dir);
    found = up === undefined ? undefined : configFor(cwd, up === "." ? "" : up);
    if (!found && hasPackage) found = { dir, paths: [] };
  }
  byDir.set(dir, found);
  return found;
}

/** The paths (relative to cwd) an aliased specifier may name before extensions are tried. */
export function aliasBases(cwd: string, fromRel: string, spec: string): string[] {
  if (!ALIAS_SPEC.test(spec)) return [];
  const dir = path.posix.dirname(fromRel);
  const config = configFor(cwd, dir === "." ? "" : dir);
  if (!config) return [];
  const out: string[] = [];
  for (const [prefix, suffix, targets] of config.paths) {
    if (suffix === "\0exact") {
      if (spec === prefix) out.push(...targets);
      continue;
    }
    if (!spec.startsWith(prefix) || !spec.endsWith(suffix) || spec.length < prefix.length + suffix.length) continue;
    const mid = spec.slice(prefix.length, spec.length - suffix.length);
    for (const t of targets) out.push(t.replace("*", mid));
  }
  if (out.length === 0 && /^~?[@~]\//.test(spec)) {
    // The convention: `@/x` and `~/x` name `src/x` (or `x`) beside the project's package.json.
    const rest = spec.replace(/^~?[@~]\//, "");
    const root = config.dir;
    out.push(path.posix.join(root || ".", "src", rest), path.posix.join(root || ".", rest));
  }
  return out.map((p) => path.posix.normalize(p)).filter((p) => !p.startsWith(".."));
}
