// Per-candidate cost: `node bench/candidates.mjs .bench/dense-40000 [rounds]` scans every file ripgrep
// names (the candidates: files with "deepseek") with scanFile, in one thread, and prints the CPU
// time by kind, with and without a legacy ID. The first round includes loading the parsers and
// warming up; later rounds show the steady cost. Run `npm run bench -- --only dense` first (it
// builds the tree) and `npm run build`.
import { spawnSync } from "node:child_process";
import path from "node:path";
const D = new URL("../dist", import.meta.url).href;
const { scanFile } = await import(`${D}/core/scan-file.js`);
const { makeRuleset } = await import(`${D}/rules/ruleset.js`);
const { defaultRules } = await import(`${D}/rules/defaults.js`);
const { clockInfo } = await import(`${D}/core/clock-info.js`);
const dir = process.argv[2];
const rg = (await import("@vscode/ripgrep")).rgPath;
const files = spawnSync(rg, ["-l", "deepseek", "."], { cwd: dir, encoding: "utf8" }).stdout.trim().split("\n").map((l) => l.replace(/^\.\//, "")).sort();
const opts = { ruleset: makeRuleset(defaultRules("flash")), clock: clockInfo(new Date("2026-11-28T12:00:00Z")), unsafeFixes: false, maxFileSize: 5 << 20, deferDiffs: true };
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const rounds = Number(process.argv[3] ?? 2);
for (let round = 0; round < rounds; round++) {
  const by = {};
  let first = {};
  const t0 = cpu();
  for (const rel of files) {
    const ext = path.extname(rel);
    const c = cpu();
    const r = await scanFile(path.join(dir, rel), rel, opts);
    const d = cpu() - c;
    const k = `${ext} ${r.findings.length ? "legacy" : "no-legacy"}`;
    (by[k] ??= { n: 0, ms: 0, max: 0 });
    by[k].n++; by[k].ms += d; by[k].max = Math.max(by[k].max, d);
    if (!first[ext]) first[ext] = d.toFixed(0);
  }
  console.log(`round ${round + 1}: ${files.length} candidates, ${(cpu() - t0).toFixed(0)} ms CPU; first file per kind (ms): ${JSON.stringify(first)}`);
  for (const [k, v] of Object.entries(by).sort()) console.log(`  ${k.padEnd(16)} ${String(v.n).padStart(4)} files ${v.ms.toFixed(0).padStart(6)} ms  ${(v.ms / v.n).toFixed(2)} ms/file  max ${v.max.toFixed(0)}`);
}
