import { isAscii } from "node:buffer";
import crypto from "node:crypto";
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

/**
 * Load a large CommonJS file (the TypeScript compiler) with a V8 code cache, as Node 22's module
 * compile cache does: compiling it is paid on every run, reading cached bytecode costs a fraction
 * of that (measured in docs/speed.md). The cache lives in a folder of the current user's own
 * (DEEPSEEK_MIGRATE_CACHE_DIR, else $XDG_CACHE_HOME/deepseek-migrate, else ~/.cache/deepseek-migrate),
 * is keyed by the file, its size and mtime and the Node version (the folder keeps the
 * MAX_CACHE_FILES most recently used files), and is never trusted blindly: V8
 * rejects data that does not fit the source and flags, and the file is then compiled as usual.
 * DEEPSEEK_MIGRATE_NO_CACHE=1 turns it off. Any problem with the cache only costs the speed-up.
 */
export function requireCached<T>(file: string, warmUp?: (exports: T) => void): T {
  const req = createRequire(file);
  const loaded = req.cache[file];
  if (loaded?.loaded) return loaded.exports as T;
  const cacheFile = process.env.DEEPSEEK_MIGRATE_NO_CACHE === "1" ? undefined : cachePath(file);
  let cached: Buffer | undefined;
  if (cacheFile) {
    try {
      cached = fs.readFileSync(cacheFile);
      markUsed(cacheFile);
    } catch {
      cached = undefined;
    }
  }
  const source = readSource(file);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  const fn = script.runInThisContext() as (e: unknown, r: NodeRequire, m: Module, f: string, d: string) => void;
  // A real module in require's cache, so a later require() of the file gets this same instance.
  const mod = new Module(file);
  mod.filename = file;
  req.cache[file] = mod;
  try {
    fn.call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
  } catch (e) {
    delete req.cache[file];
    throw e;
  }
  mod.loaded = true;
  const exports = mod.exports as T;
  if (cacheFile && (cached === undefined || script.cachedDataRejected)) {
    try {
      // Warm the functions a scan uses first, so their bytecode goes into the cache too.
      warmUp?.(exports);
      writePrivate(cacheFile, script.createCachedData());
    } catch {
      /* no cache this time */
    }
  }
  return exports;
}

/**
 * A source file's text. The compiler is ASCII: read as bytes and taken as Latin-1 (the same string,
 * since ASCII decodes the same either way) it costs a small fraction of decoding it as UTF-8
 * (docs/speed.md, "Measurements behind constants in the code"). Any other text is decoded as UTF-8.
 */
export function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

function cacheDir(): string | undefined {
  const explicit = process.env.DEEPSEEK_MIGRATE_CACHE_DIR;
  if (explicit) return explicit;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), ".cache") : "");
  return base ? path.join(base, "deepseek-migrate") : undefined;
}

function cachePath(file: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const st = fs.statSync(file);
    const key = crypto
      .createHash("sha256")
      .update([file, st.size, st.mtimeMs, process.version, process.arch].join("\0"))
      .digest("hex")
      .slice(0, 24);
    return path.join(dir, `${path.basename(file).replace(/\.[cm]?js$/, "")}-${key}.v8cache`);
  } catch {
    return undefined;
  }
}

/**
 * Cache files kept in the folder. Every installed copy of the compiler (each npx version, each
 * project's node_modules) and each Node version has its own file (sizes: docs/speed.md); without a
 * bound the folder only grows. A file's modification time is its last use.
 */
export const MAX_CACHE_FILES = 8;
/** A temporary file older than this was left by a run that died while writing; it is removed. */
const STALE_TMP_MS = 60 * 60 * 1000;
/** A cache file used within this long is not marked again (no write on every run). */
const MARK_EVERY_MS = 60 * 60 * 1000;

/** Record a cache file's use (its modification time), at most once an hour. */
function markUsed(file: string): void {
  try {
    const now = Date.now();
    if (now - fs.statSync(file).mtimeMs > MARK_EVERY_MS) fs.utimesSync(file, new Date(now), new Date(now));
  } catch {
    /* a cache that cannot be marked may be pruned sooner: only the speed-up is at stake */
  }
}

/**
 * Keep the MAX_CACHE_FILES most recently used cache files of the folder (the one just written
 * among them) and remove the rest, and temporary files left by runs that died while writing.
 */
export function pruneCacheDir(dir: string, keep: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  const caches: { file: string; used: number }[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      if (name.endsWith(".v8cache")) {
        if (file !== keep) caches.push({ file, used: st.mtimeMs });
      } else if (name.endsWith(".tmp") && name.includes(".v8cache.") && now - st.mtimeMs > STALE_TMP_MS) fs.rmSync(file, { force: true });
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  caches.sort((a, b) => b.used - a.used);
  for (const { file } of caches.slice(MAX_CACHE_FILES - 1)) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      /* another run removed it, or it is not removable: left */
    }
  }
}

/** Write into a folder only this user can write to; refuse a folder owned by someone else. */
function writePrivate(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (typeof process.getuid === "function" && st.uid !== process.getuid())) return;
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
  pruneCacheDir(dir, file);
}
