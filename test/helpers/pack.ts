import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./fixtures.js";

export const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
export const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of run() and runAsync(). */
function runEnv(opts: { env?: Record<string, string | undefined> }): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_update_notifier: "false",
    DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z",
    ...opts.env,
  };
  // Variables npm sets for the script that runs the tests must not leak into nested npm calls.
  for (const k of Object.keys(env)) if (k.startsWith("npm_package_") || k === "npm_lifecycle_event" || k === "npm_lifecycle_script" || env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/** Run a command; npm's own chatter (funding, audit, update notices) switched off. */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; timeout?: number }): Run {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: runEnv(opts), encoding: "utf8", timeout: opts.timeout ?? 120_000 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? String(r.error) : "") };
}

/** run() without blocking the test's thread: independent commands run side by side. */
export function runAsync(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; timeout?: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: runEnv(opts), stdio: ["ignore", "pipe", "pipe"], timeout: opts.timeout ?? 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (e) => (stderr += String(e)));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `npm pack` the project as it is built (dist/ and grammars/ from `npm run build`, which `npm test`
 * runs first) into a fresh temp folder, as a user packs it: with its prepack and postpack scripts,
 * which take `prepare` out of the packed package.json (scripts/pack-manifest.mjs) and build nothing
 * (building here would rewrite dist/ while other test files execute it).
 */
export function packTarball(): { dir: string; tarball: string; files: string[] } {
  for (const need of ["dist/index.js", "dist/index.d.ts", "dist/cli/cli.js", "grammars/tree-sitter-python.wasm"]) {
    if (!fs.existsSync(path.join(ROOT, need))) throw new Error(`${need} is missing: run \`npm run build\` first (npm test does)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-pack-"));
  const out = execFileSync(NPM, ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const info = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { dir, tarball: path.join(dir, info[0].filename), files: info[0].files.map((f) => f.path).sort() };
}

/** The npm cache folder (npx installs packages under its _npx/). */
export function npmCache(): string {
  return execFileSync(NPM, ["config", "get", "cache"], { encoding: "utf8" }).trim();
}

/** Remove the npx installs that name a path under `dir` (what our own npx calls created). */
export function removeNpxInstalls(dir: string): void {
  const npx = path.join(npmCache(), "_npx");
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(npx);
  } catch {
    return;
  }
  const marker = path.basename(dir);
  for (const e of entries) {
    try {
      const pkg = fs.readFileSync(path.join(npx, e, "package.json"), "utf8");
      if (pkg.includes(marker)) fs.rmSync(path.join(npx, e), { recursive: true, force: true });
    } catch {
      /* not ours, or already gone */
    }
  }
}
