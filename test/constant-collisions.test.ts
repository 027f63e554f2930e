/**
 * Named constants that the rename would make equal while the file tells them apart (docs/positions.md,
 * "constant told apart"): a Go catalogue declares `Chat ModelID = "deepseek-chat"` and
 * `Reasoner ModelID = "deepseek-reasoner"` and keys a map literal by both. Each constant alone is a
 * model value, but renamed together they hold one value, and the map literal no longer compiles
 * (`duplicate key in map literal`). Python dicts keep one entry, Java switches no longer compile.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, tempTree } from "./helpers/cli.js";
import { findingsOf } from "./helpers/groups.js";

const GO_CATALOGUE = `package catalog

type ModelID string

const (
\tChat     ModelID = "deepseek-chat"
\tReasoner ModelID = "deepseek-reasoner"
)

type Info struct {
\tWindow int
}

var Known = map[ModelID]Info{
\tChat:     {Window: 128000},
\tReasoner: {Window: 65536},
}
`;

const classes = async (files: Record<string, string>, file: string) => (await findingsOf(files, file)).map((f) => `${f.line}:${f.fix}:${f.position}`);

const hasGo = spawnSync("go", ["version"]).status === 0;

describe.concurrent("constants that the rename would make equal", () => {
  it("Go: two constants keying one map literal are not renamed by --write, and the package still builds", async () => {
    expect(await classes({ "catalog/models.go": GO_CATALOGUE }, "catalog/models.go")).toEqual([
      "6:unsafe:lexical/colliding-constant",
      "7:unsafe:lexical/colliding-constant",
    ]);
    const f = (await findingsOf({ "catalog/models.go": GO_CATALOGUE }, "catalog/models.go"))[0]!;
    expect(f.advice).toContain("Reasoner");
    if (!hasGo) return;
    const dir = tempTree({ "go.mod": "module example.com/catalog\n\ngo 1.19\n", "models.go": GO_CATALOGUE });
    expect(cli(["--write", "--exit-zero", "."], { cwd: dir }).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "models.go"), "utf8")).toBe(GO_CATALOGUE);
    const build = spawnSync("go", ["build", "./..."], { cwd: dir, encoding: "utf8", env: { ...process.env, GOCACHE: path.join(dir, ".gocache") } });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
  });

  it("Go: a legacy constant beside one that already holds the new ID, both case labels of one switch", async () => {
    const src = `package catalog\n\ntype ModelID string\n\nconst (\n\tFlash ModelID = "deepseek-v4-flash"\n\tChat  ModelID = "deepseek-chat"\n)\n\nfunc Window(m ModelID) int {\n\tswitch m {\n\tcase Flash:\n\t\treturn 1000000\n\tcase Chat:\n\t\treturn 128000\n\t}\n\treturn 0\n}\n`;
    const found = await findingsOf({ "catalog/w.go": src }, "catalog/w.go", "deepseek-chat");
    expect(found.map((f) => `${f.line}:${f.fix}:${f.position}`)).toEqual(["7:unsafe:lexical/colliding-constant"]);
  });

  it("Java: constants that are case labels of one switch", async () => {
    const src = `public class Limits {\n    public static final String CHAT_MODEL = "deepseek-chat";\n    public static final String REASONER_MODEL = "deepseek-reasoner";\n\n    static int window(String m) {\n        switch (m) {\n            case CHAT_MODEL: return 128000;\n            case REASONER_MODEL: return 65536;\n            default: return 0;\n        }\n    }\n}\n`;
    expect(await classes({ "src/Limits.java": src }, "src/Limits.java")).toEqual([
      "2:unsafe:lexical/colliding-constant",
      "3:unsafe:lexical/colliding-constant",
    ]);
  });

  it("Python: constants keying one dict, and constants compared with a variable", async () => {
    const dict = `CHAT_MODEL = "deepseek-chat"\nREASONER_MODEL = "deepseek-reasoner"\n\nWINDOWS = {\n    CHAT_MODEL: 128000,\n    REASONER_MODEL: 65536,\n}\n`;
    expect(await classes({ "app/limits.py": dict }, "app/limits.py")).toEqual([
      "1:unsafe:python/colliding-constant",
      "2:unsafe:python/colliding-constant",
    ]);
    const cmp = `FAST_MODEL = "deepseek-chat"\nDEEP_MODEL = "deepseek-reasoner"\n\n\ndef budget(model):\n    if model == DEEP_MODEL:\n        return 65536\n    return 8192\n`;
    expect(await classes({ "app/budget.py": cmp }, "app/budget.py")).toEqual([
      "1:unsafe:python/colliding-constant",
      "2:unsafe:python/colliding-constant",
    ]);
  });

  it("control: constants used only as values stay safe renames (Go, Python)", async () => {
    const go = `package catalog\n\nconst (\n\tChatModel     = "deepseek-chat"\n\tReasonerModel = "deepseek-reasoner"\n)\n\ntype Request struct {\n\tModel string\n}\n\nvar Default = Request{Model: ChatModel}\n`;
    expect(await classes({ "catalog/models.go": go }, "catalog/models.go")).toEqual([
      "4:safe:lexical/assignment-model",
      "5:safe:lexical/assignment-model",
    ]);
    const py = `CHAT_MODEL = "deepseek-chat"\nREASONER_MODEL = "deepseek-reasoner"\n\nDEFAULTS = {"fast": CHAT_MODEL, "deep": REASONER_MODEL}\n`;
    expect(await classes({ "app/models.py": py }, "app/models.py")).toEqual([
      "1:safe:python/model-assignment",
      "2:safe:python/model-assignment",
    ]);
  });

  it("Go constants of one named type (an enum) that the rename makes equal are told apart wherever the type is used", async () => {
    // star-find-cloud/go-Mall: another package compares `model == domain.ModelChat` … `== domain.ModelResearcher`.
    const go = `package catalog\n\ntype ModelID string\n\nconst (\n\tChat     ModelID = "deepseek-chat"\n\tReasoner ModelID = "deepseek-reasoner"\n)\n\ntype Request struct {\n\tModel ModelID\n}\n\nvar Default = Request{Model: Chat}\n`;
    expect(await classes({ "catalog/models.go": go }, "catalog/models.go")).toEqual([
      "6:unsafe:lexical/colliding-constant",
      "7:unsafe:lexical/colliding-constant",
    ]);
  });

  it("control: one legacy constant keying a dict, with nothing it would become equal to, stays safe", async () => {
    const py = `CHAT_MODEL = "deepseek-chat"\nOTHER_MODEL = "gpt-4o"\n\nWINDOWS = {CHAT_MODEL: 128000, OTHER_MODEL: 128000}\n`;
    expect(await classes({ "app/limits.py": py }, "app/limits.py")).toEqual(["1:safe:python/model-assignment"]);
  });
});
