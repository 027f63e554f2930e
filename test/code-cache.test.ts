import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/fixtures.js";

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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-cache-"));
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

  it("writes nothing with DEEPSEEK_MIGRATE_NO_CACHE=1 or an unusable cache folder", () => {
    const off = path.join(dir, "off");
    expect(load(off, file, { DEEPSEEK_MIGRATE_NO_CACHE: "1" }).sum).toBe(5);
    expect(fs.existsSync(off)).toBe(false);
    const blocked = path.join(dir, "blocked");
    fs.writeFileSync(blocked, "a file where the folder should be");
    expect(load(blocked, file).sum).toBe(5);
  });
});
