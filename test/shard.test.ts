import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fnv1a32, parseShard, shardOf } from "../src/walk/shard.js";
import { cliAsync, tempTree } from "./helpers/cli.js";

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  [k: string]: unknown;
}
interface JsonReport {
  summary: Record<string, number | Record<string, number>>;
  findings: JsonFinding[];
  files: { file: string; diff: string }[];
  errors: { file: string; message: string }[];
  warnings: { file: string; message: string }[];
}

/** A deterministic tree: 240 files in nested folders, a third with legacy IDs in several positions. */
function generatedTree(): string {
  const files: Record<string, string> = {};
  const dirs = ["", "src/", "src/api/", "packages/a/src/", "packages/b/lib/", "docs/", "scripts/ünï/"];
  for (let i = 0; i < 240; i++) {
    const dir = dirs[i % dirs.length];
    switch (i % 6) {
      case 0:
        files[`${dir}client${i}.ts`] =
          `import OpenAI from "openai";\nconst client = new OpenAI();\nexport const r${i} = await client.chat.completions.create({\n  model: "deepseek-chat",\n  messages: [],\n});\n`;
        break;
      case 1:
        files[`${dir}const${i}.js`] = `export const PLANNER_MODEL = "deepseek-reasoner";\nif (m === "deepseek-chat") console.log(${i});\n`;
        break;
      case 2:
        files[`${dir}notes${i}.md`] = `# Notes ${i}\n\nWe call \`deepseek-chat\` here and deepseek-reasoner there.\n`;
        break;
      case 3:
        files[`${dir}plain${i}.txt`] = `nothing to see in file ${i}\n`;
        break;
      case 4:
        files[`${dir}decoy${i}.ts`] = `const deepseek_chat = "deepseek-chat-v3-0324"; // ${i}\n`;
        break;
      default:
        files[`${dir}Mixed File ${i}.tsx`] = `export const A${i} = () => <Chat model="deepseek-chat" />;\n`;
    }
  }
  const dir = tempTree(files);
  // A symbolic link is reported as a skipped entry (a warning): it must land in exactly one shard too.
  try {
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "linked-src"));
  } catch {
    /* platforms without symlinks: the rest of the test still holds */
  }
  return dir;
}

async function runJson(cwd: string, extra: string[]): Promise<JsonReport> {
  // The dry run (not `check`) with unsafe fixes shown, so the report carries diffs for most files.
  const r = await cliAsync([".", "--format", "json", "--unsafe-fixes", "--exit-zero", ...extra], { cwd });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonReport;
}

const key = (f: JsonFinding) => JSON.stringify(f);

describe("--shard K/N", () => {
  it("hashes with FNV-1a 32 (stable across machines and runs)", () => {
    // Reference values of the 32-bit FNV-1a hash.
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
    expect(shardOf("src/app.ts", 1)).toBe(1);
    for (const p of ["src/app.ts", "ünï/x.py", "a"]) {
      const s = shardOf(p, 7);
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(7);
      expect(shardOf(p, 7)).toBe(s);
    }
  });

  it("parses K/N and rejects anything else", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard(" 1 / 1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3/5", ""]) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it("splits a generated tree into disjoint shards whose union is the unsharded run", async () => {
    const dir = generatedTree();
    // Every run reads the same tree and writes nothing: all side by side (the second 2/3 and the
    // 1/1 run are checked at the end).
    const [full, again, whole, ...shards] = await Promise.all([[], ["--shard", "2/3"], ["--shard", "1/1"], ...[1, 2, 3].map((k) => ["--shard", `${k}/3`])].map((extra) => runJson(dir, extra)));
    expect(full.summary.files).toBeGreaterThanOrEqual(240);
    expect(full.findings.length).toBeGreaterThan(150);
    expect(full.files.length).toBeGreaterThan(30);


    // Every shard does real work (the hash spreads the files).
    for (const s of shards) {
      expect(s.summary.files).toBeGreaterThan(40);
      expect(s.findings.length).toBeGreaterThan(20);
    }

    // No overlap: a file is scanned by exactly one shard.
    const filesOf = (r: JsonReport) => new Set([...r.findings.map((f) => f.file), ...r.files.map((f) => f.file), ...r.warnings.map((w) => w.file)]);
    const seen = new Map<string, number>();
    shards.forEach((s, i) => {
      for (const f of filesOf(s)) {
        expect(seen.get(f), `${f} in shards ${seen.get(f)} and ${i + 1}`).toBeUndefined();
        seen.set(f, i + 1);
      }
    });

    // Union equals the unsharded run: findings (every field), diffs, warnings, errors and counts.
    const union = shards.flatMap((s) => s.findings).map(key).sort();
    expect(union).toEqual(full.findings.map(key).sort());
    expect(shards.flatMap((s) => s.files).map((f) => JSON.stringify(f)).sort()).toEqual(full.files.map((f) => JSON.stringify(f)).sort());
    expect(shards.flatMap((s) => s.warnings).map((w) => JSON.stringify(w)).sort()).toEqual(full.warnings.map((w) => JSON.stringify(w)).sort());
    expect(shards.flatMap((s) => s.errors)).toEqual(full.errors);
    for (const k of Object.keys(full.summary)) {
      const value = full.summary[k];
      if (typeof value === "number") {
        expect(shards.reduce((n, s) => n + (s.summary[k] as number), 0), `summary.${k}`).toBe(value);
      } else {
        // Counts by key (bySeverity, byCode): the shards' counts add up key by key.
        const sum: Record<string, number> = {};
        for (const s of shards)
          for (const [key, n] of Object.entries((s.summary[k] ?? {}) as Record<string, number>)) sum[key] = (sum[key] ?? 0) + n;
        for (const [key, n] of Object.entries(value as Record<string, number>)) expect(sum[key] ?? 0, `summary.${k}.${key}`).toBe(n);
      }
    }

    // Each shard is exactly the files the hash assigns to it, and the assignment is repeatable.
    shards.forEach((s, i) => {
      for (const f of s.findings) expect(shardOf(f.file, 3)).toBe(i + 1);
    });
    expect(again).toEqual(shards[1]);
    // 1/1 is the whole run.
    expect(whole).toEqual(full);
  });

  it("exits 2 with a clear message on a bad --shard", async () => {
    const dir = tempTree({ "a.ts": 'const model = "deepseek-chat";\n' });
    for (const r of await Promise.all(["0/3", "4/3", "two"].map((bad) => cliAsync(["check", "--shard", bad], { cwd: dir })))) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/invalid --shard/);
    }
  });
});
