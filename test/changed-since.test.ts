import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { BIN, cliAsync as cli, copyTree, tempTree } from "./helpers/cli.js";
import { tempPath } from "./helpers/temp.js";
import { ROOT } from "./helpers/fixtures.js";

// --changed-since REF: the files changed since the branch left REF (merge base to working tree) and
// untracked files not ignored; a run's findings on them equal a full run's findings on them.

const GIT_ENV = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: os.devNull,
};

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: "utf8" });
}

const TS = (id: string) => `import OpenAI from "openai";\nconst client = new OpenAI();\nexport const r = await client.chat.completions.create({ model: "${id}", messages: [] });\n`;
const PY = (id: string) => `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="${id}", messages=[])\n`;

interface Finding {
  file: string;
  line: number;
  column: number;
  [k: string]: unknown;
}
interface Doc {
  summary: Record<string, number>;
  findings: Finding[];
  files?: unknown;
}

async function json(cwd: string, args: string[]): Promise<{ code: number | null; doc: Doc; stderr: string }> {
  const r = await cli(["check", "--format", "json", ...args], { cwd });
  return { code: r.code, doc: JSON.parse(r.stdout) as Doc, stderr: r.stderr };
}

/**
 * A repository on branch `feature`, left from `main`, with committed, staged, unstaged, renamed,
 * deleted, untracked and ignored changes, while `main` moved on after the branch left it.
 */
function makeRepo(): string {
  const dir = tempTree({
    ".gitignore": "build/\n*.log\nvendor/\n",
    "vendor/tracked.ts": TS("deepseek-chat"),
    "vendor/tracked-same.ts": TS("deepseek-chat"),
    "a.ts": TS("deepseek-chat"),
    "b.py": PY("deepseek-reasoner"),
    "other.ts": TS("deepseek-chat"),
    "gone.ts": TS("deepseek-chat"),
    "old-name.ts": TS("deepseek-reasoner"),
    "docs/guide.md": "Set `model` to `deepseek-chat`.\n",
    "sub/d.ts": TS("deepseek-chat"),
    "sub/keep.py": PY("deepseek-chat"),
    "package-lock.json": '{"name": "x", "lockfileVersion": 3, "packages": {"": {"description": "deepseek-chat"}}}\n',
  });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "add", "-f", "vendor");
  git(dir, "commit", "-q", "-m", "base");
  git(dir, "checkout", "-q", "-b", "feature");
  // Committed on the branch: an edit, a rename, a deletion, a new file, a lockfile edit.
  fs.appendFileSync(path.join(dir, "a.ts"), 'export const other = "deepseek-reasoner";\n');
  git(dir, "mv", "old-name.ts", "sub/new-name.ts");
  git(dir, "rm", "-q", "gone.ts");
  fs.writeFileSync(path.join(dir, "sub", "new.py"), PY("deepseek-chat"));
  fs.appendFileSync(path.join(dir, "vendor", "tracked.ts"), 'export const v = "deepseek-chat";\n');
  fs.writeFileSync(path.join(dir, "package-lock.json"), '{"name": "x", "lockfileVersion": 3, "packages": {"": {"description": "deepseek-reasoner"}}}\n');
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "feature work");
  // main moves on after the branch left it: not this branch's change.
  git(dir, "checkout", "-q", "main");
  fs.appendFileSync(path.join(dir, "other.ts"), 'export const more = "deepseek-chat";\n');
  fs.appendFileSync(path.join(dir, "docs", "guide.md"), "Or `deepseek-reasoner`.\n");
  git(dir, "commit", "-q", "-am", "main moves on");
  git(dir, "checkout", "-q", "feature");
  // Uncommitted: an unstaged edit, a staged new file, untracked files (one ignored), a tracked
  // file under an ignore rule.
  fs.appendFileSync(path.join(dir, "b.py"), 'LEGACY = "deepseek-chat"\n');
  fs.writeFileSync(path.join(dir, "staged.ts"), TS("deepseek-reasoner"));
  git(dir, "add", "staged.ts");
  fs.writeFileSync(path.join(dir, "untracked.ts"), TS("deepseek-chat"));
  fs.mkdirSync(path.join(dir, "sub", "fresh"));
  fs.writeFileSync(path.join(dir, "sub", "fresh", "u.md"), "Use `deepseek-reasoner`.\n");
  fs.mkdirSync(path.join(dir, "build"));
  fs.writeFileSync(path.join(dir, "build", "out.js"), 'var m = "deepseek-chat";\n');
  fs.writeFileSync(path.join(dir, "debug.log"), "deepseek-chat\n");
  return dir;
}

let template: string | undefined;
/** makeRepo()'s repository, made once for the file: each test works on its own copy of it. */
function repo(): string {
  template ??= makeRepo();
  return copyTree(template);
}

const CHANGED = ["a.ts", "b.py", "staged.ts", "sub/fresh/u.md", "sub/new-name.ts", "sub/new.py", "untracked.ts", "vendor/tracked.ts"];

const filesOf = (doc: Doc) => [...new Set(doc.findings.map((f) => f.file))].sort();

/**
 * A full run and a --changed-since main run over the repository, made once for the file (read-only
 * runs; the reports name files by relative path, the same in every copy).
 */
let fullAndPart: Promise<[Awaited<ReturnType<typeof json>>, Awaited<ReturnType<typeof json>>]> | undefined;
function reference() {
  fullAndPart ??= (async () => {
    const dir = repo();
    return Promise.all([json(dir, []), json(dir, ["--changed-since", "main"])]);
  })();
  return fullAndPart;
}

// Each test makes its own repository: they run side by side.
describe.concurrent("check --changed-since", () => {
  it("scans only the branch's changes and untracked files, with the findings a full run reports on them", async () => {
    const [full, part] = await reference();
    expect(part.stderr).toBe("");
    expect(part.code).toBe(1);
    expect(filesOf(part.doc)).toEqual(CHANGED);
    expect(part.doc.summary.files).toBe(CHANGED.length);
    // The same findings, field for field, as the full run's on those files.
    expect(part.doc.findings).toEqual(full.doc.findings.filter((f) => CHANGED.includes(f.file)));
    expect(part.doc.findings.length).toBeGreaterThanOrEqual(CHANGED.length + 2);
    // Left out: main's own later change, deleted and old names, ignored files, the lockfile.
    for (const f of ["vendor/tracked-same.ts", "other.ts", "docs/guide.md", "gone.ts", "old-name.ts", "build/out.js", "debug.log", "sub/d.ts", "sub/keep.py"])
      expect(filesOf(part.doc)).not.toContain(f);
    expect(filesOf(full.doc)).toEqual(expect.arrayContaining(["other.ts", "docs/guide.md", "sub/d.ts", "sub/keep.py", "vendor/tracked-same.ts"]));
  });

  it("any ref form: a commit, HEAD~1, HEAD (only uncommitted changes)", async () => {
    const dir = repo();
    const base = git(dir, "merge-base", "main", "HEAD").trim();
    const [byCommit, headParent, head] = await Promise.all([base, "HEAD~1", "HEAD"].map((ref) => json(dir, ["--changed-since", ref])));
    const [, byBranch] = await reference();
    expect(byCommit!.doc.findings).toEqual(byBranch.doc.findings);
    // HEAD~1 is the merge base here too (one commit on the branch).
    expect(filesOf(headParent!.doc)).toEqual(CHANGED);
    // Only changes since HEAD: the uncommitted ones.
    expect(filesOf(head!.doc)).toEqual(["b.py", "staged.ts", "sub/fresh/u.md", "untracked.ts"]);
  });

  it("options and start paths apply as in a full run; from a subfolder", async () => {
    const dir = repo();

    const inner = path.join(dir, "sub");
    // Read-only runs of one repository: side by side.
    const [sub, subFull, noPy, inSub, inSubFull, above] = await Promise.all([
      json(dir, ["--changed-since", "main", "sub"]),
      json(dir, ["sub"]),
      json(dir, ["--changed-since", "main", "--exclude", "*.py", "--include", "**/*.ts"]),
      json(inner, ["--changed-since", "main"]),
      json(inner, []),
      json(inner, ["--changed-since", "main", ".."]),
    ]);
    expect(filesOf(sub.doc)).toEqual(["sub/fresh/u.md", "sub/new-name.ts", "sub/new.py"]);
    expect(sub.doc.findings).toEqual(subFull.doc.findings.filter((f) => CHANGED.includes(f.file)));

    expect(filesOf(noPy.doc)).toEqual(["a.ts", "staged.ts", "sub/new-name.ts", "untracked.ts", "vendor/tracked.ts"]);

    expect(filesOf(inSub.doc)).toEqual(["fresh/u.md", "new-name.ts", "new.py"]);
    expect(inSub.doc.findings).toEqual(inSubFull.doc.findings.filter((f) => ["fresh/u.md", "new-name.ts", "new.py"].includes(f.file)));
    // A start path above the subfolder reaches the rest of the repository again.
    expect(filesOf(above.doc)).toEqual(CHANGED.map((f) => `../${f}`));
  });

  it("a dry run shows the diffs of the changed files only", async () => {
    const dir = repo();
    const r = await cli(["--changed-since", "main", "--no-color"], { cwd: dir });
    expect(r.stderr).toBe("");
    const diffed = [...r.stdout.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1]).sort();
    expect(diffed.length).toBeGreaterThan(0);
    for (const f of diffed) expect(CHANGED).toContain(f);
    expect(r.stdout).not.toContain("sub/d.ts");
  });

  it("the results cache keeps the entries of files the run did not cover", async () => {
    const dir = repo();
    const cache = tempPath("cache.json");
    const full = await json(dir, ["--cache-location", cache]);
    const entries = () => Object.keys((JSON.parse(fs.readFileSync(cache, "utf8").split("\n")[0]!) as { entries: object }).entries).sort();
    const before = entries();
    expect(before).toContain("sub/d.ts");
    const part = await json(dir, ["--changed-since", "main", "--cache-location", cache]);
    expect(part.doc.findings).toEqual(full.doc.findings.filter((f) => CHANGED.includes(f.file)));
    expect(entries()).toEqual(before);
  });

  it("a git without `diff --merge-base` (before 2.30): the same files, from the merge base's commit", async () => {
    const dir = repo();
    // A git that refuses --merge-base as an unknown option, as git 2.29 and older do.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-oldgit-"));
    const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    fs.writeFileSync(
      path.join(bin, "git"),
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = "--merge-base" ] && { echo refused >> "${path.join(bin, "log")}"; echo "error: unknown option \\\`merge-base'" >&2; exit 129; }; done\nexec "${real}" "$@"\n`,
      { mode: 0o755 },
    );
    try {
      const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}` };
      const [, current] = await reference();
      const [old, sub, bad] = await Promise.all([
        cli(["check", "--format", "json", "--changed-since", "main"], { cwd: dir, env }),
        cli(["check", "--format", "json", "--changed-since", "main"], { cwd: path.join(dir, "sub"), env }),
        cli(["check", "--changed-since", "no-such-branch"], { cwd: dir, env }),
      ]);
      expect(old.stderr).toBe("");
      expect(JSON.parse(old.stdout).findings).toEqual(current.doc.findings);
      expect(filesOf(JSON.parse(old.stdout) as Doc)).toEqual(CHANGED);
      expect(filesOf(JSON.parse(sub.stdout) as Doc)).toEqual(["fresh/u.md", "new-name.ts", "new.py"]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/unknown git ref "no-such-branch"/);
      // The wrapper was the git that ran.
      expect(fs.readFileSync(path.join(bin, "log"), "utf8")).toMatch(/refused/);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it("git's listings start before the CLI loads and the run takes them: one set of git starts, the same findings", async () => {
    const dir = repo();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-loggit-"));
    const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    const log = path.join(bin, "log");
    fs.writeFileSync(path.join(bin, "git"), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${real}" "$@"\n`, { mode: 0o755 });
    try {
      const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}` };
      const runs: { doc: Doc; starts: string[] }[] = [];
      // One after the other: both runs log to the same file.
      for (const extra of [{}, { DEEPSEEK_MIGRATE_EARLY_RG: "0" }]) {
        fs.rmSync(log, { force: true });
        const r = await cli(["check", "--format", "json", "--changed-since", "main"], { cwd: dir, env: { ...env, ...extra } });
        runs.push({ doc: JSON.parse(r.stdout) as Doc, starts: fs.readFileSync(log, "utf8").trim().split("\n").sort() });
      }
      const [early, late] = runs as [(typeof runs)[0], (typeof runs)[0]];
      expect(early.doc.findings).toEqual(late.doc.findings);
      expect(filesOf(early.doc)).toEqual(CHANGED);
      // The same listings, each started once (the run took the early ones instead of starting its own).
      expect(early.starts).toEqual(late.starts);
      expect(early.starts.filter((a) => a.includes("rev-parse --show-cdup"))).toHaveLength(1);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it("an unknown ref, or no git repository: exit 2", async () => {
    const dir = repo();
    const bad = await cli(["check", "--changed-since", "no-such-branch"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown git ref "no-such-branch"/);
    expect((await cli(["check", "--changed-since", "--format"], { cwd: dir })).code).toBe(2);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-nogit-"));
    try {
      fs.writeFileSync(path.join(plain, "a.ts"), TS("deepseek-chat"));
      const none = await cli(["check", "--changed-since", "main"], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/--changed-since needs a git repository/);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });
});

// The CI integrations, run as their hosts run them: npx is a stand-in that runs this checkout's CLI.
describe.concurrent("CI integrations with --changed-since", () => {
  const shims = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-shims-"));
  fs.writeFileSync(
    path.join(shims, "npx"),
    `#!/bin/sh
printf '%s\\n' "$*" >> "$NPX_LOG"
[ "$1" = "--yes" ] && shift
if [ "$1" = "--package" ]; then shift 2; [ "$1" = "--" ] && shift; fi
shift
exec "$DSM_NODE" "$DSM_BIN" "$@"
`,
    { mode: 0o755 },
  );
  afterAll(() => fs.rmSync(shims, { recursive: true, force: true }));
  let logs = 0;
  const sh = async (script: string, cwd: string, env: Record<string, string>) => {
    // A log per run: the tests run side by side.
    const npxLog = path.join(shims, `npx-${++logs}.log`);
    fs.writeFileSync(npxLog, "");
    const child = spawn("bash", ["-c", script], {
      cwd,
      env: { ...process.env, ...GIT_ENV, PATH: `${shims}${path.delimiter}${process.env.PATH}`, NPX_LOG: npxLog, DSM_NODE: process.execPath, DSM_BIN: BIN, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { code, stdout, stderr, npx: fs.readFileSync(npxLog, "utf8").trim() };
  };
  const readYaml = (rel: string) => YAML.parse(fs.readFileSync(path.join(ROOT, rel), "utf8"));
  /** repo() with an `origin` remote (itself) that has main, as a CI clone has. */
  const ciRepo = () => {
    const dir = repo();
    git(dir, "remote", "add", "origin", dir);
    git(dir, "fetch", "-q", "origin", "main");
    return dir;
  };

  it("the pull-request workflow: the action's changed-since input, a full-history checkout", async () => {
    const wf = readYaml("examples/github-actions/pull-request-gate.yml");
    const action = readYaml("action.yml");
    const steps = wf.jobs["changed-files"].steps as { uses?: string; with?: Record<string, string | number> }[];
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout"))!.with!["fetch-depth"]).toBe(0);
    const gate = steps.find((s) => s.uses?.includes("/deepseek-migrate@"))!;
    for (const k of Object.keys(gate.with!)) expect(action.inputs[k], `input ${k}`).toBeDefined();
    expect(gate.with!["changed-since"]).toBe("origin/${{ github.base_ref }}");

    const step = action.runs.steps.find((s: { id?: string }) => s.id === "check");
    expect(step.env.DSM_CHANGED_SINCE).toBe("${{ inputs.changed-since }}");
    const dir = ciRepo();
    const env = { DSM_PATHS: ".", DSM_FORMAT: "github", DSM_OUTPUT: "", DSM_BASELINE: "", DSM_FAIL_ON_FINDINGS: "true", DSM_REASONER_TARGET: "", DSM_ARGS: "", DSM_VERSION: "0.1" };
    const [r, all] = await Promise.all([sh(step.run, dir, { ...env, DSM_CHANGED_SINCE: "origin/main" }), sh(step.run, dir, { ...env, DSM_CHANGED_SINCE: "" })]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.npx).toBe("--yes --package deepseek-migrate@0.1 -- deepseek-migrate check --format github --changed-since origin/main -- .");
    const annotated = [...new Set([...r.stdout.matchAll(/^::error file=([^,]+),/gm)].map((m) => m[1]))].sort();
    expect(annotated).toEqual(CHANGED);
    // Without the input: every file, as before.
    expect(all.npx).not.toContain("--changed-since");
    expect(all.stdout).toMatch(/^::error file=sub\/d\.ts,/m);
  });

  it("the GitLab merge-request job: the merge request's diff base, a Code Quality report of the changed files", async () => {
    const ci = readYaml("examples/gitlab-ci/merge-request-gate.yml");
    const job = ci["deepseek-migrate-changed"];
    expect(job.variables.GIT_DEPTH).toBe("0");
    expect(job.artifacts.reports.codequality).toBe("gl-code-quality-report.json");
    const dir = ciRepo();
    const r = await sh(job.script.join("\n"), dir, {
      DEEPSEEK_MIGRATE: job.variables.DEEPSEEK_MIGRATE,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
      CI_MERGE_REQUEST_DIFF_BASE_SHA: git(dir, "merge-base", "origin/main", "HEAD").trim(),
    });
    expect(r.code, r.stderr).toBe(1);
    const cq = JSON.parse(fs.readFileSync(path.join(dir, "gl-code-quality-report.json"), "utf8")) as { location: { path: string } }[];
    expect([...new Set(cq.map((i) => i.location.path))].sort()).toEqual(CHANGED);
  });
});
