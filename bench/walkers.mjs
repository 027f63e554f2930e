// Walker comparison on a bench tree: the tool's walker (readdirSync withFileTypes + `ignore`, with
// per-level .gitignore), fdir + `ignore` with the same semantics, fdir alone (no .gitignore: a lower
// bound), and globby with `gitignore: true`. Prints the median of several runs of each, interleaved.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const load = (p) => import(pathToFileURL(path.join(ROOT, p)).href);

const SKIP = new Set([".git", "node_modules", ".ipynb_checkpoints", ".history"]);

export async function walkers(dir) {
  const { walk } = await load("dist/walk/walk.js");
  const { fdir } = await import("fdir");
  const { default: ignore } = await import("ignore");
  const { globby } = await import("globby");

  const tool = () => walk({ cwd: dir, paths: ["."], gitignore: true, include: [], exclude: [] }).files.length;

  const fdirBare = () =>
    new fdir().withRelativePaths().exclude((name) => SKIP.has(name)).crawl(dir).sync().length;

  // fdir + ignore: layers per folder, looked up by folder path (fdir gives no entry list per folder).
  const fdirIgnore = () => {
    const layersOf = new Map();
    const root = dir.endsWith("/") ? dir : dir + "/";
    const layersFor = (dirPath) => {
      const key = dirPath.endsWith("/") ? dirPath : dirPath + "/";
      let l = layersOf.get(key);
      if (l) return l;
      const parent = key === root ? [] : layersFor(path.dirname(key.slice(0, -1)) + "/");
      l = parent;
      try {
        const body = fs.readFileSync(key + ".gitignore", "utf8");
        l = [...parent, { base: key, ig: ignore().add(body) }];
      } catch {}
      layersOf.set(key, l);
      return l;
    };
    const ignored = (abs, isDir) => {
      const d = path.dirname(abs) + "/";
      for (const { base, ig } of layersFor(d)) {
        const rel = abs.slice(base.length);
        if (ig.ignores(isDir ? rel + "/" : rel)) return true;
      }
      return false;
    };
    return new fdir()
      .withFullPaths()
      .exclude((name, dirPath) => SKIP.has(name) || ignored(dirPath.endsWith("/") ? dirPath.slice(0, -1) : dirPath, true))
      .filter((p, isDir) => isDir || !ignored(p, false))
      .crawl(dir)
      .sync()
      .sort().length;
  };

  const globbyWalk = async () =>
    (await globby("**/*", { cwd: dir, gitignore: true, dot: true, ignore: ["**/.git/**", "**/node_modules/**", "**/.ipynb_checkpoints/**", "**/.history/**"] }))
      .length;

  return { tool, fdirIgnore, fdirBare, globby: globbyWalk };
}

async function main() {
  const dir = path.resolve(process.argv[2] ?? ".");
  const runs = Number(process.argv[3] ?? 5);
  const ws = await walkers(dir);
  const times = Object.fromEntries(Object.keys(ws).map((k) => [k, []]));
  const counts = {};
  const names = Object.keys(ws);
  for (let i = 0; i < runs; i++) {
    // Rotate the order every round, so no walker always runs first (cold) or last.
    for (const k of [...names.slice(i % names.length), ...names.slice(0, i % names.length)]) {
      const f = ws[k];
      const t = performance.now();
      counts[k] = await f();
      times[k].push(performance.now() - t);
    }
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const k of Object.keys(ws)) console.log(`${k.padEnd(11)} ${String(counts[k]).padStart(7)} files  median ${med(times[k]).toFixed(0)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
