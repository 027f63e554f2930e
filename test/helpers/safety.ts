import crypto from "node:crypto";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BIN } from "./cli.js";
import { tempDir as makeTempDir } from "./temp.js";

export const NOW = "2026-11-28T12:00:00Z";

/** A fresh temp folder, removed after the importing file's tests (also when one fails). */
export function tempDir(prefix = "dsm-safety-"): string {
  return makeTempDir(prefix);
}

/** Every regular file below a folder: relative path → bytes (symlinks, FIFOs, sockets left out). */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.set(path.relative(dir, p).split(path.sep).join("/"), fs.readFileSync(p));
    }
  };
  visit(dir);
  return out;
}

/**
 * A tree read by readTree, each file's bytes as their SHA-256: compared with toEqual, a difference
 * still names the file, and large files compare in one step (a deep equality of Buffers goes byte
 * by byte, seconds for a few hundred kilobytes).
 */
export function digests(tree: Map<string, Buffer>): Map<string, string> {
  return new Map([...tree].map(([k, v]) => [k, crypto.createHash("sha256").update(v).digest("hex")]));
}

/** Bytes, mode, mtime and ctime of every regular file (a dry run must change none of them). */
export function statTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, buf] of readTree(dir)) {
    const st = fs.statSync(path.join(dir, rel), { bigint: true });
    out.set(rel, `${buf.toString("base64")}|${st.mode}|${st.mtimeNs}|${st.ctimeNs}|${st.ino}`);
  }
  return out;
}

/** Temporary files the writer leaves behind (its naming scheme). */
export function tempFilesIn(dir: string): string[] {
  return [...readTree(dir).keys()].filter((f) => /\.deepseek-migrate-\d+-[0-9a-f]{8}\.tmp$/.test(f));
}

export function mkfifo(p: string): void {
  execFileSync("mkfifo", [p]);
}

/** setpriv exists and we are root: the CLI can be run as `nobody` (chmod only blocks non-root). */
export function canRunAsNobody(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  return spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "-e", "0"]).status === 0;
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the child's stderr matches. Rejects when the child exits first. */
  waitForStderr: (re: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start the built CLI asynchronously (for tests that signal or kill it). */
export function startCli(args: string[], opts: { cwd: string; env?: Record<string, string>; asNobody?: boolean }): Spawned {
  const env = { ...process.env, DEEPSEEK_MIGRATE_NOW: NOW, NO_COLOR: "1", ...opts.env };
  const cmd = opts.asNobody ? "setpriv" : process.execPath;
  const argv = opts.asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args] : [BIN, ...args];
  const child = spawn(cmd, argv, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiters: { re: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    for (const w of [...waiters]) if (w.re.test(err)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`exited (${code ?? signal}) before ${w.re}; stderr: ${err}`));
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr: (re) =>
      re.test(err) ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ re, resolve, reject })),
    exited,
  };
}

/** Open the gate FIFO for writing and close it: the process blocked at a fault point goes on. */
export async function releaseGate(gate: string): Promise<void> {
  await fs.promises.writeFile(gate, "go\n");
}

/** Run the built CLI to completion as another user (setpriv), capturing its output. */
export function cliAsNobody(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args], {
    cwd,
    env: { ...process.env, DEEPSEEK_MIGRATE_NOW: NOW, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No stack trace and no internal error in a CLI's output. */
export function assertNoCrash(text: string): void {
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(text) || /internal error/i.test(text)) throw new Error(`crash output:\n${text}`);
}
