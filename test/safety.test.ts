/**
 * Safety (docs/contract.md §7): atomic, guarded writes; the dirty-tree guard; encodings kept byte
 * for byte; leftovers of interrupted runs; the parse budget; adapter failures fall back to the
 * lexical scan. Everything runs on real files in temp folders.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clockInfo } from "../src/core/clock-info.js";
import { scanFile } from "../src/core/scan-file.js";
import { ADAPTER_LOADERS, EXTENSIONS } from "../src/languages/registry.js";
import { defaultRules } from "../src/rules/defaults.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import { encode } from "../src/core/text.js";
import type { Adapter, Encoding } from "../src/core/types.js";
import { ChangedOnDiskError, isTempFileName, tempFilesInFlight, writeFileAtomic } from "../src/write/atomic.js";
import { cliAsync } from "./helpers/cli.js";
import { canRunAsNobody, cliAsNobody, digests, mkfifo, readTree, releaseGate, startCli, tempDir, tempFilesIn } from "./helpers/safety.js";

const NOW = new Date("2026-11-28T12:00:00Z");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function dir(files: Record<string, string | Buffer> = {}): string {
  const d = tempDir();
  dirs.push(d);
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, rel)), { recursive: true });
    fs.writeFileSync(path.join(d, rel), body);
  }
  return d;
}
function migrate(cwd: string, extra: Partial<Parameters<typeof defaultOptions>[0]> = {}) {
  return run(defaultOptions({ cwd, paths: ["."], mode: "write", now: NOW, unsafeFixes: true, ...extra }));
}
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  }).toString();

describe("atomic writes (writeFileAtomic)", () => {
  it("replaces the content, keeps the mode (also setgid and executable bits), leaves no temporary file", () => {
    const d = dir({ "a.sh": "old\n", "b.txt": "old\n" });
    fs.chmodSync(path.join(d, "a.sh"), 0o2755);
    fs.chmodSync(path.join(d, "b.txt"), 0o640);
    for (const [f, mode] of [["a.sh", 0o2755], ["b.txt", 0o640]] as const) {
      const abs = path.join(d, f);
      writeFileAtomic(abs, Buffer.from("new\n"), Buffer.from("old\n"));
      expect(fs.readFileSync(abs, "utf8")).toBe("new\n");
      expect(fs.statSync(abs).mode & 0o7777).toBe(mode);
    }
    expect(fs.readdirSync(d).sort()).toEqual(["a.sh", "b.txt"]);
    expect(tempFilesInFlight()).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)("keeps the file's owner and group when the process may set them", () => {
    const d = dir({ "a.txt": "old\n" });
    const abs = path.join(d, "a.txt");
    fs.chownSync(abs, 65534, 65534);
    writeFileAtomic(abs, Buffer.from("new\n"), Buffer.from("old\n"));
    const st = fs.statSync(abs);
    expect([st.uid, st.gid, fs.readFileSync(abs, "utf8")]).toEqual([65534, 65534, "new\n"]);
  });

  it("refuses a file that changed, vanished, or became a folder or a symbolic link since it was read", () => {
    const outside = dir({ "target.txt": "old\n" });
    const d = dir({ "changed.txt": "edited by the user\n", "link.txt": "", "folder.txt": "", "gone.txt": "" });
    fs.rmSync(path.join(d, "link.txt"));
    fs.symlinkSync(path.join(outside, "target.txt"), path.join(d, "link.txt"));
    fs.rmSync(path.join(d, "folder.txt"));
    fs.mkdirSync(path.join(d, "folder.txt"));
    fs.rmSync(path.join(d, "gone.txt"));
    const expected = Buffer.from("old\n");
    const attempt = (f: string) => () => writeFileAtomic(path.join(d, f), Buffer.from("new\n"), expected);
    expect(attempt("changed.txt")).toThrow(ChangedOnDiskError);
    expect(attempt("changed.txt")).toThrow(/changed on disk/);
    expect(attempt("link.txt")).toThrow(/no longer a regular file/);
    expect(attempt("folder.txt")).toThrow(/no longer a regular file/);
    expect(attempt("gone.txt")).toThrow(/deleted since it was read/);
    expect(fs.readFileSync(path.join(d, "changed.txt"), "utf8")).toBe("edited by the user\n");
    expect(fs.readFileSync(path.join(outside, "target.txt"), "utf8")).toBe("old\n");
    expect(fs.lstatSync(path.join(d, "link.txt")).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(d).sort()).toEqual(["changed.txt", "folder.txt", "link.txt"]);
  });

  it("a run reports a file changed between scan and write as an error, writes the others, exit code 1", async () => {
    const d = dir({ "a.txt": "use deepseek-chat\n", "b.txt": "use deepseek-chat\n" });
    const { scan, writeAll } = await import("../src/core/run.js");
    const result = await scan(defaultOptions({ cwd: d, mode: "write", now: NOW, unsafeFixes: true }));
    fs.writeFileSync(path.join(d, "a.txt"), "use deepseek-chat (edited meanwhile)\n");
    await writeAll(result);
    expect(result.written).toEqual(["b.txt"]);
    expect(result.errors).toEqual([{ file: "a.txt", message: expect.stringMatching(/^not written: changed on disk/) }]);
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("use deepseek-chat (edited meanwhile)\n");
    expect(fs.readFileSync(path.join(d, "b.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
  });

  it("a file edited while its temporary file is being written is not replaced (checked again just before the rename); exit 1", async () => {
    const d = dir({ "a.dsmt": "use deepseek-chat\n", "b.dsmt": "use deepseek-chat\n" });
    const gate = path.join(dir(), "gate");
    mkfifo(gate);
    const run = startCli(["--write", "--unsafe-fixes"], { cwd: d, env: { DEEPSEEK_MIGRATE_TEST_FAULT: `before-rename:1:${gate}` } });
    await run.waitForStderr(/test fault point before-rename 1 reached/);
    expect(tempFilesIn(d)).toHaveLength(1);
    fs.appendFileSync(path.join(d, "a.dsmt"), "a line the user just typed\n");
    await releaseGate(gate);
    expect((await run.exited).code).toBe(1);
    expect(run.stdout()).toContain("a.dsmt: not written: changed on disk while it was being written; skipped, nothing written");
    expect(fs.readFileSync(path.join(d, "a.dsmt"), "utf8")).toBe("use deepseek-chat\na line the user just typed\n");
    expect(fs.readFileSync(path.join(d, "b.dsmt"), "utf8")).toBe("use deepseek-v4-flash\n");
    expect(tempFilesIn(d)).toEqual([]);
  });

  it("a file with several hard links is written under its own name and the run says so", async () => {
    const d = dir({ "a.txt": "use deepseek-chat\n" });
    fs.linkSync(path.join(d, "a.txt"), path.join(d, "b.link"));
    const r = await migrate(d, { paths: ["a.txt"] });
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
    expect(fs.readFileSync(path.join(d, "b.link"), "utf8")).toBe("use deepseek-chat\n");
    expect(r.warnings).toContainEqual({ file: "a.txt", message: "had 2 hard links: the other names keep the old content" });
  });

  it.runIf(canRunAsNobody())("as another user: unreadable files and unwritable folders are per-file errors; the rest is written; exit 1", () => {
    const d = dir({ "ok/a.txt": "use deepseek-chat\n", "locked/b.txt": "use deepseek-chat\n", "secret.txt": "use deepseek-chat\n" });
    fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(d, "ok"), 0o777);
    fs.chmodSync(path.join(d, "ok/a.txt"), 0o666);
    fs.chmodSync(path.join(d, "locked"), 0o555);
    fs.chmodSync(path.join(d, "locked/b.txt"), 0o666);
    fs.chmodSync(path.join(d, "secret.txt"), 0o000);
    const r = cliAsNobody(["--write", "--unsafe-fixes", "--format", "json"], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual(
      expect.arrayContaining([
        { file: "secret.txt", message: "cannot read: permission denied (EACCES)" },
        { file: "locked/b.txt", message: expect.stringMatching(/^not written: .*EACCES/) },
      ]),
    );
    expect(doc.errors).toHaveLength(2);
    expect(fs.readFileSync(path.join(d, "ok/a.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
    expect(fs.readFileSync(path.join(d, "locked/b.txt"), "utf8")).toBe("use deepseek-chat\n");
    expect(tempFilesIn(d)).toEqual([]);
  });
});

describe("leftover temporary files of an interrupted run", () => {
  /** The pid of a process that has exited. */
  const deadPid = (): number => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());

  it("are recognised by name, never scanned, reported by a dry run and removed by --write", async () => {
    const pid = deadPid();
    const leftover = `.a.txt.deepseek-migrate-${pid}-0123abcd.tmp`;
    const live = `.a.txt.deepseek-migrate-${process.pid}-89abcdef.tmp`;
    expect(isTempFileName(leftover)).toBe(true);
    expect(isTempFileName("a.deepseek-migrate-1-0123abcd.tmp")).toBe(false);
    const d = dir({ "a.txt": "use deepseek-chat\n", [leftover]: "use deepseek-chat\n", [live]: "use deepseek-chat\n" });
    const dry = await run(defaultOptions({ cwd: d, now: NOW, unsafeFixes: true }));
    expect(dry.findings.map((f) => f.file)).toEqual(["a.txt"]);
    expect(dry.warnings).toContainEqual({ file: leftover, message: expect.stringMatching(/^temporary file left by an interrupted --write/) });
    expect(fs.existsSync(path.join(d, leftover))).toBe(true);
    const w = await migrate(d);
    expect(w.warnings).toContainEqual({ file: leftover, message: expect.stringMatching(/^removed a temporary file left by an interrupted --write/) });
    expect(fs.existsSync(path.join(d, leftover))).toBe(false);
    // A temporary file of a process that is still running is left alone.
    expect(fs.existsSync(path.join(d, live))).toBe(true);
    expect(fs.readFileSync(path.join(d, "a.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
  });
});

// Each test makes its own repository: they run side by side.
describe.concurrent("dirty-tree guard (git)", () => {
  function repo(): string {
    const d = dir({ "app.txt": "use deepseek-chat\n", "other.txt": "nothing here\n", "ignored.txt": "use deepseek-chat\n", ".gitignore": "ignored.txt\n" });
    git(d, "init", "-q");
    git(d, "add", "app.txt", "other.txt", ".gitignore");
    git(d, "commit", "-q", "-m", "init");
    return d;
  }
  const write = (d: string, ...args: string[]) => cliAsync(["--write", "--unsafe-fixes", "--no-color", ...args], { cwd: d });

  it("a clean work tree is written; a change in a file it would not modify does not count", async () => {
    const d = repo();
    fs.writeFileSync(path.join(d, "other.txt"), "changed, but has no legacy ID\n");
    const r = await write(d);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(d, "app.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
  });

  for (const [name, dirty] of [
    ["modified", (d: string) => fs.appendFileSync(path.join(d, "app.txt"), "more deepseek-chat\n")],
    ["staged", (d: string) => (fs.appendFileSync(path.join(d, "app.txt"), "x\n"), git(d, "add", "app.txt"))],
    ["untracked", (d: string) => fs.writeFileSync(path.join(d, "new.txt"), "use deepseek-chat\n")],
    ["in an untracked folder", (d: string) => (fs.mkdirSync(path.join(d, "newdir/sub"), { recursive: true }), fs.writeFileSync(path.join(d, "newdir/sub/n.txt"), "deepseek-chat\n"))],
  ] as const) {
    it(`refuses (exit 2, nothing written) when a file it would modify is ${name}; --allow-dirty writes`, async () => {
      const d = repo();
      dirty(d);
      const before = readTree(d);
      const r = await write(d);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refusing to write: 1 file\(s\) have uncommitted changes \(.+\.txt\); commit or stash them, or pass --allow-dirty/);
      expect(digests(readTree(d))).toEqual(digests(before));
      // From a subfolder too (git reports paths from the work tree's root).
      if (name === "in an untracked folder") expect((await cliAsync(["--write", "--unsafe-fixes", "."], { cwd: path.join(d, "newdir") })).code).toBe(2);
      const forced = await write(d, "--allow-dirty");
      expect(forced.code, forced.stdout + forced.stderr).toBe(0);
      expect(readTree(d).get("app.txt")!.toString()).toContain("deepseek-v4-flash");
    });
  }

  it("an ignored file named on the command line is not dirty (git keeps nothing of it)", async () => {
    const d = repo();
    const r = await write(d, "ignored.txt");
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(d, "ignored.txt"), "utf8")).toBe("use deepseek-v4-flash\n");
  });

  it("outside any work tree nothing is dirty", async () => {
    const d = dir({ "a.txt": "use deepseek-chat\n", "b.txt": "deepseek-reasoner\n" });
    expect((await write(d)).code).toBe(0);
    expect(fs.readFileSync(path.join(d, "b.txt"), "utf8")).toBe("deepseek-v4-flash\n");
  });

  it("refuses (exit 2) when git cannot be asked: git missing, or a repository git will not read", async () => {
    const d = repo();
    const before = readTree(d);
    const noGit = await cliAsync(["--write", "--unsafe-fixes"], { cwd: d, env: { PATH: "/nonexistent" } });
    expect(noGit.code, noGit.stdout + noGit.stderr).toBe(2);
    expect(noGit.stderr).toMatch(/refusing to write: cannot ask git about uncommitted changes in .*: git is not installed; pass --allow-dirty/);
    if (process.getuid?.() === 0) {
      execFileSync("chown", ["-R", "65534:65534", d]);
      const gitRefuses = spawnSync("git", ["status"], { cwd: d }).status !== 0; // "dubious ownership" (unless safe.directory says otherwise)
      if (gitRefuses) {
        const r = await write(d);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/cannot ask git about uncommitted changes .*dubious ownership/);
      }
    }
    expect(digests(readTree(d))).toEqual(digests(before));
  });
});

describe("encodings and line endings are kept byte for byte", () => {
  // Every other byte is kept: only the ASCII IDs change.
  const body = (eol: (i: number) => string, last: string) =>
    [`café “deepseek-chat” ✓`, "naïve 🚀 deepseek-reasoner ß", "plain", "ünïcödé deepseek-chat"].map((l, i, a) => l + (i < a.length - 1 ? eol(i) : last)).join("");
  const eols = [(i: number) => ["\n", "\r\n", "\r"][i % 3]!, () => "\r\n", () => "\n"];
  const cases: [string, Encoding, string][] = [];
  for (const enc of ["utf8", "utf8bom", "utf16le", "utf16be"] as Encoding[])
    for (const [k, eol] of eols.entries()) for (const last of ["", "\n", "\r\n"]) cases.push([`${enc}-eol${k}-final${JSON.stringify(last)}`, enc, body(eol, last)]);

  it.each(cases)("%s", async (_name, enc, text) => {
    const d = dir({ "f.dsmt": encode(text, enc) });
    const r = await migrate(d);
    expect(r.errors).toEqual([]);
    expect(r.written).toEqual(["f.dsmt"]);
    const want = encode(text.replaceAll("deepseek-chat", "deepseek-v4-flash").replaceAll("deepseek-reasoner", "deepseek-v4-flash"), enc);
    expect(fs.readFileSync(path.join(d, "f.dsmt")).equals(want)).toBe(true);
  });

  it("Latin-1 and other 8-bit files: the ASCII IDs are edited, every other byte kept", async () => {
    const bytes = Buffer.concat([Buffer.from([0xe9, 0x74, 0xe9, 0x20]), Buffer.from("deepseek-chat\r\n"), Buffer.from([0xff, 0xfe, 0x80, 0x0a]), Buffer.from("x deepseek-reasoner")]);
    const d = dir({ "f.dsmt": bytes });
    const r = await migrate(d);
    expect(r.written).toEqual(["f.dsmt"]);
    const want = Buffer.concat([Buffer.from([0xe9, 0x74, 0xe9, 0x20]), Buffer.from("deepseek-v4-flash\r\n"), Buffer.from([0xff, 0xfe, 0x80, 0x0a]), Buffer.from("x deepseek-v4-flash")]);
    expect(fs.readFileSync(path.join(d, "f.dsmt")).equals(want)).toBe(true);
  });

  it("UTF-16 with lone surrogates keeps them", async () => {
    const text = "a\uD800b deepseek-chat \uDC00\n\uDBFF";
    const d = dir({ "le.dsmt": encode(text, "utf16le"), "be.dsmt": encode(text, "utf16be") });
    await migrate(d);
    expect(fs.readFileSync(path.join(d, "le.dsmt")).equals(encode(text.replace("deepseek-chat", "deepseek-v4-flash"), "utf16le"))).toBe(true);
    expect(fs.readFileSync(path.join(d, "be.dsmt")).equals(encode(text.replace("deepseek-chat", "deepseek-v4-flash"), "utf16be"))).toBe(true);
  });

  it("a file whose text does not re-encode to its bytes (odd UTF-16, invalid UTF-8 after a BOM) is reported, never written", async () => {
    const odd = Buffer.concat([encode("x deepseek-chat\n", "utf16le"), Buffer.from([0x41])]);
    const badBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("deepseek-chat "), Buffer.from([0xc3, 0x28, 0xff])]);
    const d = dir({ "odd.dsmt": odd, "bom.dsmt": badBom });
    const r = await migrate(d);
    expect(r.written).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => f.file).sort()).toEqual(["bom.dsmt", "odd.dsmt"]);
    for (const f of ["bom.dsmt", "odd.dsmt"])
      expect(r.warnings).toContainEqual({ file: f, message: expect.stringMatching(/does not re-encode to the same bytes; fixes reported, not applied/) });
    expect(fs.readFileSync(path.join(d, "odd.dsmt")).equals(odd)).toBe(true);
    expect(fs.readFileSync(path.join(d, "bom.dsmt")).equals(badBom)).toBe(true);
  });
});

describe("bounded work and adapter failures", () => {
  const ruleset = makeRuleset(defaultRules("flash"));
  const opts = { ruleset, clock: clockInfo(NOW), unsafeFixes: false, maxFileSize: 5 * 1024 * 1024 };

  it("a file over the parse budget is not parsed: its matches are reported lexically (never safe) with a note", async () => {
    const d = dir({ "a.ts": 'export const cfg = { model: "deepseek-chat" };\n' });
    const normal = await scanFile(path.join(d, "a.ts"), "a.ts", opts);
    expect(normal.findings.map((f) => f.fix)).toEqual(["safe"]);
    const over = await scanFile(path.join(d, "a.ts"), "a.ts", { ...opts, parseBudget: 20 });
    expect(over.status).toBe("ok");
    expect(over.findings.map((f) => f.fix)).toEqual(["unsafe"]);
    expect(over.warnings).toEqual([expect.stringMatching(/not parsed: over the parse budget of 20 characters.*matches reported lexically/)]);
    expect(over.fixed).toBeUndefined();
  });

  it("a file over the size limit is skipped with a note, not dropped", async () => {
    const d = dir({ "a.txt": "deepseek-chat ".repeat(100) });
    const r = await scanFile(path.join(d, "a.txt"), "a.txt", { ...opts, maxFileSize: 100 });
    expect(r.status).toBe("skipped");
    expect(r.message).toMatch(/over the size limit \(1400 > 100 bytes\)/);
  });

  it("an adapter that overflows the stack, throws a non-Error, or returns garbage: lexical fallback, never a crash", async () => {
    const deep = (n: number): number => (n === 0 ? 0 : 1 + deep(n - 1));
    const adapters: Record<string, Adapter["scan"]> = {
      ".overflow": () => ({ sites: [], x: deep(1e7) }) as never,
      ".throwstr": () => {
        throw "a string";
      },
      ".nosites": () => ({}) as never,
      ".badsites": () => ({ sites: [{ idStart: 5, kind: "model", flags: { status: "added", edits: null } }] }) as never,
      ".async": async () => {
        await new Promise((r) => setTimeout(r, 1));
        throw new TypeError("async failure");
      },
    };
    const d = dir();
    for (const [ext, scan] of Object.entries(adapters)) {
      const name = `test${ext.replace(".", "-")}`;
      EXTENSIONS[ext] = name;
      ADAPTER_LOADERS[name] = async () => ({ name, description: "test", scan });
      fs.writeFileSync(path.join(d, `f${ext}`), 'x = "deepseek-chat"\n');
    }
    try {
      for (const ext of Object.keys(adapters)) {
        const r = await scanFile(path.join(d, `f${ext}`), `f${ext}`, { ...opts, unsafeFixes: true });
        expect(r.status, ext).toBe("ok");
        expect(r.findings.map((f) => [f.line, f.fix]), ext).toEqual([[1, "unsafe"]]);
        expect(r.warnings.join(" "), ext).toMatch(/matches reported lexically/);
        expect(r.fixed).toBe('x = "deepseek-v4-flash"\n');
      }
      const overflow = await scanFile(path.join(d, "f.overflow"), "f.overflow", opts);
      expect(overflow.warnings[0]).toMatch(/RangeError: Maximum call stack size exceeded/);
    } finally {
      for (const ext of Object.keys(adapters)) {
        delete ADAPTER_LOADERS[EXTENSIONS[ext]!];
        delete EXTENSIONS[ext];
      }
    }
  });
});
