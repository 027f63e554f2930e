// Deterministic benchmark trees: a monorepo-like layout of packages with source, tests, docs and
// config across languages. A small share of files names a legacy model ID in a realistic position;
// a few more contain the bytes "deepseek" without a legacy ID (they pass the prefilter only).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

/** mulberry32: a tiny seeded PRNG, so every run builds byte-identical trees. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "account agent alpha batch buffer cache client config context cursor data delta document engine " +
  "event exporter factory filter format gateway handler index invoice item job ledger loader logger " +
  "manager message metric model node order page parser payload pipeline policy pool profile query " +
  "queue record report request resolver response route runner schema session signal store stream " +
  "summary task tenant token topic tracker user value vector view worker"
).split(" ");

const KINDS = [
  // [extension, weight]
  [".ts", 24],
  [".tsx", 5],
  [".js", 10],
  [".py", 20],
  [".go", 5],
  [".java", 5],
  [".md", 8],
  [".json", 7],
  [".yaml", 5],
  [".css", 4],
  [".html", 2],
  [".txt", 3],
  [".sh", 2],
];
const KIND_TOTAL = KINDS.reduce((s, k) => s + k[1], 0);

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}
function camel(a, b) {
  return a + b[0].toUpperCase() + b.slice(1);
}
function pascal(a, b) {
  return a[0].toUpperCase() + a.slice(1) + b[0].toUpperCase() + b.slice(1);
}

function kindFor(r) {
  let x = r() * KIND_TOTAL;
  for (const [ext, w] of KINDS) {
    if ((x -= w) < 0) return ext;
  }
  return ".ts";
}

/** A body of roughly `target` bytes of plausible code for the kind. */
function body(r, ext, target) {
  const parts = [];
  let size = 0;
  while (size < target) {
    const a = pick(r, WORDS);
    const b = pick(r, WORDS);
    const n = Math.floor(r() * 1000);
    let s;
    switch (ext) {
      case ".ts":
      case ".tsx":
        s =
          `export interface ${pascal(a, b)}${n} {\n  id: string;\n  ${a}: number;\n  ${b}?: string[];\n}\n\n` +
          `export async function ${camel(a, b)}${n}(input: ${pascal(a, b)}${n}): Promise<number> {\n` +
          `  const ${a} = input.${a} * ${n};\n  if (!input.${b}) return ${a};\n` +
          `  return input.${b}.reduce((acc, v) => acc + v.length, ${a});\n}\n\n`;
        break;
      case ".js":
        s =
          `function ${camel(a, b)}${n}(${a}, ${b}) {\n  const out = [];\n  for (const k of Object.keys(${a})) {\n` +
          `    if (${b}[k] !== undefined) out.push([k, ${a}[k] + ${n}]);\n  }\n  return out;\n}\n` +
          `module.exports.${camel(a, b)}${n} = ${camel(a, b)}${n};\n\n`;
        break;
      case ".py":
        s =
          `class ${pascal(a, b)}${n}:\n    """Keeps the ${a} of a ${b}."""\n\n    def __init__(self, ${a}, ${b}=None):\n` +
          `        self.${a} = ${a}\n        self.${b} = ${b} or []\n\n    def total(self) -> int:\n` +
          `        return sum(len(x) for x in self.${b}) + ${n}\n\n\n`;
        break;
      case ".go":
        s =
          `type ${pascal(a, b)}${n} struct {\n\t${pascal(a, "id")} string\n\tCount int\n}\n\n` +
          `func (x *${pascal(a, b)}${n}) ${pascal(b, "total")}() int {\n\treturn x.Count + ${n}\n}\n\n`;
        break;
      case ".java":
        s =
          `    public int ${camel(a, b)}${n}(java.util.List<String> ${b}) {\n        int total = ${n};\n` +
          `        for (String s : ${b}) {\n            total += s.length();\n        }\n        return total;\n    }\n\n`;
        break;
      case ".md":
        s =
          `## ${pascal(a, b)} ${n}\n\nThe ${a} ${b} keeps track of every ${pick(r, WORDS)} that the ${pick(r, WORDS)} ` +
          `sends. Configure it in \`${a}.yaml\` and restart the ${b} service.\n\n- step ${n}: run \`make ${a}\`\n\n`;
        break;
      case ".json":
        s = `  "${a}_${b}_${n}": { "enabled": ${r() < 0.5}, "limit": ${n}, "tags": ["${a}", "${b}"] },\n`;
        break;
      case ".yaml":
        s = `${a}_${b}_${n}:\n  enabled: ${r() < 0.5}\n  limit: ${n}\n  tags: [${a}, ${b}]\n`;
        break;
      case ".css":
        s = `.${a}-${b}-${n} {\n  display: flex;\n  margin: ${n % 16}px;\n  color: #${(n * 4099).toString(16).slice(0, 6).padEnd(6, "0")};\n}\n\n`;
        break;
      case ".html":
        s = `<section class="${a}-${b}"><h2>${pascal(a, b)}</h2><p>${n} ${a} for every ${b}.</p></section>\n`;
        break;
      case ".sh":
        s = `${a}_${b}() {\n  local n=${n}\n  echo "${a} ${b} $n" >&2\n}\n\n`;
        break;
      default:
        s = `${a} ${b} ${n} ${pick(r, WORDS)} ${pick(r, WORDS)} ${pick(r, WORDS)}\n`;
    }
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

function wrap(ext, inner, r) {
  switch (ext) {
    case ".json":
      return `{\n${inner}  "version": ${Math.floor(r() * 9)}\n}\n`;
    case ".java":
      return `package com.acme.${pick(r, WORDS)};\n\npublic class ${pascal(pick(r, WORDS), pick(r, WORDS))} {\n${inner}}\n`;
    case ".go":
      return `package ${pick(r, WORDS)}\n\n${inner}`;
    case ".html":
      return `<!doctype html>\n<html><body>\n${inner}</body></html>\n`;
    case ".sh":
      return `#!/bin/sh\nset -eu\n\n${inner}`;
    default:
      return inner;
  }
}

const ID = () => "deepseek-" + "chat";
const RID = () => "deepseek-" + "reasoner";

/** A snippet naming a legacy ID in a realistic position for the kind (or "" when the kind has none). */
function hit(r, ext, fixable) {
  const id = r() < 0.7 ? ID() : RID();
  const a = pick(r, WORDS);
  switch (ext) {
    case ".ts":
    case ".tsx":
    case ".js":
      if (fixable || r() < 0.6)
        return (
          `export async function ask${a[0].toUpperCase() + a.slice(1)}${ext === ".js" ? "(client, question)" : "(client: any, question: string)"} {\n` +
          `  const res = await client.chat.completions.create({\n    model: "${id}",\n` +
          `    messages: [{ role: "user", content: question }],\n  });\n  return res.choices[0].message.content;\n}\n\n`
        );
      return `export const ${a.toUpperCase()}_MODEL = process.env.${a.toUpperCase()}_MODEL ?? "${id}";\n\n`;
    case ".py":
      if (fixable || r() < 0.6)
        return (
          `def ask_${a}(client, question):\n    res = client.chat.completions.create(\n        model="${id}",\n` +
          `        messages=[{"role": "user", "content": question}],\n    )\n    return res.choices[0].message.content\n\n\n`
        );
      return `if settings.model == "${id}":\n    print("legacy ${a} model")\n\n`;
    case ".md":
      return `Set \`model\` to \`${id}\` in the ${a} settings.\n\n`;
    case ".yaml":
      return `${a}_llm:\n  model: ${id}\n  temperature: 0.2\n`;
    case ".go":
      return `var ${a}Model = "${id}"\n\n`;
    case ".java":
      return `    private String model = "${id}";\n\n`;
    case ".sh":
      return `export ${a.toUpperCase()}_MODEL=${id}\n\n`;
    default:
      return "";
  }
}

/** Bytes "deepseek" without a legacy ID: prefilter passes, the matcher finds nothing. */
function nearMiss(r, ext) {
  const a = pick(r, WORDS);
  if (ext === ".py") return `# the ${a} client talks to deepseek-v4-flash\nDEEPSEEK_BASE_URL = "https://api.deepseek.com"\n\n`;
  if (ext === ".md") return `See https://api-docs.deepseek.com for the ${a} API.\n\n`;
  return `// ${a}: deepseek_client and deepseek-v4-flash are configured elsewhere\n`;
}

function layout(r, count) {
  // ~25 files per folder, three or four levels deep, grouped in packages.
  const dirs = [];
  const perDir = 25;
  const nDirs = Math.ceil(count / perDir);
  for (let i = 0; i < nDirs; i++) {
    const pkg = `packages/${WORDS[(Math.floor(i / 40) * 7) % WORDS.length]}-${Math.floor(i / 40)}`;
    const sub = pick(r, ["src", "src", "src", "test", "docs", "scripts", "config"]);
    const leaf = `${pick(r, WORDS)}-${i % 40}`;
    dirs.push(r() < 0.5 ? `${pkg}/${sub}/${leaf}` : `${pkg}/${sub}/${leaf}/${pick(r, WORDS)}`);
  }
  return dirs;
}

/**
 * Build a tree of `files` searched files (not counting ignored content) at `dir`.
 * - hitShare: share of files naming a legacy ID; nearShare: files with "deepseek" but no legacy ID.
 * - fixable: number of TS/Python files with a request that --write can fix (for the dry-run tree,
 *   where every other file is plain code).
 * The tree is a git repository (so rg and the tool apply the same .gitignore files) with ignored
 * folders (node_modules, dist, build) that hold legacy IDs neither tool should report.
 */
export function generateTree(dir, { files, seed = 7, hitShare = 0.01, nearShare = 0.005, fixable = 0, onlyKinds } = {}) {
  const stamp = JSON.stringify({ v: 4, files, seed, hitShare, nearShare, fixable, onlyKinds });
  const stampFile = path.join(dir, ".bench-tree.json");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return readInfo(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("git", ["init", "-q", dir]);
  const r = prng(seed);
  const dirs = layout(r, files);
  const made = new Set();
  const mk = (d) => {
    if (!made.has(d)) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      made.add(d);
    }
  };
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules/\ndist/\n*.log\n.cache/\n.bench-tree.json\n.bench-info.json\n");
  let hits = 0;
  let fixed = 0;
  let bytes = 0;
  const fixableEvery = fixable > 0 ? Math.max(1, Math.floor(files / fixable)) : Infinity;
  for (let i = 0; i < files; i++) {
    const d = dirs[Math.floor(i / 25)];
    mk(d);
    let ext = onlyKinds ? pick(r, onlyKinds) : kindFor(r);
    const big = r() < 0.01;
    const target = big ? 40_000 + Math.floor(r() * 160_000) : 300 + Math.floor(r() ** 2 * 9000);
    let inner = body(r, ext, target);
    const wantFix = fixed < fixable && i % fixableEvery === 0;
    if (wantFix) {
      ext = fixed % 2 === 0 ? ".ts" : ".py";
      inner = body(r, ext, target) + hit(r, ext, true);
      fixed++;
      hits++;
    } else if (fixable === 0) {
      const x = r();
      if (x < hitShare) {
        const h = hit(r, ext, false);
        if (h) {
          const cut = inner.lastIndexOf("\n\n", Math.floor(inner.length * r()));
          inner = cut > 0 ? inner.slice(0, cut + 2) + h + inner.slice(cut + 2) : h + inner;
          hits++;
        }
      } else if (x < hitShare + nearShare) {
        inner = nearMiss(r, ext) + inner;
      }
    }
    const text = wrap(ext, inner, r);
    const name = `${pick(r, WORDS)}-${pick(r, WORDS)}-${i}${ext}`;
    fs.writeFileSync(path.join(dir, d, name), text);
    bytes += text.length;
  }
  // Ignored content that names legacy IDs: neither tool may report it.
  const pkgs = [...new Set(dirs.map((d) => d.split("/").slice(0, 2).join("/")))];
  pkgs.forEach((p, k) => {
    if (k % 4 !== 0) return;
    for (const ig of ["dist", "node_modules/some-sdk"]) {
      mk(`${p}/${ig}`);
      for (let j = 0; j < 5; j++) {
        fs.writeFileSync(path.join(dir, p, ig, `bundle-${j}.js`), body(r, ".js", 4000) + `var m = "${ID()}";\n`);
      }
    }
    fs.writeFileSync(path.join(dir, p, ".gitignore"), "build/\n*.tmp\n");
    mk(`${p}/build`);
    fs.writeFileSync(path.join(dir, p, "build", "out.js"), `var m = "${RID()}";\n`);
  });
  const info = { files, hits, fixable: fixed, bytes };
  fs.writeFileSync(path.join(dir, ".bench-info.json"), JSON.stringify(info));
  fs.writeFileSync(stampFile, stamp);
  return info;
}

function readInfo(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, ".bench-info.json"), "utf8"));
}

/**
 * The dense tree of issue 17: `files` files (default 40,000, about 273 MB) where `deepseekFiles`
 * (default 1,067, 2.7%) contain the bytes "deepseek", dealt evenly to .ts, .js, .py and .md, and
 * every second one of them (534) names a legacy ID; the others name only current IDs, URLs and
 * client names (they pass the prefilter and must be parsed to find nothing). The other files are
 * the mixed code of generateTree.
 *
 * It is a git repository with two commits: `main`, then the branch `feature` (checked out) that
 * changes `changed` files (default 20: half of them files with "deepseek", half plain code), for
 * `check --changed-since main`. The working tree is the final content.
 */
export function generateDenseTree(dir, { files = 40_000, deepseekFiles = 1067, changed = 20, seed = 17 } = {}) {
  const stamp = JSON.stringify({ v: 2, dense: true, files, deepseekFiles, changed, seed });
  const stampFile = path.join(dir, ".bench-tree.json");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return readInfo(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const gitIn = (...args) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", "-c", "gc.auto=0", ...args], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  gitIn("init", "-q", "-b", "main");
  const r = prng(seed);
  const dirs = layout(r, files);
  const made = new Set();
  const mk = (d) => {
    if (!made.has(d)) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      made.add(d);
    }
  };
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules/\ndist/\n*.log\n.cache/\n.bench-tree.json\n.bench-info.json\n");
  const DS_KINDS = [".ts", ".js", ".py", ".md"];
  let dsCount = 0;
  let hits = 0;
  let bytes = 0;
  // The files the branch changes: evenly spread, half among the "deepseek" files.
  const changedDs = new Set();
  const changedPlain = new Set();
  for (let k = 0; k < changed; k++) {
    if (k % 2 === 0) changedDs.add(Math.floor(((k + 1) * deepseekFiles) / (changed + 1)));
    else changedPlain.add(Math.floor(((k + 1) * files) / (changed + 1)));
  }
  const later = []; // [rel, final text] of the changed files: the base commit has an earlier text
  for (let i = 0; i < files; i++) {
    const d = dirs[Math.floor(i / 25)];
    mk(d);
    const isDs = Math.floor(((i + 1) * deepseekFiles) / files) > Math.floor((i * deepseekFiles) / files);
    let ext = kindFor(r);
    const big = r() < 0.01;
    const target = big ? 40_000 + Math.floor(r() ** 2 * 200_000) : 300 + Math.floor(r() ** 2 * 16_000);
    if (isDs) ext = DS_KINDS[dsCount % 4];
    let inner = body(r, ext, target);
    let isChanged = changedPlain.has(i);
    if (isDs) {
      // Every second one, alternating within each round of the four kinds, so each kind has its share.
      const legacy = ((dsCount % 4) + Math.floor(dsCount / 4)) % 2 === 0;
      const snippet = legacy ? hit(r, ext, false) : nearMiss(r, ext);
      const cut = inner.lastIndexOf("\n\n", Math.floor(inner.length * r()));
      inner = cut > 0 ? inner.slice(0, cut + 2) + snippet + inner.slice(cut + 2) : snippet + inner;
      if (legacy) hits++;
      isChanged = changedDs.has(dsCount);
      dsCount++;
    }
    const text = wrap(ext, inner, r);
    const name = `${pick(r, WORDS)}-${pick(r, WORDS)}-${i}${ext}`;
    const rel = `${d}/${name}`;
    if (isChanged) {
      // The base commit's text: the same file without its last block.
      const cut = text.lastIndexOf("\n\n", text.length - 3);
      fs.writeFileSync(path.join(dir, rel), cut > 0 ? text.slice(0, cut + 2) : "");
      later.push([rel, text]);
    } else fs.writeFileSync(path.join(dir, rel), text);
    bytes += text.length;
  }
  const pkgs = [...new Set(dirs.map((d) => d.split("/").slice(0, 2).join("/")))];
  pkgs.forEach((p, k) => {
    if (k % 4 !== 0) return;
    mk(`${p}/node_modules/some-sdk`);
    for (let j = 0; j < 5; j++) fs.writeFileSync(path.join(dir, p, "node_modules/some-sdk", `bundle-${j}.js`), body(r, ".js", 4000) + `var m = "${ID()}";\n`);
  });
  gitIn("add", "-A");
  gitIn("commit", "-q", "-m", "base");
  gitIn("checkout", "-q", "-b", "feature");
  for (const [rel, text] of later) fs.writeFileSync(path.join(dir, rel), text);
  gitIn("commit", "-q", "-am", "feature");
  const info = { files, hits, deepseekFiles: dsCount, changed: later.length, bytes };
  fs.writeFileSync(path.join(dir, ".bench-info.json"), JSON.stringify(info));
  fs.writeFileSync(stampFile, stamp);
  return info;
}

/**
 * The floor of `--changed-since` on the dense tree: a git repository holding only the dense tree's
 * changed files, with the same two commits (`main` has their base text, `feature` their final text,
 * and a file the branch adds is added there too). A run here scans the same files with the same
 * parsers and reports the same findings, without the 40,000 others: what is left is the cost of a
 * run itself (Node's start, the CLI's modules, git, loading the parsers, the files).
 */
export function generateFloorRepo(dense, dir) {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: dense, encoding: "utf8" }).trim();
  const stamp = JSON.stringify({ v: 1, floor: true, head });
  const stampFile = path.join(dir, ".bench-tree.json");
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return readInfo(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const gitIn = (cwd, ...args) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", "-c", "gc.auto=0", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30 });
  const rels = gitIn(dense, "diff", "--name-only", "-z", "main", "HEAD").split("\0").filter(Boolean);
  const base = new Set(gitIn(dense, "ls-tree", "-r", "-z", "--name-only", "main", "--", ...rels).split("\0").filter(Boolean));
  fs.copyFileSync(path.join(dense, ".gitignore"), path.join(dir, ".gitignore"));
  gitIn(dir, "init", "-q", "-b", "main");
  for (const rel of base) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), gitIn(dense, "show", `main:${rel}`));
  }
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "--allow-empty", "-m", "base");
  gitIn(dir, "checkout", "-q", "-b", "feature");
  for (const rel of rels) {
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(path.join(dense, rel), path.join(dir, rel));
  }
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "feature");
  const info = { files: rels.length, changed: rels.length };
  fs.writeFileSync(path.join(dir, ".bench-info.json"), JSON.stringify(info));
  fs.writeFileSync(stampFile, stamp);
  return info;
}
