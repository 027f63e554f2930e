/**
 * `reasoning_effort` and the project's `openai` version (python/sdk-version.ts): `create()` takes the
 * keyword from 1.58.0 on, and an older SDK raises `TypeError: create() got an unexpected keyword
 * argument 'reasoning_effort'`. Where the project's dependency files allow an older version, the flag
 * joins `thinking` in `extra_body`, which sends the same request body.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../src/index.js";
import { tempTree } from "./helpers/cli.js";
import { FIXTURE_NOW } from "./helpers/fixtures.js";

const APP = `from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")


def ask(q):
    return client.chat.completions.create(model="deepseek-reasoner", messages=[{"role": "user", "content": q}])
`;

const KEYWORD = `reasoning_effort="high", extra_body={"thinking": {"type": "enabled"}})`;
const IN_BODY = `extra_body={"thinking": {"type": "enabled"}, "reasoning_effort": "high"})`;

async function migrated(deps: Record<string, string>, file = "app/main.py"): Promise<string> {
  const cwd = tempTree({ [file]: APP, ...deps });
  await migrate({ cwd, config: false, now: FIXTURE_NOW });
  return fs.readFileSync(path.join(cwd, file), "utf8");
}

describe.concurrent("reasoning_effort in a Python SDK call, by the project's openai version", () => {
  it("a requirement or a lockfile that allows openai before 1.58: the flag goes into extra_body", async () => {
    const older: Record<string, string>[] = [
      { "requirements.txt": "fastapi==0.110.0\nopenai==1.40.0\n" },
      { "requirements.txt": "openai>=1.30,<2\n" },
      { "requirements.txt": "openai<1.50\n" },
      { "pyproject.toml": '[project]\nname = "x"\ndependencies = ["openai[datalib]~=1.35"]\n' },
      { "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nopenai = "^1.50"\n' },
      { "pyproject.toml": '[project]\ndependencies = ["openai>=1.60"]\n', "uv.lock": '[[package]]\nname = "openai"\nversion = "1.45.0"\n' },
    ];
    for (const deps of older) expect(await migrated(deps), JSON.stringify(deps)).toContain(IN_BODY);
  });

  it("control: openai 1.58 or later, a requirement without a version, or only another package's name keeps the keyword", async () => {
    const newer: Record<string, string>[] = [
      { "requirements.txt": "openai==1.58.0\n" },
      { "requirements.txt": "openai\n" },
      { "requirements.txt": "langchain-openai==0.1.0\nopenai-agents==0.0.3\n" },
      { "pyproject.toml": '[tool.poetry.dependencies]\nopenai = {version = "^1.60", extras = ["datalib"]}\n' },
      {},
    ];
    for (const deps of newer) expect(await migrated(deps), JSON.stringify(deps)).toContain(KEYWORD);
  });

  it("the nearest folder whose files name openai decides (a package without it defers to the root)", async () => {
    const out = await migrated({ "requirements.txt": "openai==1.40.0\n", "services/api/requirements.txt": "fastapi\n" }, "services/api/main.py");
    expect(out).toContain(IN_BODY);
    const own = await migrated({ "requirements.txt": "openai==1.40.0\n", "services/api/requirements.txt": "openai==1.60.0\n" }, "services/api/main.py");
    expect(own).toContain(KEYWORD);
  });
});
