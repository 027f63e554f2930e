/**
 * `reasoning_effort` and the project's `openai` version (typescript/sdk-version.ts): the package's
 * request types declare it from 4.77.0 on. A Next.js route seen in the wild pins `"openai":
 * "^4.54.0"` (locked at 4.57.1) and calls `deepseek.chat.completions.create({ model:
 * "deepseek-reasoner", … })`; written as a plain property, the flag fails `tsc` and `next build`
 * there (`'reasoning_effort' does not exist in type 'ChatCompletionCreateParamsNonStreaming'`), so it
 * goes into the object spread with `thinking`, which the excess-property check does not look into.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/index.js";
import { tempTree } from "./helpers/cli.js";
import { FIXTURE_NOW } from "./helpers/fixtures.js";

const ROUTE = `import OpenAI from "openai";

const deepseek = new OpenAI({ apiKey: process.env.DEEPSEEK_API_KEY, baseURL: "https://api.deepseek.com/v1" });

export async function answer(command: string) {
  return deepseek.chat.completions.create({
    model: "deepseek-reasoner",
    messages: [{ role: "user", content: command }],
  });
}
`;

async function migrated(pkg: Record<string, unknown> | undefined, file = "app/api/route.ts"): Promise<string> {
  const files: Record<string, string> = { [file]: ROUTE };
  if (pkg) files["package.json"] = JSON.stringify(pkg, null, 2);
  const cwd = tempTree(files);
  await migrate({ cwd, config: false, now: FIXTURE_NOW });
  return fs.readFileSync(path.join(cwd, file), "utf8");
}

describe.concurrent("reasoning_effort in a typed request, by the project's openai version", () => {
  it("openai before 4.77: both flags in the spread", async () => {
    const out = await migrated({ dependencies: { openai: "^4.54.0", next: "14.2.7" } });
    expect(out).toContain(`...{ thinking: { type: "enabled" }, reasoning_effort: "high" },`);
    expect(out).not.toMatch(/^\s*reasoning_effort:/m);
  });

  it("the nearest package.json that lists openai decides (a workspace package without it defers to the root)", async () => {
    const cwd = tempTree({
      "package.json": JSON.stringify({ devDependencies: { openai: "~4.57.1" } }),
      "packages/web/package.json": JSON.stringify({ dependencies: { next: "14.2.7" } }),
      "packages/web/route.ts": ROUTE,
    });
    await migrate({ cwd, config: false, now: FIXTURE_NOW });
    expect(fs.readFileSync(path.join(cwd, "packages/web/route.ts"), "utf8")).toContain(`reasoning_effort: "high" },`);
  });

  it("control: openai 4.77 or later keeps reasoning_effort a plain property (as before)", async () => {
    for (const range of ["^4.77.0", "^5.1.0", "6.x"]) {
      const out = await migrated({ dependencies: { openai: range } });
      expect(out, range).toMatch(/^\s*reasoning_effort: "high",?$/m);
      expect(out, range).toContain(`...{ thinking: { type: "enabled" } },`);
    }
  });

  it("each run reads package.json as it is then (the settings files are read once a run, shared with the line-width lookup)", async () => {
    const cwd = tempTree({ "package.json": JSON.stringify({ dependencies: { openai: "^4.54.0" } }), "route.ts": ROUTE });
    await migrate({ cwd, config: false, now: FIXTURE_NOW });
    expect(fs.readFileSync(path.join(cwd, "route.ts"), "utf8")).toContain(`reasoning_effort: "high" },`);
    fs.writeFileSync(path.join(cwd, "package.json"), JSON.stringify({ dependencies: { openai: "^4.80.0" } }));
    fs.writeFileSync(path.join(cwd, "route.ts"), ROUTE);
    await migrate({ cwd, config: false, now: FIXTURE_NOW });
    expect(fs.readFileSync(path.join(cwd, "route.ts"), "utf8")).toMatch(/^\s*reasoning_effort: "high",?$/m);
  });

  it("control: no package.json, or a range with no version, writes as before", async () => {
    for (const pkg of [undefined, { dependencies: { openai: "latest" } }]) {
      const out = await migrated(pkg);
      expect(out).toMatch(/^\s*reasoning_effort: "high",?$/m);
    }
  });
});
