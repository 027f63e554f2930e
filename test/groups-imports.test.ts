/**
 * Python imports that tie rename groups (docs/groups.md), in the form formatters write once the
 * names no longer fit on a line: `from pkg.mod import (\n    a,\n    b,\n)`. A test that imports a
 * lookup function this way and passes the legacy ID its table is keyed by is judged with that
 * table: renaming the test's value alone makes the lookup miss (another limit, another encoding).
 * The test is named after another module, so only the import ties the two.
 */
import { describe, expect, it } from "vitest";
import { importsOf } from "../src/rules/imports.js";
import { findingsOf } from "./helpers/groups.js";

const TABLE =
  'def context_limit(model: str) -> int:\n    limits = {\n        "deepseek-chat": 131072,\n        "gpt-4o": 128000,\n    }\n    for key, limit in limits.items():\n        if model.startswith(key):\n            return limit\n    return 32768\n';
const TEST = (imports: string) => `${imports}\n\n\ndef test_limit():\n    model = "deepseek-chat"\n    assert context_limit(model) == 131072\n`;

async function testFinding(imports: string, init = "") {
  const files = { "src/__init__.py": "", "src/utils/__init__.py": init, "src/utils/limits.py": TABLE, "tests/test_compression.py": TEST(imports) };
  return (await findingsOf(files, "tests/test_compression.py"))[0]!;
}

describe("importsOf: Python `from … import (…)` over several lines", () => {
  it("lists the module and each name, also with comments, aliases and a trailing comma", () => {
    const text = "from src.utils.limits import (\n    context_limit,  # the limit\n    encoder as enc,\n)\nimport os\n";
    expect(importsOf("tests/test_x.py", text).sort()).toEqual(["py:os", "py:src.utils.limits", "py:src.utils.limits.context_limit", "py:src.utils.limits.encoder"].sort());
  });
  it("the one-line forms are read as before", () => {
    expect(importsOf("a.py", "from .limits import (a, b)\nfrom x import y as z, w\n").sort()).toEqual(
      ["py:.limits", "py:.limits.a", "py:.limits.b", "py:x", "py:x.y", "py:x.w"].sort(),
    );
  });
  it("in a notebook, across the cell's JSON strings", () => {
    const nb = '{"cells": [{"source": ["from src.utils.limits import (\\n", "    context_limit,\\n", ")\\n"]}]}';
    expect(importsOf("nb.ipynb", nb)).toEqual(expect.arrayContaining(["py:src.utils.limits", "py:src.utils.limits.context_limit"]));
  });
});

describe.concurrent("rename groups through a parenthesised multi-line import", () => {
  it("the test's value keeps the class of the table it is looked up in", async () => {
    const f = await testFinding("from src.utils.limits import (\n    context_limit,\n)");
    expect(f.fix).not.toBe("safe");
    expect(f.group?.related.map((r) => r.file)).toContain("src/utils/limits.py");
  });

  it("through a package's __init__.py that re-exports the function with a parenthesised import", async () => {
    const f = await testFinding("from src.utils import context_limit", "from .limits import (\n    context_limit,\n)\n");
    expect(f.fix).not.toBe("safe");
    expect(f.group?.related.map((r) => r.file)).toContain("src/utils/limits.py");
  });

  it("control: the same on one line (as before)", async () => {
    const f = await testFinding("from src.utils.limits import context_limit");
    expect(f.fix).not.toBe("safe");
  });
});
