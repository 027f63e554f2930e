/**
 * The npm package as users get it: `npm pack` → `npm install -g <tarball>` into a temp prefix →
 * the installed binary on a small tree; `npx --yes ./deepseek-migrate-*.tgz` from an empty folder;
 * `import * as m from "deepseek-migrate"` (and its types) in a project that installed the tarball;
 * the GitHub Action's step running the tarball through npx.
 *
 * Dependencies come from the local npm cache when it has them (--prefer-offline), else from the
 * registry. Needs the build (`npm test` builds first).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { copyTree, tempTree } from "./helpers/cli.js";
import { ROOT } from "./helpers/fixtures.js";
import { NPM, NPX, packTarball, removeNpxInstalls, runAsync as run } from "./helpers/pack.js";

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
const REPO_BIN = path.join(ROOT, "bin", "deepseek-migrate.js");
const INSTALL = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=warn"];

/** A small project with legacy IDs in several file kinds (each kind loads its own adapter). */
function sampleTree(): string {
  return tempTree({
    "app.py":
      'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\nresp = client.chat.completions.create(\n    model="deepseek-reasoner",\n    messages=[{"role": "user", "content": "hi"}],\n)\n',
    "src/client.ts":
      'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const r = await client.chat.completions.create({\n  model: "deepseek-chat",\n  messages: [],\n});\n',
    "config.yaml": "llm:\n  model: deepseek-chat\n",
    ".env": "CHAT_MODEL=deepseek-chat\n",
    "docs/notes.md": "We call `deepseek-reasoner` for planning.\n",
    "clean.txt": "nothing here\n",
  });
}

/**
 * The checkout's report (REPORT_ARGS) of a sampleTree(), made once for the file: every sampleTree()
 * is byte-identical and the report names files relative to it. The installed binary and the
 * installed package's API are compared with it.
 */
const REPORT_ARGS = [".", "--format", "json", "--unsafe-fixes", "--exit-zero"];
let checkoutRun: ReturnType<typeof run> | undefined;
const checkoutReport = () => (checkoutRun ??= run(process.execPath, [REPO_BIN, ...REPORT_ARGS], { cwd: sampleTree() }));

let work: string;
let tarball: string;
let packedFiles: string[];
let prefix: string;
let installedBin: string;
let installLog: string;
/** An empty ESM project that ran `npm install <tarball>`, and that install's result. */
let project: string;
let projectInstall: Awaited<ReturnType<typeof run>>;

beforeAll(async () => {
  const packed = packTarball();
  work = packed.dir;
  tarball = packed.tarball;
  packedFiles = packed.files;
  prefix = path.join(work, "prefix");
  fs.mkdirSync(path.join(prefix, "lib"), { recursive: true });
  project = path.join(work, "project");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "empty", version: "1.0.0", private: true, type: "module" }));
  // The global install and the project's install, side by side.
  const [r, p] = await Promise.all([
    run(NPM, ["install", "-g", "--prefix", prefix, tarball, ...INSTALL], { cwd: work, timeout: 180_000 }),
    run(NPM, ["install", tarball, ...INSTALL], { cwd: project, timeout: 180_000 }),
  ]);
  installLog = r.stdout + r.stderr;
  if (r.code !== 0) throw new Error(`npm install -g failed:\n${installLog}`);
  projectInstall = p;
  installedBin = process.platform === "win32" ? path.join(prefix, "deepseek-migrate.cmd") : path.join(prefix, "bin", "deepseek-migrate");
}, 240_000);

afterAll(() => {
  if (!work) return;
  removeNpxInstalls(work);
  fs.rmSync(work, { recursive: true, force: true });
});

// The tests share only what beforeAll made, and read it: they run side by side.
describe.concurrent("npm package", () => {
  it("holds what runs (dist with types, bin, grammars, schema, README, LICENSE) and nothing else", async () => {
    for (const f of ["package.json", "README.md", "LICENSE", "bin/deepseek-migrate.js", "dist/index.js", "dist/index.d.ts", "dist/cli/cli.js", "grammars/tree-sitter-python.wasm"]) {
      expect(packedFiles).toContain(f);
    }
    if (fs.existsSync(path.join(ROOT, "schema", "report.schema.json"))) expect(packedFiles).toContain("schema/report.schema.json");
    const stray = packedFiles.filter((f) => !/^(dist|bin|grammars|schema)\//.test(f) && !["package.json", "README.md", "LICENSE"].includes(f));
    expect(stray).toEqual([]);
    expect(packedFiles.some((f) => f.endsWith(".test.js") || f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false);
  });

  it("npm install <tarball> in an empty project prints no warning: no install script, only runtime dependencies", async () => {
    // (The install ran in beforeAll; the import test below uses the same project.)
    const r = projectInstall;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/warn/i);
    // The packed manifest has no install script; the checkout's package.json keeps `prepare` (it
    // builds installs from git) once the pack is done.
    const installed = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "deepseek-migrate", "package.json"), "utf8"));
    for (const s of ["preinstall", "install", "postinstall", "prepare"]) expect(installed.scripts?.[s], s).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.prepare).toBe("node scripts/prepare.mjs");
    expect(fs.existsSync(path.join(ROOT, "package.json.prepack"))).toBe(false);
    // Only dependencies the code imports: globby and fdir serve the bench only.
    for (const d of ["globby", "fdir"]) expect(Object.keys(installed.dependencies)).not.toContain(d);
    // What a user installs (measured for the README): packages and size on disk.
    const packages = new Set<string>();
    let bytes = 0;
    const visit = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (fs.existsSync(path.join(p, "package.json")) && path.basename(path.dirname(p)).match(/^(node_modules|@.*)$/)) packages.add(p);
          visit(p);
        } else if (e.isFile()) bytes += fs.statSync(p).size;
      }
    };
    visit(path.join(project, "node_modules"));
    console.log(`npm install <tarball>: ${packages.size} packages, ${(bytes / 1e6).toFixed(1)} MB`);
    expect(packages.size).toBeLessThan(30);
  }, 240_000);

  it("installs with npm install -g <tarball>: no install script, no native build, no grammar package", async () => {
    expect(installLog).not.toMatch(/tree-sitter-python|node-gyp|gyp ERR/);
    const modules = path.join(prefix, "lib", "node_modules", "deepseek-migrate", "node_modules");
    expect(fs.existsSync(path.join(modules, "tree-sitter-python"))).toBe(false);
    // No installed dependency carries an install script or a native build file.
    const withScripts: string[] = [];
    const visit = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!e.isDirectory() || e.name === ".bin") continue;
        const p = path.join(dir, e.name);
        if (e.name.startsWith("@")) {
          visit(p);
          continue;
        }
        const pkgFile = path.join(p, "package.json");
        if (fs.existsSync(pkgFile)) {
          const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
          const s = pkg.scripts ?? {};
          if (s.preinstall || s.install || s.postinstall || fs.existsSync(path.join(p, "binding.gyp"))) withScripts.push(pkg.name);
        }
        if (fs.existsSync(path.join(p, "node_modules"))) visit(path.join(p, "node_modules"));
      }
    };
    visit(modules);
    expect(withScripts).toEqual([]);
    // The installed package is the built one: no sources, no build step needed.
    const installed = path.join(prefix, "lib", "node_modules", "deepseek-migrate");
    expect(fs.existsSync(path.join(installed, "dist", "cli", "cli.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
  });

  it("the installed binary reports and migrates exactly like the checkout", async () => {
    const tree = sampleTree();
    const [version, installed, local] = await Promise.all([run(installedBin, ["--version"], { cwd: work }), run(installedBin, REPORT_ARGS, { cwd: tree }), checkoutReport()]);
    expect(version.stdout.trim()).toBe(VERSION);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).toBe("");
    const report = JSON.parse(installed.stdout);
    // Every file kind was scanned by its adapter: no parser or grammar failed to load in the
    // installed copy (the grammar .wasm files ship in grammars/, resolved by src/core/grammars.ts).
    expect(report.warnings, "an adapter could not load in the installed package").toEqual([]);
    expect(report.findings.length).toBeGreaterThanOrEqual(5);
    expect(report.findings.some((f: { file: string }) => f.file === "app.py")).toBe(true);
    expect(installed.stdout).toBe(local.stdout);

    const a = copyTree(tree);
    const b = copyTree(tree);
    const written = await Promise.all([run(installedBin, ["--write", "--allow-dirty"], { cwd: a }), run(process.execPath, [REPO_BIN, "--write", "--allow-dirty"], { cwd: b })]);
    expect(written.map((w) => w.code)).toEqual([0, 0]);
    for (const f of ["app.py", "src/client.ts", "config.yaml", ".env", "docs/notes.md"]) {
      expect(fs.readFileSync(path.join(a, f), "utf8"), f).toBe(fs.readFileSync(path.join(b, f), "utf8"));
    }
    expect(fs.readFileSync(path.join(a, "app.py"), "utf8")).toContain("deepseek-v4-flash");
  }, 180_000);

  it("runs with npx --yes ./deepseek-migrate-*.tgz from an empty folder", async () => {
    const empty = fs.mkdtempSync(path.join(work, "empty-"));
    fs.copyFileSync(tarball, path.join(empty, path.basename(tarball)));
    const r = await run(NPX, ["--yes", `./${path.basename(tarball)}`, "--version"], { cwd: empty, timeout: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
    // npx installed into its own cache: the folder still holds only the tarball.
    expect(fs.readdirSync(empty)).toEqual([path.basename(tarball)]);
  }, 180_000);

  it("import * as m from \"deepseek-migrate\" works (with types) in a project that installed the tarball", async () => {
    expect(projectInstall.code, projectInstall.stderr).toBe(0);

    const tree = sampleTree();
    fs.writeFileSync(
      path.join(project, "use.mjs"),
      `import * as m from "deepseek-migrate";
const result = await m.scan({ cwd: process.argv[2], now: "2026-11-28T12:00:00Z", unsafeFixes: true });
console.log(JSON.stringify({
  exports: Object.keys(m).sort(),
  report: JSON.parse(m.formatReport(result, "json")),
}));
`,
    );
    // The API with unsafe fixes shown against the checkout's CLI with --unsafe-fixes.
    const [r, fromCli] = await Promise.all([run(process.execPath, ["use.mjs", tree], { cwd: project }), checkoutReport()]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.exports).toEqual(expect.arrayContaining(["scan", "migrate", "formatReport", "CUTOFF", "defaultRules", "UsageError", "VERSION"]));
    const cliReport = JSON.parse(fromCli.stdout);
    expect(out.report).toEqual(cliReport);

    // The .d.ts files type-check a consumer, and reject a wrong option.
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--typeRoots", path.join(ROOT, "node_modules", "@types"), "--types", "node"];
    fs.writeFileSync(
      path.join(project, "good.ts"),
      `import { scan, migrate, formatReport, type RunResult, type Finding } from "deepseek-migrate";
const r: RunResult = await scan({ paths: ["src"], reasonerTarget: "pro", shard: "1/2", unsafeFixes: true });
const f: Finding[] = r.findings;
const text: string = formatReport(r, "markdown");
const w: string[] = (await migrate({ allowDirty: true })).written;
console.log(f.length, text.length, w.length);
`,
    );
    fs.writeFileSync(path.join(project, "bad.ts"), `import { scan } from "deepseek-migrate";\nawait scan({ reasonerTarget: "max" });\n`);
    // One compiler run over both files: the only errors are bad.ts's wrong reasonerTarget.
    const checked = await run(process.execPath, [tsc, ...flags, "good.ts", "bad.ts"], { cwd: project });
    expect(checked.code).not.toBe(0);
    const errors = checked.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors.length, checked.stdout).toBeGreaterThan(0);
    for (const e of errors) expect(e, checked.stdout).toMatch(/^bad\.ts\(2,.*"max"/);
  }, 180_000);

  it("the GitHub Action's step runs the package through npx (here: the tarball)", async () => {
    const action = YAML.parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8"));
    const step = action.runs.steps.find((s: { id?: string }) => s.id === "check");
    // The tree with a copy of the tarball, named as the npx test names it: the same package spec
    // gives the same folder in npx's cache, whose dependencies the first of the two runs installed
    // (npx reinstalls the package itself from the tarball either way). Under the work folder, so
    // that afterAll removes that cache folder.
    const tree = fs.mkdtempSync(path.join(work, "action-"));
    fs.mkdirSync(path.join(tree, "src"));
    fs.writeFileSync(path.join(tree, "src", "app.ts"), 'export const cfg = { model: "deepseek-chat" };\n');
    fs.writeFileSync(path.join(tree, "ok.ts"), "export {};\n");
    fs.copyFileSync(tarball, path.join(tree, path.basename(tarball)));
    const outputs = path.join(work, "github-output"); // removed with the work folder
    const env = {
      DSM_PATHS: "src\nok.ts",
      DSM_FORMAT: "github",
      DSM_OUTPUT: "",
      DSM_BASELINE: "",
      DSM_FAIL_ON_FINDINGS: "true",
      DSM_REASONER_TARGET: "",
      DSM_ARGS: "",
      DSM_VERSION: `./${path.basename(tarball)}`,
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: undefined,
    };
    const r = await run("bash", ["-c", step.run], { cwd: tree, env, timeout: 180_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error file=src\/app\.ts,line=1,/m);
    expect(fs.readFileSync(outputs, "utf8")).toBe("exit-code=1\n");
  }, 180_000);
});

// Keep the spawn helper honest: bash must exist for the action test.
if (spawnSync("bash", ["-c", "exit 0"]).status !== 0) throw new Error("bash is required for the action test");
