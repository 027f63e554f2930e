import crypto from "node:crypto";
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

/**
 * Load a large CommonJS file (the TypeScript compiler, 9 MB of JavaScript) with a V8 code cache, as
 * Node 22's module compile cache does: compiling it costs ~140 ms on every run, reading cached
 * bytecode ~40 ms. The cache lives in a folder of the current user's own
 * (DEEPSEEK_MIGRATE_CACHE_DIR, else $XDG_CACHE_HOME/deepseek-migrate, else ~/.cache/deepseek-migrate),
 * is keyed by the file, its size and mtime and the Node version, and is never trusted blindly: V8
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
    } catch {
      cached = undefined;
    }
  }
  const source = fs.readFileSync(file, "utf8");
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

/** Write into a folder only this user can write to; refuse a folder owned by someone else. */
function writePrivate(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (typeof process.getuid === "function" && st.uid !== process.getuid())) return;
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
