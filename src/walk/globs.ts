/** --include and --exclude patterns as matchers of relative paths (src/walk/walk.ts). */
import { createRequire } from "node:module";

type Picomatch = typeof import("picomatch");
let loaded: Picomatch | undefined;
/** picomatch, loaded when a pattern needs it: a run whose patterns are all plain names never loads it. */
function picomatch(glob: string, options: { dot: boolean }): (s: string) => boolean {
  loaded ??= createRequire(import.meta.url)("picomatch") as Picomatch;
  return loaded(glob, options);
}

/** A character with a meaning in a glob (picomatch's syntax): without one, a glob is a plain string. */
const GLOB_CHAR = /[*?[\]{}()!+@\\]/;
const compiled = new Map<string, (s: string) => boolean>();

/**
 * Whether `s` matches one glob (dot files included), as picomatch answers: a glob without glob
 * characters is compared as a string, any other is compiled once per process.
 */
export function globTest(glob: string, s: string): boolean {
  if (!GLOB_CHAR.test(glob)) return glob === s;
  let m = compiled.get(glob);
  if (!m) compiled.set(glob, (m = picomatch(glob, { dot: true })));
  return m(s);
}

const LITERAL = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;

/** One matcher per glob: a pattern without "/" matches a name at any depth, like .gitignore. */
export function globMatchers(patterns: string[]): ((rel: string) => boolean)[] {
  return patterns.map((p) => {
    const clean = p.replace(/^\.\//, "").replace(/\/$/, "");
    // A plain name or path (no glob or escape character: the tool's own configuration file, a
    // folder name) matches only itself: compared as a string, without picomatch per walked entry.
    if (LITERAL.test(clean)) {
      if (clean.includes("/")) return (rel: string) => rel === clean;
      const tail = "/" + clean;
      return (rel: string) => rel === clean || rel.endsWith(tail);
    }
    const m = picomatch(clean, { dot: true });
    if (clean.includes("/")) return (rel: string) => m(rel);
    return (rel: string) => m(rel.slice(rel.lastIndexOf("/") + 1)) || m(rel);
  });
}

/** A glob matcher for any of the patterns. */
export function globMatcher(patterns: string[]): ((rel: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const fns = globMatchers(patterns);
  return (rel) => fns.some((f) => f(rel));
}
