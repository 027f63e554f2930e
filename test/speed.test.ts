/**
 * Lazy loading (docs/contract.md §9, issue 7): `--version`, `--help` and a scan of a tree without
 * hits must not load a parser (ts-morph, typescript, web-tree-sitter, the yaml/TOML/JSONC parsers
 * need not be avoided, but the heavy ones must). The CLI is spawned with a preload (`--import`)
 * that records every module the ESM loader resolves (a resolve hook) and every CommonJS module in
 * require.cache, and writes both lists when the process exits. A positive control shows the
 * recorder sees a parser when one does load.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, tempTree } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";
import { REPORTERS } from "../src/report/index.js";
import { loadReporter } from "../src/report/load.js";
import type { Format } from "../src/core/options.js";

const RECORDER = `
import { register, createRequire } from "node:module";
import fs from "node:fs";
const out = process.env.DSM_LOADED_OUT;
// The resolve hook appends each module's URL to a file before the module loads, synchronously, so a
// module imported just before the process exits is recorded too (a message to the main thread could
// arrive after the exit).
register("data:text/javascript," + encodeURIComponent(\`
import fs from "node:fs";
let file;
export function initialize(d) { file = d.file; }
export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); fs.appendFileSync(file, r.url + "\\\\n"); return r; }
\`), { data: { file: out + ".esm" } });
process.on("exit", () => {
  const req = createRequire(import.meta.url);
  fs.writeFileSync(out, JSON.stringify(Object.keys(req.cache)));
});
`;

// The packages (not the tool's own language folders, such as dist/languages/typescript/).
const HEAVY = /node_modules[\\/](?:ts-morph|@ts-morph|typescript|web-tree-sitter|tree-sitter-python)[\\/]|\.wasm$/;

/** Without blocking the test's thread: the runs of one test start together (each records to its own folder). */
async function loadedBy(args: string[], cwd: string): Promise<{ code: number | null; loaded: string[]; stdout: string; stderr: string }> {
  const dir = tempDir("dsm-speed-");
  const recorder = path.join(dir, "recorder.mjs");
  fs.writeFileSync(recorder, RECORDER);
  const out = path.join(dir, "loaded.json");
  const child = spawn(process.execPath, ["--import", pathToFileURL(recorder).href, BIN, ...args], {
    cwd,
    env: { ...process.env, DSM_LOADED_OUT: out, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", DEEPSEEK_MIGRATE_WORKERS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const r = { status, stdout, stderr };
  const cjs = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as string[]) : [];
  const esm = fs.existsSync(out + ".esm") ? fs.readFileSync(out + ".esm", "utf8").split("\n").filter(Boolean) : [];
  const loaded = [...new Set([...esm, ...cjs])];
  return { code: r.status, loaded, stdout: r.stdout, stderr: r.stderr };
}

const heavyIn = (loaded: string[]) => loaded.filter((u) => HEAVY.test(u));

// Each run records to its own folder and the trees are only read: the tests run side by side.
describe.concurrent("lazy loading (docs/contract.md §9)", () => {
  const noHits = tempTree({
    "src/app.ts": 'export const model = process.env.MODEL ?? "gpt-4o";\n',
    "src/main.py": 'print("hello")\n',
    // Passes the byte prefilter ("deepseek"), but names no legacy ID: still no parser.
    "src/client.ts": 'export const model = "deepseek-v4-flash"; // deepseek_client\n',
    "config.yaml": "model: deepseek-v4-pro\n",
    "README.md": "# app\n",
  });

  it("--version loads no parser (and not the CLI either)", async () => {
    const r = await loadedBy(["--version"], noHits);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.loaded.length).toBeGreaterThan(0); // the recorder works
    expect(heavyIn(r.loaded)).toEqual([]);
    expect(r.loaded.some((u) => u.includes("dist/cli/cli.js"))).toBe(false);
  });

  it("--help and check --help load no parser", async () => {
    for (const r of await Promise.all([["--help"], ["check", "--help"]].map((args) => loadedBy(args, noHits)))) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Usage:");
      expect(r.loaded.some((u) => u.includes("dist/cli/cli.js"))).toBe(true);
      expect(heavyIn(r.loaded)).toEqual([]);
    }
  });

  it("a scan of a tree without hits loads no parser", async () => {
    // These runs read the same tree and write only their own records: side by side.
    const [check, dry, json, sarif] = await Promise.all([["check"], [], ["--format", "json"], ["check", "--format", "sarif"]].map((args) => loadedBy(args, noHits)));
    for (const r of [check!, dry!, json!]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.loaded.some((u) => u.includes("dist/core/scan-file.js"))).toBe(true);
      expect(heavyIn(r.loaded)).toEqual([]);
      // Nor the features this run does not use.
      for (const m of ["dist/cli/interactive.js", "dist/write/patch.js"]) expect(r.loaded.some((u) => u.includes(m)), m).toBe(false);
    }
    // Only the reporter the run prints with.
    const reporters = (loaded: string[]) => loaded.filter((u) => /dist\/report\/(?:pretty|json|sarif|github|markdown|gitlab|html)\.js$/.test(u)).map((u) => path.basename(u)).sort();
    expect(reporters(check!.loaded)).toEqual(["pretty.js"]);
    expect(reporters(sarif!.loaded)).toEqual(["pretty.js", "sarif.js"]);
    // Positive control: --patch loads it.
    const r = await loadedBy(["check", "--patch", "out.patch"], noHits);
    expect(r.code, r.stderr).toBe(0);
    expect(r.loaded.some((u) => u.includes("dist/write/patch.js"))).toBe(true);
  });

  it("positive control: a TypeScript hit loads the TypeScript parser, a Python hit tree-sitter", async () => {
    const hits = tempTree({
      "src/app.ts": 'const r = await client.chat.completions.create({ model: "deepseek-chat", messages });\n',
      "src/main.py": 'r = client.chat.completions.create(model="deepseek-chat", messages=m)\n',
    });
    const configured = tempTree({
      "src/app.ts": 'const r = await client.chat.completions.create({ model: "deepseek-chat", messages });\n',
      "src/main.py": 'r = client.chat.completions.create(model="deepseek-chat", messages=m)\n',
      ".prettierrc.yaml": "printWidth: 100\n",
      "pyproject.toml": "[tool.black]\nline-length = 100\n",
      // Strict JSON: read without the JSONC parser.
      "deepseek-migrate.config.json": '{ "reasonerTarget": "pro" }\n',
    });
    const [r, withConfig] = await Promise.all([loadedBy(["check", "--format", "json"], hits), loadedBy(["check", "--format", "json"], configured)]);
    expect(r.code).toBe(1);
    const heavy = heavyIn(r.loaded);
    expect(heavy.some((u) => /ts-morph|typescript/.test(u))).toBe(true);
    expect(heavy.some((u) => /tree-sitter/.test(u))).toBe(true);
    // The line-width settings' parsers load only for a folder that has such a file (and the JSONC
    // parser only for a configuration or a tsconfig.json the groups read for path aliases).
    const configParsers = (loaded: string[]) => loaded.filter((u) => /node_modules[\\/](?:yaml|smol-toml|jsonc-parser)[\\/]/.test(u));
    expect(configParsers(r.loaded)).toEqual([]);
    expect(withConfig.code).toBe(1);
    expect(withConfig.loaded.some((u) => /node_modules[\\/]yaml[\\/]/.test(u))).toBe(true);
    expect(withConfig.loaded.some((u) => /node_modules[\\/]smol-toml[\\/]/.test(u))).toBe(true);
    expect(withConfig.loaded.some((u) => /node_modules[\\/]jsonc-parser[\\/]/.test(u))).toBe(false);
  });

  it("each format's reporter, loaded on demand, is the one of the reporters' table", async () => {
    expect(Object.keys(REPORTERS).length).toBe(7);
    for (const [format, r] of Object.entries(REPORTERS)) expect(await loadReporter(format as Format), format).toBe(r);
  });
});
