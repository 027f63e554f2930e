/**
 * Long lines (docs/cli.md "Line width"): when the thinking flags would push a one-line call past the
 * project's configured width (ruff/black line-length, flake8 max-line-length, .editorconfig
 * max_line_length, prettier printWidth), the call is broken one item per line in the file's style.
 * Without a configured width, one-line calls stay one line.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, tempTree } from "./helpers/cli.js";

const PY_LONG = 'resp = client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": question}])\n';
const PY_HEAD = 'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\nquestion = "hi"\n';
const PY_BROKEN =
  "resp = client.chat.completions.create(\n" +
  '    model="deepseek-v4-flash",\n' +
  '    messages=[{"role": "user", "content": question}],\n' +
  '    extra_body={"thinking": {"type": "disabled"}},\n' +
  ")\n";
const PY_SHORT = 'r = client.chat.completions.create(model="deepseek-chat", messages=[])\n';
const PY_SHORT_FIXED = 'r = client.chat.completions.create(model="deepseek-v4-flash", messages=[], extra_body={"thinking": {"type": "disabled"}})\n';

async function write(files: Record<string, string>): Promise<(rel: string) => string> {
  const dir = tempTree({ ".git/HEAD": "ref: refs/heads/main\n", ...files });
  const r = await cliAsync(["--write", "--allow-dirty", "--no-color"], { cwd: dir });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return (rel) => fs.readFileSync(path.join(dir, rel), "utf8");
}

describe.concurrent("Python: a call that would exceed the configured width is broken across lines", () => {
  it("ruff's line-length in pyproject.toml (88): the long call is broken, one argument per line, trailing comma, 4-space step", async () => {
    const read = await write({ "pyproject.toml": "[tool.ruff]\nline-length = 88\n", "app.py": PY_HEAD + PY_LONG });
    expect(read("app.py")).toBe(PY_HEAD + PY_BROKEN);
  });

  it("a call that still fits stays on one line; the indentation of a nested call is kept", async () => {
    const body = PY_HEAD + "\n\ndef ask(question):\n    " + PY_LONG + PY_SHORT;
    const read = await write({ "ruff.toml": "line-length = 130\n", "app.py": body });
    expect(read("app.py")).toBe(
      PY_HEAD +
        "\n\ndef ask(question):\n    resp = client.chat.completions.create(\n" +
        '        model="deepseek-v4-flash",\n' +
        '        messages=[{"role": "user", "content": question}],\n' +
        '        extra_body={"thinking": {"type": "disabled"}},\n' +
        "    )\n" +
        PY_SHORT_FIXED,
    );
  });

  it("black's line-length, flake8's max-line-length in setup.cfg, .editorconfig's max_line_length", async () => {
    // The file's style: no trailing commas in its broken lists, tabs for indentation.
    const styled = PY_HEAD + "x = dict(\n\ta=1,\n\tb=2\n)\n" + PY_LONG;
    // Four projects, side by side.
    const [black, flake8, editorconfig, ruff] = await Promise.all([
      write({ "pyproject.toml": "[tool.black]\nline-length = 100\n", "app.py": PY_HEAD + PY_LONG }),
      write({ "setup.cfg": "[flake8]\nmax-line-length = 100\n", "app.py": PY_HEAD + PY_LONG }),
      write({ ".editorconfig": "root = true\n\n[*.py]\nmax_line_length = 100\n", "src/app.py": PY_HEAD + PY_LONG }),
      write({ "pyproject.toml": "[tool.ruff]\nline-length = 88\n", "app.py": styled }),
    ]);
    expect(black("app.py")).toBe(PY_HEAD + PY_BROKEN);
    expect(flake8("app.py")).toBe(PY_HEAD + PY_BROKEN);
    expect(editorconfig("src/app.py")).toBe(PY_HEAD + PY_BROKEN);
    expect(ruff("app.py")).toBe(
      PY_HEAD + "x = dict(\n\ta=1,\n\tb=2\n)\n" + PY_BROKEN.replace(/^ {4}/gm, "\t").replace('}},\n)', "}}\n)"),
    );
  });

  it("nothing configured: the one-line call stays one line", async () => {
    const read = await write({ "app.py": PY_HEAD + PY_LONG });
    const line = read("app.py").split("\n")[4]!;
    expect(line).toBe('resp = client.chat.completions.create(model="deepseek-v4-flash", messages=[{"role": "user", "content": question}], extra_body={"thinking": {"type": "disabled"}})');
    expect(line.length).toBeGreaterThan(150);
  });
});

describe.concurrent("TypeScript: an object literal that would exceed prettier's printWidth is broken across lines", () => {
  const TS_HEAD = 'import OpenAI from "openai";\n\nconst client = new OpenAI({ baseURL: "https://api.deepseek.com" });\n\nexport async function ask(question: string) {\n';
  const TS_LONG = '  const r = await client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: question }] });\n  return r;\n}\n';
  const TS_BROKEN = (comma: string) =>
    "  const r = await client.chat.completions.create({\n" +
    '    model: "deepseek-v4-flash",\n' +
    '    messages: [{ role: "user", content: question }],\n' +
    `    ...{ thinking: { type: "disabled" } }${comma}\n` +
    "  });\n  return r;\n}\n";

  it(".prettierrc printWidth 100: one property per line, prettier's default trailing comma", async () => {
    expect((await write({ ".prettierrc": '{ "printWidth": 100 }\n', "src/client.ts": TS_HEAD + TS_LONG }))("src/client.ts")).toBe(TS_HEAD + TS_BROKEN(","));
  });

  it('package.json "prettier" with trailingComma "none"; without a width the object stays on one line', async () => {
    const pkg = JSON.stringify({ name: "x", prettier: { printWidth: 80, trailingComma: "none" } });
    const [withPkg, without] = await Promise.all([write({ "package.json": pkg, "src/client.ts": TS_HEAD + TS_LONG }), write({ "src/client.ts": TS_HEAD + TS_LONG })]);
    expect(withPkg("src/client.ts")).toBe(TS_HEAD + TS_BROKEN(""));
    const plain = without("src/client.ts");
    expect(plain).toContain('create({ model: "deepseek-v4-flash", messages: [{ role: "user", content: question }], ...{ thinking: { type: "disabled" } } });');
  });
});

describe("the configured width is read by each run", () => {
  it("a second run in the same process sees an edited .editorconfig", async () => {
    const { scan } = await import("../src/index.js");
    const dir = tempTree({ ".git/HEAD": "ref: refs/heads/main\n", ".editorconfig": "root = true\n\n[*.py]\nmax_line_length = 100\n", "app.py": PY_HEAD + PY_LONG });
    const fixed = async () => (await scan({ cwd: dir, config: false, now: "2026-11-28T12:00:00Z" })).files.find((f) => f.file === "app.py")!.fixed;
    expect(await fixed()).toBe(PY_HEAD + PY_BROKEN);
    fs.writeFileSync(path.join(dir, ".editorconfig"), "root = true\n");
    expect(await fixed()).toBe(PY_HEAD + PY_SHORT_FIXED.replace("r = ", "resp = ").replace("messages=[]", 'messages=[{"role": "user", "content": question}]'));
  });
});
