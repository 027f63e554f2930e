// Report equality across two builds of the tool: runs both on the same inputs with `--format json`
// (dry run, and with --unsafe-fixes so every fix's diff is compared too) and compares the findings,
// fixes and diffs. Used when code moves without meaning to change behaviour (docs/architecture.md).
//
//   node bench/equal-reports.mjs --before <tool checkout> --after <tool checkout> [--ignore-key k]... <path>...
//
// Each path is scanned as one run from its parent folder. Keys listed with --ignore-key (fields the
// newer build adds, e.g. `position`) are dropped from every finding before comparing. Exits 1 on any
// difference and prints the first ones.
import { execFileSync } from "node:child_process";
import path from "node:path";

const args = process.argv.slice(2);
let before;
let after;
const ignore = new Set();
const paths = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--before") before = args[++i];
  else if (a === "--after") after = args[++i];
  else if (a === "--ignore-key") ignore.add(args[++i]);
  else paths.push(a);
}
if (!before || !after || paths.length === 0) {
  console.error("usage: node bench/equal-reports.mjs --before <checkout> --after <checkout> [--ignore-key k]... <path>...");
  process.exit(2);
}

function report(tool, target, extra) {
  const abs = path.resolve(target);
  const out = execFileSync(
    process.execPath,
    [path.join(path.resolve(tool), "bin/deepseek-migrate.js"), path.basename(abs), "--format", "json", "--exit-zero", "--now", "2026-12-01T00:00:00Z", ...extra],
    { cwd: path.dirname(abs), maxBuffer: 1 << 30, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  const doc = JSON.parse(out);
  delete doc.tool;
  for (const f of doc.findings) for (const k of ignore) delete f[k];
  return doc;
}

/** The first differences between two JSON values, as paths. */
function differences(a, b, at = "", out = []) {
  if (out.length >= 10) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`);
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${at}: length ${a.length} ≠ ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${at}[${i}]`, out);
  } else if (a && typeof a === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], `${at}.${k}`, out);
  } else if (a !== b) out.push(`${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`);
  return out;
}

let failed = false;
for (const p of paths) {
  for (const extra of [[], ["--unsafe-fixes"]]) {
    const label = `${p}${extra.length ? " " + extra.join(" ") : ""}`;
    const a = report(before, p, extra);
    const b = report(after, p, extra);
    const diffs = differences(a, b);
    if (diffs.length === 0) console.log(`same: ${label} (${a.findings.length} findings, ${a.files.length} diffs)`);
    else {
      failed = true;
      console.log(`DIFFERENT: ${label}\n  ${diffs.join("\n  ")}`);
    }
  }
}
process.exit(failed ? 1 : 0);
