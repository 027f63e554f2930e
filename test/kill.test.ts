/**
 * Fault injection (docs/contract.md §7, issue 6): `--write` on 1,000 files is killed with SIGKILL
 * (and on 60 files stopped with SIGINT/SIGTERM/SIGHUP), at known points and at arbitrary ones;
 * afterwards every file is byte-identical to its original or to its fully migrated version, and no
 * temporary file is left except the one a SIGKILL caught between writing and renaming (which the
 * next --write removes).
 *
 * Known points come from the test-only fault points (src/write/fault.ts): the CLI stops there and
 * waits on a FIFO, so the kill lands exactly there, no timing luck. The unhooked kills poll until a
 * given file was written and kill whatever the process is doing then; the checks hold either way.
 * The files have an extension no adapter claims (plain lexical scan) and are migrated with
 * --unsafe-fixes, so the test does not depend on any language adapter.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAsync } from "./helpers/cli.js";
import { mkfifo, readTree, releaseGate, startCli, tempDir, tempFilesIn } from "./helpers/safety.js";

const N_DIRS = 20;
const PER_DIR = 50; // 1,000 files (a SIGKILL ends the worker threads with the process: the pool adds nothing here)
const migrateText = (s: string) => s.replaceAll("deepseek-chat", "deepseek-v4-flash").replaceAll("deepseek-reasoner", "deepseek-v4-flash");

interface Tree {
  dir: string;
  /** Relative paths in write order (the walk's path order). */
  order: string[];
  original: Map<string, Buffer>;
  migrated: Map<string, Buffer>;
}

function makeTree(dirs: number, perDir: number): Tree {
  const dir = tempDir("dsm-kill-");
  const original = new Map<string, Buffer>();
  const migrated = new Map<string, Buffer>();
  for (let d = 0; d < dirs; d++) {
    const sub = `d${String(d).padStart(2, "0")}`;
    fs.mkdirSync(path.join(dir, sub));
    for (let i = 0; i < perDir; i++) {
      const rel = `${sub}/f${String(i).padStart(3, "0")}.dsmt`;
      const n = d * perDir + i;
      const filler = `plain line ${n} ✓ with nothing to change\r\n`;
      // Mostly small files, some large ones, so the write phase has uneven steps.
      const text =
        `# file ${n}\r\nclient uses deepseek-chat here; "deepseek-reasoner" there\n` +
        filler.repeat(n % 97 === 0 ? 5000 : n % 7) +
        (n % 3 === 0 ? "provider deepseek/deepseek-chat (no final newline)" : "last line: deepseek-reasoner\n");
      fs.writeFileSync(path.join(dir, rel), text);
      original.set(rel, Buffer.from(text));
      migrated.set(rel, Buffer.from(migrateText(text)));
    }
  }
  const order = [...original.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { dir, order, original, migrated };
}

function copy(t: Tree): string {
  const d = tempDir("dsm-kill-run-");
  fs.cpSync(t.dir, d, { recursive: true });
  return d;
}

/**
 * Every file is its original or its migrated version, and (the writer goes in path order, one file
 * at a time) the migrated ones are exactly the first `written` files. Returns `written`.
 */
function checkTree(t: Tree, d: string): number {
  const now = readTree(d);
  let written = 0;
  let seenOriginal = false;
  for (const rel of t.order) {
    const bytes = now.get(rel);
    expect(bytes, `${rel} is missing`).toBeDefined();
    const isMigrated = bytes!.equals(t.migrated.get(rel)!);
    const isOriginal = bytes!.equals(t.original.get(rel)!);
    expect(isMigrated || isOriginal, `${rel} is neither its original nor its migrated version`).toBe(true);
    if (isMigrated) {
      expect(seenOriginal, `${rel} was written after a file that was not`).toBe(false);
      written++;
    } else seenOriginal = true;
  }
  const extra = [...now.keys()].filter((k) => !t.original.has(k));
  expect(extra.every((k) => /\.deepseek-migrate-\d+-[0-9a-f]{8}\.tmp$/.test(k)), `unexpected files: ${extra.join(", ")}`).toBe(true);
  return written;
}

/** The temporary file of `rel`, if one was left. */
function tempOf(d: string, rel: string): string[] {
  const base = path.basename(rel);
  return tempFilesIn(d).filter((t) => path.dirname(t) === path.dirname(rel) && path.basename(t).startsWith(`.${base}.deepseek-migrate-`));
}

const WRITE = ["--write", "--unsafe-fixes", "--quiet", "--no-color"];
/** Each file is flushed to disk before its rename: on a busy disk a thousand writes take a while. */
const LONG = 240_000;
let big: Tree;
let small: Tree;
const cleanup: string[] = [];
beforeAll(() => {
  big = makeTree(N_DIRS, PER_DIR);
  small = makeTree(3, 20);
  cleanup.push(big.dir, small.dir);
});
afterAll(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

async function runToFault(t: Tree, point: string, n: number): Promise<{ dir: string; gate: string; run: ReturnType<typeof startCli> }> {
  const dir = copy(t);
  cleanup.push(dir);
  const gate = path.join(tempDir("dsm-gate-"), "gate");
  cleanup.push(path.dirname(gate));
  mkfifo(gate);
  const run = startCli(WRITE, { cwd: dir, env: { DEEPSEEK_MIGRATE_TEST_FAULT: `${point}:${n}:${gate}` } });
  await run.waitForStderr(new RegExp(`test fault point ${point} ${n} reached`));
  return { dir, gate, run };
}

// Each test works on its own copy of a tree (and its own gate), and most of a --write is waiting
// for the disk: the tests of each block run side by side.
describe.concurrent("SIGKILL during --write (1,000 files)", () => {
  it.each([1, 800])(
    "killed after the temporary file of file %i is written, before its rename: all files before it migrated, it and the rest original, one temporary file",
    async (k) => {
      const { dir, run } = await runToFault(big, "before-rename", k);
      run.child.kill("SIGKILL");
      expect((await run.exited).signal).toBe("SIGKILL");
      expect(checkTree(big, dir)).toBe(k - 1);
      const rel = big.order[k - 1]!;
      const temps = tempFilesIn(dir);
      expect(temps).toEqual(tempOf(dir, rel));
      expect(temps).toHaveLength(1);
      // The temporary file holds the complete new content (flushed before the rename).
      expect(fs.readFileSync(path.join(dir, temps[0]!)).equals(big.migrated.get(rel)!)).toBe(true);

      if (k === 800) {
        // A dry run reports the leftover and changes nothing; the next --write removes it and finishes.
        const report = path.join(tempDir("dsm-report-"), "r.json");
        cleanup.push(path.dirname(report));
        await cliAsync(["--format", "json", "-o", report], { cwd: dir });
        expect(JSON.parse(fs.readFileSync(report, "utf8")).warnings).toContainEqual({ file: temps[0], message: expect.stringMatching(/^temporary file left by an interrupted --write/) });
        expect(checkTree(big, dir)).toBe(k - 1);
        const again = await cliAsync([...WRITE, "--format", "json", "-o", report], { cwd: dir });
        expect(again.code).toBe(0);
        expect(JSON.parse(fs.readFileSync(report, "utf8")).warnings).toContainEqual({ file: temps[0], message: expect.stringMatching(/^removed a temporary file/) });
        expect(checkTree(big, dir)).toBe(big.order.length);
        expect(tempFilesIn(dir)).toEqual([]);
      }
    },
    LONG,
  );

  it.each([25, 900])("killed at an arbitrary moment once file %i is written (no fault point): every file whole, at most one temporary file", async (i) => {
    const dir = copy(big);
    cleanup.push(dir);
    const target = path.join(dir, big.order[i - 1]!);
    const want = big.migrated.get(big.order[i - 1]!)!;
    const run = startCli(WRITE, { cwd: dir });
    let exited = false;
    void run.exited.then(() => (exited = true));
    while (!exited) {
      let now: Buffer | undefined;
      try {
        now = fs.readFileSync(target);
      } catch {
        /* between unlink and rename there is none: rename replaces atomically, so this never happens */
      }
      if (now?.equals(want)) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    run.child.kill("SIGKILL");
    await run.exited;
    const written = checkTree(big, dir);
    expect(written).toBeGreaterThanOrEqual(i);
    const temps = tempFilesIn(dir);
    expect(temps.length).toBeLessThanOrEqual(1);
    if (temps.length === 1) {
      // Only the file in flight can have one, and its bytes are a prefix of that file's new content.
      const next = big.order[written]!;
      expect(temps).toEqual(tempOf(dir, next));
      const tmp = fs.readFileSync(path.join(dir, temps[0]!));
      expect(big.migrated.get(next)!.subarray(0, tmp.length).equals(tmp)).toBe(true);
    }
  }, LONG);
});

describe.concurrent("SIGINT, SIGTERM and SIGHUP during --write: the file in flight is finished, then the run stops", () => {
  const total = 60;
  it.each([
    ["SIGINT", "before-rename", 20, 130, 20],
    ["SIGTERM", "after-rename", 45, 143, 45],
    ["SIGHUP", "before-rename", 1, 129, 1],
    ["SIGTERM", "before-rename", 60, 143, 60],
  ] as const)("%s at %s of file %i: exit %i, %i files written, the rest unchanged, no temporary file", async (signal, point, n, code, written) => {
    const { dir, gate, run } = await runToFault(small, point, n);
    run.child.kill(signal);
    await releaseGate(gate);
    const r = await run.exited;
    expect(r.code).toBe(code);
    expect(checkTree(small, dir)).toBe(written);
    expect(tempFilesIn(dir)).toEqual([]);
    expect(run.stderr()).toContain(
      `deepseek-migrate: interrupted by ${signal}: ${written} of ${total} files written, the other ${total - written} unchanged; run the same command again to finish`,
    );
    expect(run.stdout()).toMatch(new RegExp(`${written} files? written`));
    // Running again finishes the job.
    expect((await cliAsync(WRITE, { cwd: dir })).code).toBe(0);
    expect(checkTree(small, dir)).toBe(total);
  }, LONG);

  it("a signal after the scan, before the first write: exit 130, nothing written", async () => {
    const { dir, gate, run } = await runToFault(small, "before-write", 1);
    run.child.kill("SIGINT");
    await releaseGate(gate);
    const r = await run.exited;
    expect(r.code).toBe(130);
    expect(run.stderr()).toContain("deepseek-migrate: interrupted by SIGINT before writing: nothing was written");
    expect(checkTree(small, dir)).toBe(0);
    expect(tempFilesIn(dir)).toEqual([]);
  });
});
