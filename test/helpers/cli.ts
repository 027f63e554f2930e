import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./fixtures.js";
import { tempDir } from "./temp.js";

export const BIN = path.join(ROOT, "bin", "deepseek-migrate.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the built CLI (dist/ must be built: `npm test` builds first). */
export function cli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; input?: string }): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    input: opts.input ?? "",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * cli() without blocking the test's thread: independent runs of one test (or tests of a
 * describe.concurrent block) run side by side. The same environment, input and result as cli().
 */
export function cliAsync(args: string[], opts: { cwd: string; env?: Record<string, string | undefined>; input?: string }): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"], timeout: 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => {}); // a CLI that exits without reading its input
    child.stdin.end(opts.input ?? "");
  });
}

/** A temp folder with the given files. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = tempDir("dsm-cli-");
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

/** Copy a folder (no symlinks followed). */
export function copyTree(from: string): string {
  const dir = tempDir("dsm-copy-");
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/** Every file's hash and mtime below a folder, to prove nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) {
        const st = fs.statSync(p);
        out[path.relative(dir, p)] = crypto.createHash("sha1").update(fs.readFileSync(p)).digest("hex") + ":" + st.mtimeMs;
      }
    }
  };
  visit(dir);
  return out;
}
