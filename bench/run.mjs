// `npm run bench`: the speed benchmark of issue 7 (not part of `npm test`).
//
// Generates deterministic trees under .bench/ (gitignored), then times in one run, as paired A/B
// medians (the two commands of a pair run back to back, in alternating order):
//   - `deepseek-migrate check` vs `rg -l 'deepseek-(chat|reasoner)'` and vs `grep -rlE` (40k files)
//   - a dry run over a tree where 2,000 TS/Python files need fixes vs `jscodeshift --dry` with an
//     equivalent string-literal transform (on the TypeScript files: jscodeshift has no Python)
//   - peak RSS of `check` at 40k and 80k files, and `--version`
// and prints ratios against the targets. Timings on a busy machine are noisy: run it on a quiet one.
//
// Options: --files N (default 40000), --runs N (default 5), --no-80k, --no-jscodeshift,
//          --hit-share X (default 0.005), --keep (reuse trees; they are reused when unchanged anyway)
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./tree.mjs";
import { walkers } from "./walkers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(ROOT, ".bench");
const BIN = path.join(ROOT, "bin", "deepseek-migrate.js");

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : dflt;
};
const FILES = opt("--files", 40_000);
const RUNS = opt("--runs", 5);
const HIT_SHARE = opt("--hit-share", 0.005);

if (!fs.existsSync(path.join(ROOT, "dist", "cli.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(2);
}

async function findRg() {
  try {
    const { rgPath } = await import("@vscode/ripgrep");
    if (fs.existsSync(rgPath)) return rgPath;
  } catch {
    /* fall back to a system rg */
  }
  const r = spawnSync("rg", ["--version"]);
  return r.status === 0 ? "rg" : undefined;
}

const ENV = { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", NO_COLOR: "1" };
delete ENV.CI;

const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
const TIME_OUT = path.join(os.tmpdir(), `dsm-bench-time-${process.pid}.txt`);

/**
 * Run a command to completion, output discarded: wall time in ms (and, through /usr/bin/time when
 * present, CPU time user+system in ms and peak RSS in KiB; the wrapper costs about a millisecond,
 * the same for both sides of a pair).
 */
function timeOnce(cmd, args, cwd) {
  const [c, a] = TIME ? [TIME, ["-f", "%U %S %M", "-o", TIME_OUT, cmd, ...args]] : [cmd, args];
  const t = process.hrtime.bigint();
  const r = spawnSync(c, a, { cwd, env: ENV, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  let cpu = NaN;
  let rss = NaN;
  if (TIME) {
    const [u, sys, m] = fs.readFileSync(TIME_OUT, "utf8").trim().split("\n").pop().split(" ").map(Number);
    cpu = (u + sys) * 1000;
    rss = m;
  }
  return { wall, cpu, rss };
}

/** Peak RSS (KiB) of a command: /usr/bin/time when present, else polling /proc/<pid>/status VmHWM. */
async function peakRss(cmd, args, cwd) {
  if (fs.existsSync("/usr/bin/time")) {
    const out = path.join(os.tmpdir(), `dsm-bench-rss-${process.pid}.txt`);
    const r = spawnSync("/usr/bin/time", ["-f", "%M", "-o", out, cmd, ...args], { cwd, env: ENV, stdio: "ignore" });
    if (r.status === 0 || r.status === 1) {
      const kb = Number(fs.readFileSync(out, "utf8").trim().split("\n").pop());
      fs.rmSync(out, { force: true });
      if (kb > 0) return kb;
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: ENV, stdio: "ignore" });
    let peak = 0;
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        /* exited */
      }
    };
    const timer = setInterval(poll, 10);
    child.on("error", reject);
    child.on("exit", () => {
      clearInterval(timer);
      resolve(peak);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Paired A/B runs: alternate which goes first; medians of each side's wall time, of the per-pair
 * wall-time ratio A/B, of the CPU-time ratio, and of A's peak RSS.
 */
function paired(a, b, runs) {
  const ta = [];
  const tb = [];
  const ratios = [];
  const cpuRatios = [];
  const rssA = [];
  // One warm-up each (file cache, binaries).
  timeOnce(...a);
  timeOnce(...b);
  for (let i = 0; i < runs; i++) {
    let x;
    let y;
    if (i % 2 === 0) {
      x = timeOnce(...a);
      y = timeOnce(...b);
    } else {
      y = timeOnce(...b);
      x = timeOnce(...a);
    }
    ta.push(x.wall);
    tb.push(y.wall);
    ratios.push(x.wall / y.wall);
    cpuRatios.push(x.cpu / y.cpu);
    rssA.push(x.rss);
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios), cpuRatio: median(cpuRatios), rssA: median(rssA) };
}

const cpuX = (p) => (Number.isNaN(p.cpuRatio) ? "" : `${p.cpuRatio.toFixed(2)}×`);
const ms = (x) => `${x >= 1000 ? (x / 1000).toFixed(2) + " s" : Math.round(x) + " ms"}`;
const mb = (kb) => `${Math.round(kb / 1024)} MB`;

function treeInfo(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, ".bench-info.json"), "utf8"));
}

async function main() {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  console.log(`deepseek-migrate bench: ${cores} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  fs.mkdirSync(BENCH, { recursive: true });

  const t0 = Date.now();
  const main40 = path.join(BENCH, `tree-${FILES}`);
  generateTree(main40, { files: FILES, hitShare: HIT_SHARE, nearShare: HIT_SHARE / 2 });
  const big = path.join(BENCH, `tree-${FILES * 2}`);
  if (!flag("--no-80k")) generateTree(big, { files: FILES * 2, hitShare: HIT_SHARE, nearShare: HIT_SHARE / 2 });
  const fix = path.join(BENCH, "fix-2000");
  generateTree(fix, { files: 2000, fixable: 2000 });
  const i40 = treeInfo(main40);
  console.log(
    `trees ready in ${ms(Date.now() - t0)}: ${i40.files} files (${mb(i40.bytes / 1024)}, ${i40.hits} with legacy IDs)` +
      (flag("--no-80k") ? "" : `, ${treeInfo(big).files} files`) +
      `, 2,000 fixable (1,000 .ts + 1,000 .py)\n`,
  );

  const rg = await findRg();
  const node = process.execPath;
  const check = [node, [BIN, "check", "."], main40];
  const rows = [];

  // Sanity: both tools find the same files (so the race is fair).
  const json = spawnSync(node, [BIN, "check", "--format", "json", "."], { cwd: main40, env: ENV, encoding: "utf8", maxBuffer: 1 << 28 });
  const ours = new Set(JSON.parse(json.stdout).findings.map((f) => f.file));
  if (rg) {
    const listed = spawnSync(rg, ["-l", "deepseek-(chat|reasoner)", "."], { cwd: main40, encoding: "utf8" })
      .stdout.trim()
      .split("\n")
      .map((l) => l.replace(/^\.\//, ""))
      .filter(Boolean);
    const same = listed.length === ours.size && listed.every((f) => ours.has(f));
    console.log(`files with legacy IDs: deepseek-migrate ${ours.size}, rg ${listed.length}${same ? " (same files)" : " (DIFFERENT)"}`);
  }

  if (rg) {
    const p = paired(check, [rg, ["-l", "deepseek-(chat|reasoner)", "."], main40], RUNS);
    rows.push([`check, ${i40.files} files vs \`rg -l\``, ms(p.a), ms(p.b), `${p.ratio.toFixed(2)}×`, cpuX(p), "≤ 1.5×", p.ratio <= 1.5]);
  } else rows.push(["check vs `rg -l`", "", "rg not found", "", "", "≤ 1.5×", undefined]);
  if (rg) {
    // The same check with a warm results cache (--cache, kept outside the tree): the second and
    // later runs of an unchanged tree, as in CI with the cache file restored.
    const cacheFile = path.join(os.tmpdir(), `dsm-bench-cache-${process.pid}.json`);
    const cached = [node, [BIN, "check", "--cache-location", cacheFile, "."], main40];
    timeOnce(...cached);
    const p = paired(cached, [rg, ["-l", "deepseek-(chat|reasoner)", "."], main40], RUNS);
    fs.rmSync(cacheFile, { force: true });
    rows.push([`check --cache (warm), ${i40.files} files vs \`rg -l\``, ms(p.a), ms(p.b), `${p.ratio.toFixed(2)}×`, cpuX(p), "(info)", undefined]);
  }
  {
    const p = paired(check, ["grep", ["-rlE", "deepseek-(chat|reasoner)", "."], main40], RUNS);
    rows.push([`check, ${i40.files} files vs \`grep -rlE\``, ms(p.a), ms(p.b), `${p.ratio.toFixed(2)}×`, cpuX(p), "(info)", undefined]);
  }

  if (!flag("--no-jscodeshift")) {
    const jscs = path.join(ROOT, "node_modules", "jscodeshift", "bin", "jscodeshift.js");
    const transform = path.join(ROOT, "bench", "jscodeshift-transform.cjs");
    const jsArgs = [jscs, "--dry", "--silent", "--no-babel", "--parser=ts", "--extensions=ts", "-t", transform, "."];
    const runs = Math.max(1, Math.min(RUNS, 3));
    const same = paired([node, [BIN, "--include", "*.ts", "."], fix], [node, jsArgs, fix], runs);
    rows.push([
      "dry run, the 1,000 fixable .ts files vs `jscodeshift --dry`",
      ms(same.a),
      ms(same.b),
      `${(1 / same.ratio).toFixed(1)}× faster`,
      Number.isNaN(same.cpuRatio) ? "" : `${(1 / same.cpuRatio).toFixed(1)}× less`,
      "≥ 10× faster",
      1 / same.ratio >= 10,
    ]);
    const all = paired([node, [BIN, "."], fix], [node, jsArgs, fix], runs);
    rows.push([
      "dry run, all 2,000 fixable files (.ts + .py) vs `jscodeshift --dry` (.ts only)",
      ms(all.a),
      ms(all.b),
      `${(1 / all.ratio).toFixed(1)}× faster`,
      Number.isNaN(all.cpuRatio) ? "" : `${(1 / all.cpuRatio).toFixed(1)}× less`,
      "(info)",
      undefined,
    ]);
  }

  const rssRuns = Math.max(1, Math.min(RUNS, 3));
  const rss40 = [];
  for (let i = 0; i < rssRuns; i++) rss40.push(await peakRss(node, [BIN, "check", "."], main40));
  const r40 = median(rss40);
  rows.push([`peak RSS, check of ${i40.files} files`, mb(r40), "", "", "", "≤ 250 MB", r40 <= 250 * 1024]);
  if (!flag("--no-80k")) {
    const rss80 = [];
    for (let i = 0; i < rssRuns; i++) rss80.push(await peakRss(node, [BIN, "check", "."], big));
    const r80 = median(rss80);
    rows.push([`peak RSS at ${FILES * 2} vs ${FILES} files`, mb(r80), mb(r40), `${(r80 / r40).toFixed(2)}×`, "", "≤ 1.2×", r80 / r40 <= 1.2]);
  }

  {
    const v = [];
    const base = [];
    timeOnce(node, [BIN, "--version"], ROOT);
    for (let i = 0; i < Math.max(5, RUNS * 2); i++) {
      v.push(timeOnce(node, [BIN, "--version"], ROOT).wall);
      base.push(timeOnce(node, ["-e", ""], ROOT).wall);
    }
    rows.push(["`deepseek-migrate --version`", ms(median(v)), `node -e "": ${ms(median(base))}`, "", "", "< 150 ms", median(v) < 150]);
  }

  console.log(`\n| measurement (median of paired runs, ${cores} cores) | deepseek-migrate | baseline | wall ratio | CPU ratio | target | met |`);
  console.log("|---|---|---|---|---|---|---|");
  for (const [what, a, b, ratio, cpu, target, ok] of rows) {
    console.log(`| ${what} | ${a} | ${b} | ${ratio} | ${cpu} | ${target} | ${ok === undefined ? "" : ok ? "yes" : "**no**"} |`);
  }

  // The walker choice (in-process, same tree): the tool's walker vs fdir + ignore vs globby.
  const w = await walkers(main40);
  const wt = {};
  const counts = {};
  const names = Object.keys(w);
  for (let i = 0; i < 4; i++) {
    // Rotate the order every round, so no walker always runs first (cold) or last.
    for (const k of [...names.slice(i % names.length), ...names.slice(0, i % names.length)]) {
      const f = w[k];
      const t = performance.now();
      counts[k] = await f();
      (wt[k] ??= []).push(performance.now() - t);
    }
  }
  console.log(`\nwalk only, ${i40.files}-file tree (median of 4, in-process):`);
  for (const k of Object.keys(w)) console.log(`  ${k.padEnd(11)} ${ms(median(wt[k])).padStart(8)}  (${counts[k]} files)`);
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (above ${cores} the numbers are noisy)`);
}

await main();
