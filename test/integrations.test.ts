/**
 * The CI and campaign integrations, run the way their hosts run them, locally and without network:
 * the composite GitHub Action's step, the pre-commit hooks, the GitLab job, the GitHub Actions
 * workflows (organisation matrix + merge-reports, monorepo shards) and the multi-gitter scripts.
 *
 * Their shell is executed as written. `npx` is replaced by a stand-in on PATH that logs its
 * arguments and runs this checkout's CLI (the real npx path, with the packed tarball, is covered
 * by test/pack.test.ts), and `multi-gitter` by a stand-in that does what multi-gitter does per
 * repository: run the script in the clone with REPOSITORY set.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { BIN, cliAsync } from "./helpers/cli.js";
import { ROOT } from "./helpers/fixtures.js";

const NOW = "2026-11-28T12:00:00Z";
/** Temp folders this file makes itself (removed at the end). */
const made: string[] = [];
function tmp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
let shims: string;

beforeAll(() => {
  shims = tmp("dsm-shims-");
  fs.writeFileSync(
    path.join(shims, "npx"),
    `#!/bin/sh
# Stand-in for npx: npx --yes [--package SPEC --] SPEC|BIN ARGS...  →  this checkout's CLI.
printf '%s\\n' "$*" >> "$NPX_LOG"
[ "$1" = "--yes" ] && shift
if [ "$1" = "--package" ]; then shift 2; [ "$1" = "--" ] && shift; fi
shift
exec "$DSM_NODE" "$DSM_BIN" "$@"
`,
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(shims, "multi-gitter"),
    `#!/usr/bin/env bash
# Stand-in for multi-gitter run SCRIPT [flags]: logs the flags, then for each clone in
# FAKE_CLONES (name=path;...) runs SCRIPT there with REPOSITORY=name, as multi-gitter does.
printf '%s\\0' "$@" > "$MG_LOG"
[ "$1" = "run" ] || exit 3
script="$2"
IFS=';' read -r -a clones <<< "$FAKE_CLONES"
for c in "\${clones[@]}"; do
  (cd "\${c#*=}" && REPOSITORY="\${c%%=*}" "$script") || echo "skipped \${c%%=*}" >> "$MG_LOG.skipped"
done
`,
    { mode: 0o755 },
  );
});

interface Sh {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The npx stand-in's log of this run: one line of arguments per call. */
  npx: string;
}

let runs = 0;
/**
 * Run shell code as a CI host would: bash, in cwd, with env, our stand-ins first on PATH. Without
 * blocking the test's thread, so independent jobs run side by side; each run has its own npx log.
 */
async function sh(script: string, cwd: string, env: Record<string, string | undefined> = {}): Promise<Sh> {
  const npxLog = path.join(shims, `npx-${++runs}.log`);
  fs.writeFileSync(npxLog, "");
  const full: Record<string, string | undefined> = {
    ...process.env,
    PATH: `${shims}${path.delimiter}${process.env.PATH}`,
    NPX_LOG: npxLog,
    DSM_NODE: process.execPath,
    DSM_BIN: BIN,
    DEEPSEEK_MIGRATE_NOW: NOW,
    GITHUB_STEP_SUMMARY: undefined,
    GITHUB_OUTPUT: undefined,
    ...env,
  };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const child = spawn("bash", ["-c", script], { cwd, env: full as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr, npx: fs.readFileSync(npxLog, "utf8") };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    encoding: "utf8",
  });
}

/** A git repository with these files committed, in a private parent folder (scripts write to ../). */
function repo(files: Record<string, string>): string {
  const dir = path.join(tmp("dsm-repo-"), "repo");
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  git(dir, "init", "-q");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "init");
  return dir;
}

const readYaml = (rel: string) => YAML.parse(fs.readFileSync(path.join(ROOT, rel), "utf8"));
const legacyFiles = {
  "config.yaml": "llm:\n  model: deepseek-chat\n",
  "src/app.ts": 'export const cfg = { model: "deepseek-reasoner" };\n',
  "legacy/old.md": "Uses deepseek-chat.\n",
  "README.md": "# demo\n",
};

// Each test makes its own repositories and workspaces: they run side by side.
describe.concurrent("GitHub Action (action.yml)", () => {
  const action = readYaml("action.yml");
  const step = action.runs.steps.find((s: { id?: string }) => s.id === "check");
  const inputs = (over: Record<string, string>) => ({
    DSM_PATHS: ".",
    DSM_FORMAT: "github",
    DSM_OUTPUT: "",
    DSM_BASELINE: "",
    DSM_FAIL_ON_FINDINGS: "true",
    DSM_REASONER_TARGET: "",
    DSM_ARGS: "",
    DSM_VERSION: "latest",
    ...over,
  });

  it("is a composite action whose inputs reach the script only through the environment", async () => {
    expect(action.runs.using).toBe("composite");
    for (const k of ["paths", "format", "output", "baseline", "fail-on-findings", "reasoner-target", "args", "version", "working-directory", "node-version"]) {
      expect(action.inputs[k], k).toBeDefined();
    }
    expect(action.inputs.format.default).toBe("github");
    expect(step.shell).toBe("bash");
    expect(step.run).not.toContain("${{");
    for (const [k, v] of Object.entries(step.env as Record<string, string>)) expect(v, k).toMatch(/^\$\{\{ inputs\.[a-z-]+ \}\}$/);
    expect(action.outputs["exit-code"].value).toBe("${{ steps.check.outputs.exit-code }}");
    expect(action.runs.steps[0].uses).toMatch(/^actions\/setup-node@/);
  });

  it("check with --format github: an annotation per finding, exit 1, the exit code as output", async () => {
    const dir = repo(legacyFiles);
    const out = path.join(dir, "..", `gh-out-${path.basename(dir)}`);
    const r = await sh(step.run, dir, { ...inputs({ DSM_VERSION: "0.1" }), GITHUB_OUTPUT: out });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error file=config\.yaml,line=2,/m);
    expect(r.stdout).toMatch(/^::error file=src\/app\.ts,line=1,/m);
    expect(fs.readFileSync(out, "utf8")).toBe("exit-code=1\n");
    expect(r.npx.trim()).toBe("--yes --package deepseek-migrate@0.1 -- deepseek-migrate check --format github -- .");
  });

  it("fail-on-findings false, paths, args, reasoner-target, output and sarif", async () => {
    const dir = repo(legacyFiles);
    // Two runs that write nothing, side by side.
    const [reportOnly, some] = await Promise.all([
      sh(step.run, dir, inputs({ DSM_FAIL_ON_FINDINGS: "false" })),
      // Paths on separate lines, extra arguments (a glob, passed to the CLI unexpanded: a shell would
      // turn it into README.md, and legacy/old.md would then be reported). legacy/ holds only .md
      // files: excluded, it matches no file, which is allowed here.
      sh(step.run, dir, inputs({ DSM_PATHS: "src\nlegacy config.yaml", DSM_ARGS: "--exclude *.md --no-error-on-unmatched-pattern", DSM_FORMAT: "json", DSM_REASONER_TARGET: "pro" })),
    ]);
    expect(reportOnly.code).toBe(0);
    expect(reportOnly.stdout).toContain("::error");

    expect(some.code).toBe(1);
    const report = JSON.parse(some.stdout);
    expect(report.findings.map((f: { file: string }) => f.file).sort()).toEqual(["config.yaml", "src/app.ts"]);
    expect(report.findings.find((f: { file: string }) => f.file === "src/app.ts").replacement).toBe("deepseek-v4-pro");

    const sarif = await sh(step.run, dir, inputs({ DSM_FORMAT: "sarif", DSM_OUTPUT: "deepseek-migrate.sarif", DSM_FAIL_ON_FINDINGS: "false" }));
    expect(sarif.code).toBe(0);
    expect(sarif.stdout).toBe("");
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "deepseek-migrate.sarif"), "utf8"));
    expect(doc.version).toBe("2.1.0");
    expect(doc.runs[0].results.length).toBe(3);
  });

  it("baseline: findings already in an earlier JSON report do not fail the job", async () => {
    const dir = repo(legacyFiles);
    const base = await sh(step.run, dir, inputs({ DSM_FORMAT: "json", DSM_OUTPUT: "../baseline.json", DSM_FAIL_ON_FINDINGS: "false" }));
    expect(base.code).toBe(0);
    const baseline = path.join(dir, "..", "baseline.json");
    expect((await sh(step.run, dir, inputs({ DSM_BASELINE: baseline }))).code).toBe(0);
    fs.appendFileSync(path.join(dir, "src/app.ts"), 'export const other = { model: "deepseek-chat" };\n');
    const r = await sh(step.run, dir, inputs({ DSM_BASELINE: baseline }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=src\/app\.ts,line=2,/m);
  });

  it("a clean tree passes; inputs cannot inject shell code", async () => {
    const clean = repo({ "a.ts": "export const a = 1;\n" });
    expect((await sh(step.run, clean, inputs({}))).code).toBe(0);
    const evil = await sh(step.run, clean, inputs({ DSM_PATHS: "$(touch pwned1) `touch pwned2`", DSM_ARGS: "; touch pwned3" }));
    expect(evil.code).toBe(2);
    for (const f of ["pwned1", "pwned2", "pwned3"]) expect(fs.existsSync(path.join(clean, f))).toBe(false);
  });
});

describe.concurrent("pre-commit hooks (.pre-commit-hooks.yaml)", () => {
  const hooks = readYaml(".pre-commit-hooks.yaml") as { id: string; entry: string; language: string; pass_filenames: boolean; types: string[] }[];
  const staged = (dir: string) => git(dir, "diff", "--cached", "--name-only", "--diff-filter=ACMR").split("\n").filter(Boolean);
  /** What pre-commit runs: the entry, then the staged file names (from the repository root). */
  const hook = (id: string, dir: string) => {
    const h = hooks.find((x) => x.id === id)!;
    const [cmd, ...args] = h.entry.split(" ");
    expect(cmd).toBe("deepseek-migrate");
    return cliAsync([...args, ...staged(dir)], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: NOW } });
  };

  it("declares node hooks that take the staged file names", async () => {
    expect(hooks.map((h) => h.id)).toEqual(["deepseek-migrate", "deepseek-migrate-fix"]);
    for (const h of hooks) {
      expect(h.language).toBe("node");
      expect(h.pass_filenames).toBe(true);
      expect(h.types).toEqual(["text"]);
    }
    expect(hooks[0].entry).toBe("deepseek-migrate check");
  });

  it("check fails on a staged legacy ID and looks at staged files only", async () => {
    const dir = repo({ "README.md": "# demo\n", "notes.txt": "old: deepseek-chat\n" });
    fs.writeFileSync(path.join(dir, "config.yaml"), "llm:\n  model: deepseek-chat\n");
    fs.writeFileSync(path.join(dir, "README.md"), "# demo\nchanged\n");
    git(dir, "add", "config.yaml", "README.md");
    const r = await hook("deepseek-migrate", dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("config.yaml");
    expect(r.stdout).not.toContain("notes.txt"); // committed long ago, not staged: not this commit's business

    git(dir, "rm", "-q", "--cached", "config.yaml");
    expect((await hook("deepseek-migrate", dir)).code).toBe(0);
  });

  it("the fix hook applies the safe fixes to staged files, even though they differ from HEAD", async () => {
    const dir = repo({ "README.md": "# demo\n" });
    fs.writeFileSync(path.join(dir, "config.yaml"), "llm:\n  model: deepseek-chat\n");
    fs.writeFileSync(path.join(dir, "other.yaml"), "model: deepseek-chat\n"); // not staged
    git(dir, "add", "config.yaml");
    const r = await hook("deepseek-migrate-fix", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, "config.yaml"), "utf8")).toBe("llm:\n  model: deepseek-v4-flash\n");
    expect(fs.readFileSync(path.join(dir, "other.yaml"), "utf8")).toBe("model: deepseek-chat\n");
  });
});

describe.concurrent("GitLab CI example", () => {
  it("fails the job and writes a Code Quality report the merge request widget reads", async () => {
    const ci = readYaml("examples/gitlab-ci/.gitlab-ci.yml");
    const job = ci["deepseek-migrate"];
    expect(job.artifacts.reports.codequality).toBe("gl-code-quality-report.json");
    expect(job.artifacts.when).toBe("always");
    const dir = repo(legacyFiles);
    const clean = repo({ "a.ts": "export {};\n" });
    const [r, cleanRun] = await Promise.all([sh(job.script.join("\n"), dir, { DEEPSEEK_MIGRATE: job.variables.DEEPSEEK_MIGRATE }), sh(job.script.join("\n"), clean, { DEEPSEEK_MIGRATE: "deepseek-migrate@0.1" })]);
    expect(r.code).toBe(1);
    const cq = JSON.parse(fs.readFileSync(path.join(dir, "gl-code-quality-report.json"), "utf8"));
    expect(Array.isArray(cq)).toBe(true);
    expect(cq.length).toBe(3);
    for (const issue of cq) {
      expect(typeof issue.description).toBe("string");
      expect(typeof issue.fingerprint).toBe("string");
      expect(typeof issue.location.path).toBe("string");
      expect(typeof issue.location.lines.begin).toBe("number");
    }
    expect(cleanRun.code).toBe(0);
  });
});

describe.concurrent("GitHub Actions examples", () => {
  const stepNamed = (job: { steps: { name?: string; run?: string }[] }, re: RegExp) => job.steps.find((s) => s.name && re.test(s.name) && s.run)!;

  it("organisation audit: a matrix job per repository writes a JSON report; the audit job merges them", async () => {
    const wf = readYaml("examples/github-actions/campaign-audit.yml");
    expect(wf.jobs.scan.strategy.matrix.repo).toBe("${{ fromJSON(needs.repos.outputs.list) }}");
    const upload = wf.jobs.scan.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/upload-artifact"));
    const download = wf.jobs.audit.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/download-artifact"));
    expect(upload.with.name).toBe("report-${{ matrix.repo }}");
    expect(download.with.pattern).toBe("report-*");
    expect(download.with["merge-multiple"]).toBe(true);

    const scan = stepNamed(wf.jobs.scan, /^Scan/);
    const repos: Record<string, Record<string, string>> = {
      "payments-api": legacyFiles,
      "web-frontend": { "index.ts": "export {};\n" },
      "ml-pipelines": { "train.yaml": "model: deepseek-reasoner\n" },
    };
    const artifacts = tmp("dsm-artifacts-");
    // The matrix jobs run side by side, as on a CI host.
    await Promise.all(
      Object.entries(repos).map(async ([name, files]) => {
        // One runner workspace per matrix job: the checkout in repo/, reports/ next to it.
        const ws = tmp("dsm-ws-");
        fs.cpSync(repo(files), path.join(ws, "repo"), { recursive: true });
        const r = await sh(scan.run!, path.join(ws, scan["working-directory" as keyof typeof scan] as string), { ...wf.env, REPO: name });
        expect(r.code, r.stderr).toBe(0);
        fs.copyFileSync(path.join(ws, "reports", `${name}.json`), path.join(artifacts, `${name}.json`));
      }),
    );
    // The audit job's workspace after download-artifact (merge-multiple) into reports/.
    const ws = tmp("dsm-ws-");
    fs.cpSync(artifacts, path.join(ws, "reports"), { recursive: true });
    const summary = path.join(ws, "summary.md");
    const merge = stepNamed(wf.jobs.audit, /^Merge/);
    const r = await sh(merge.run!, ws, { ...wf.env, GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stderr).toBe(0);
    const md = fs.readFileSync(path.join(ws, "audit.md"), "utf8");
    expect(fs.readFileSync(summary, "utf8")).toBe(md);
    expect(md).toContain("# deepseek-migrate audit report: 3 repositories");
    expect(md).toContain("2 of 3 repositories need attention; 1 is clean.");
    expect(md).toContain("## `payments-api`");
    expect(md).toContain("## `ml-pipelines`");
    const json = JSON.parse(fs.readFileSync(path.join(ws, "audit.json"), "utf8"));
    expect(json.findings.map((f: { file: string }) => f.file).sort()).toEqual([
      "ml-pipelines/train.yaml",
      "payments-api/config.yaml",
      "payments-api/legacy/old.md",
      "payments-api/src/app.ts",
    ]);
  });

  it("monorepo shards: 4 jobs with --shard K/4, merged --flat, give the unsharded verdict", async () => {
    const wf = readYaml("examples/github-actions/monorepo-shards.yml");
    expect(wf.jobs.check.strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    const check = stepNamed(wf.jobs.check, /^Check one shard/);
    const verdict = stepNamed(wf.jobs.verdict, /^Merge/);
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`pkg${i % 4}/m${i}.yaml`] = i % 3 ? `model: deepseek-${i % 2 ? "chat" : "reasoner"}\n` : "x: 1\n";
    const mono = repo(files);

    const runShards = async (tree: string) => {
      const ws = tmp("dsm-verdict-");
      // The matrix jobs run side by side, as on a CI host.
      await Promise.all(
        (wf.jobs.check.strategy.matrix.shard as number[]).map(async (shard) => {
          const job = path.join(tmp("dsm-job-"), "repo"); // each matrix job checks out the whole tree
          fs.cpSync(tree, job, { recursive: true });
          const r = await sh(check.run!, job, { ...wf.env, SHARD: String(shard), SHARDS: String(check.env!.SHARDS ?? 4) });
          expect(r.code, r.stderr).toBe(0);
          fs.copyFileSync(path.join(job, `shard-${shard}.json`), path.join(ws, `shard-${shard}.json`));
        }),
      );
      return { ws, r: await sh(verdict.run!, ws, { ...wf.env, GITHUB_STEP_SUMMARY: path.join(ws, "summary.md") }) };
    };

    const [{ ws, r }, wholeRun, clean] = await Promise.all([
      runShards(mono),
      cliAsync(["check", "--format", "json", "--exit-zero"], { cwd: mono, env: { DEEPSEEK_MIGRATE_NOW: NOW } }),
      runShards(repo({ "a.yaml": "x: 1\n", "b.ts": "export {};\n" })),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=deepseek-migrate::26 finding\(s\)/m);
    const merged = JSON.parse(fs.readFileSync(path.join(ws, "merged.json"), "utf8"));
    expect(wholeRun.code, wholeRun.stderr).toBe(0);
    const whole = JSON.parse(wholeRun.stdout);
    expect(merged.findings).toEqual(whole.findings);
    expect(merged.summary).toEqual(whole.summary);

    expect(clean.r.code).toBe(0);
  });

  it("the single-repository workflow uses the action, with an optional SARIF upload", async () => {
    const wf = readYaml("examples/github-actions/deepseek-migrate.yml");
    const steps = wf.jobs.check.steps as { uses?: string; with?: Record<string, string> }[];
    const sarifStep = steps.find((s) => s.with?.format === "sarif")!;
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    expect(upload.with!.sarif_file).toBe(sarifStep.with!.output);
    expect(wf.permissions["security-events"]).toBe("write");
    const action = readYaml("action.yml");
    for (const s of steps.filter((x) => x.uses?.includes("/deepseek-migrate@"))) {
      for (const k of Object.keys(s.with ?? {})) expect(action.inputs[k], `input ${k}`).toBeDefined();
    }
  });
});

describe.concurrent("multi-gitter campaign (examples/multi-gitter)", () => {
  const script = path.join(ROOT, "examples", "multi-gitter", "migrate.sh");
  const campaign = path.join(ROOT, "examples", "multi-gitter", "campaign.sh");

  it("migrate.sh: a repository with legacy IDs gets commit-ready changes, a clean one none; reports stay outside", async () => {
    expect(fs.statSync(script).mode & 0o111).not.toBe(0);
    const reports = tmp("dsm-reports-");
    const a = repo(legacyFiles);
    const b = repo({ "index.ts": "export {};\n" });
    await Promise.all(
      [["acme/payments-api", a], ["acme/web", b]].map(async ([name, dir]) => {
        const r = await sh(script, dir!, { REPOSITORY: name, REPORT_DIR: reports });
        expect(r.code, r.stderr).toBe(0); // exit 0: multi-gitter commits whatever changed
      }),
    );
    // What multi-gitter then sees: changes only where a pull request is due.
    expect(git(a, "status", "--porcelain").split("\n").filter(Boolean).sort()).toEqual([" M config.yaml", " M src/app.ts"]);
    expect(git(b, "status", "--porcelain")).toBe("");
    expect(fs.readFileSync(path.join(a, "config.yaml"), "utf8")).toBe("llm:\n  model: deepseek-v4-flash\n");
    expect(fs.readFileSync(path.join(a, "legacy/old.md"), "utf8")).toBe("Uses deepseek-chat.\n"); // unsafe: left for review
    // One report per repository, named owner__name, outside the clones.
    expect(fs.readdirSync(reports).sort()).toEqual(["acme__payments-api.json", "acme__web.json"]);
    const report = JSON.parse(fs.readFileSync(path.join(reports, "acme__payments-api.json"), "utf8"));
    expect(report.findings.find((f: { file: string }) => f.file === "legacy/old.md").fix).toBe("unsafe");
  });

  it("campaign.sh: runs multi-gitter with the script and PR texts, then merges the reports into one audit", async () => {
    const a = repo(legacyFiles);
    const b = repo({ "index.ts": "export {};\n" });
    const cwd = tmp("dsm-campaign-");
    const mgLog = path.join(cwd, "mg.args");
    const r = await sh(`"${campaign}" acme --dry-run`, cwd, { MG_LOG: mgLog, FAKE_CLONES: `acme/payments-api=${a};acme/web=${b}` });
    expect(r.code, r.stderr).toBe(0);
    const args = fs.readFileSync(mgLog, "utf8").split("\0").filter(Boolean);
    expect(args.slice(0, 2)).toEqual(["run", script]);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag("--org")).toBe("acme");
    expect(flag("--branch")).toBe("deepseek-v4-migration");
    expect(flag("--pr-title")).toMatch(/DeepSeek V4/);
    expect(flag("--pr-body")).toContain("deepseek-migrate");
    expect(flag("--commit-message")).toBeTruthy();
    expect(args).toContain("--dry-run"); // extra arguments reach multi-gitter
    expect(fs.existsSync(`${mgLog}.skipped`)).toBe(false);
    expect(git(a, "status", "--porcelain")).not.toBe("");
    const audit = fs.readFileSync(path.join(cwd, "deepseek-migrate-audit.md"), "utf8");
    expect(audit).toContain("# deepseek-migrate audit report: 2 repositories");
    expect(audit).toContain("## `acme__payments-api`");
    expect(r.stdout).toContain("(2 repositories)");
  });
});
