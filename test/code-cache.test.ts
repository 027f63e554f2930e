import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/temp.js";

/** Each case runs in a fresh Node process, as the CLI does. */
function load(cacheDir: string, file: string, env: Record<string, string> = {}) {
  const script = `
    import { requireCached } from ${JSON.stringify(path.join(ROOT, "dist/engine/code-cache.js"))};
    const m = requireCached(${JSON.stringify(file)}, (e) => e.add(1, 2));
    console.log(JSON.stringify({ sum: m.add(2, 3), dir: m.dir, again: requireCached(${JSON.stringify(file)}) === m }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, DEEPSEEK_MIGRATE_CACHE_DIR: cacheDir, ...env },
  });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { sum: number; dir: string; again: boolean };
}

describe("V8 code cache for the compiler", () => {
  const dir = tempDir("dsm-cache-");
  const file = path.join(dir, "lib.cjs");
  fs.writeFileSync(file, "const path = require('path');\nexports.add = (a, b) => a + b;\nexports.dir = path.basename(__dirname);\n");
  const cache = path.join(dir, "cache");

  it("loads a CommonJS file, writes a private cache, and loads from it again", () => {
    expect(load(cache, file)).toEqual({ sum: 5, dir: path.basename(dir), again: true });
    const files = fs.readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^lib-[0-9a-f]{24}\.v8cache$/);
    expect(fs.statSync(cache).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(cache, files[0]!)).mode & 0o777).toBe(0o600);
    expect(load(cache, file).sum).toBe(5);
  });

  it("survives a corrupted cache file and rewrites it", () => {
    const [name] = fs.readdirSync(cache);
    const p = path.join(cache, name!);
    fs.writeFileSync(p, "not bytecode");
    expect(load(cache, file).sum).toBe(5);
    expect(fs.readFileSync(p).toString()).not.toBe("not bytecode");
  });

  it("keeps the folder bounded: the most recently used cache files stay, the others and stale temporary files go", () => {
    const folder = path.join(dir, "bounded");
    fs.mkdirSync(folder, { mode: 0o700 });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    // Twelve cache files of other copies, used 1..12 hours ago; temporary files; a file not ours.
    for (let h = 1; h <= 12; h++) {
      const f = path.join(folder, `typescript-${String(h).padStart(24, "0")}.v8cache`);
      fs.writeFileSync(f, "x");
      fs.utimesSync(f, hoursAgo(h), hoursAgo(h));
    }
    const staleTmp = path.join(folder, "typescript-a.v8cache.123.abcd.tmp");
    const freshTmp = path.join(folder, "typescript-b.v8cache.456.ef01.tmp");
    fs.writeFileSync(staleTmp, "x");
    fs.utimesSync(staleTmp, hoursAgo(2), hoursAgo(2));
    fs.writeFileSync(freshTmp, "x");
    fs.writeFileSync(path.join(folder, "notes.txt"), "kept");

    expect(load(folder, file).sum).toBe(5); // writes this file's cache, then prunes
    const left = fs.readdirSync(folder).sort();
    const caches = left.filter((n) => n.endsWith(".v8cache"));
    expect(caches).toHaveLength(8);
    expect(caches.filter((n) => n.startsWith("lib-"))).toHaveLength(1);
    // The seven most recently used of the others.
    expect(caches.filter((n) => n.startsWith("typescript-")).sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((h) => `typescript-${String(h).padStart(24, "0")}.v8cache`),
    );
    expect(left).toContain(path.basename(freshTmp));
    expect(left).not.toContain(path.basename(staleTmp));
    expect(left).toContain("notes.txt");

    // A cache file read by a run counts as used: an old one read now outlives newer ones.
    const own = path.join(folder, caches.find((n) => n.startsWith("lib-"))!);
    fs.utimesSync(own, hoursAgo(100), hoursAgo(100));
    const ino = fs.statSync(own).ino;
    expect(load(folder, file).sum).toBe(5);
    expect(fs.statSync(own).ino).toBe(ino); // read and marked, not written again
    expect(Date.now() - fs.statSync(own).mtimeMs).toBeLessThan(600_000);
  });

  it("writes nothing with DEEPSEEK_MIGRATE_NO_CACHE=1 or an unusable cache folder", () => {
    const off = path.join(dir, "off");
    expect(load(off, file, { DEEPSEEK_MIGRATE_NO_CACHE: "1" }).sum).toBe(5);
    expect(fs.existsSync(off)).toBe(false);
    const blocked = path.join(dir, "blocked");
    fs.writeFileSync(blocked, "a file where the folder should be");
    expect(load(blocked, file).sum).toBe(5);
  });
});
