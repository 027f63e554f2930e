/**
 * Rename groups through a Python package's `__init__.py` (docs/groups.md): a test imports a provider
 * class from its package (`from agno.models.deepseek import DeepSeek`, as Agno's tests do), the package's `__init__.py`
 * re-exports it from the module that defines it, and that module branches on the legacy ID (a
 * membership test that keeps the legacy non-thinking ID from thinking). Renaming the test's value
 * alone would move it to the other branch, so it is judged with the module's membership test.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const MODULE =
  'from typing import ClassVar, Set\n\n\nclass DeepSeek:\n    _non_thinking_ids: ClassVar[Set[str]] = {\n        "deepseek-chat",\n    }\n\n    def __init__(self, id: str = "deepseek-v4-flash"):\n        self.id = id\n\n    def thinking(self) -> bool:\n        return self.id not in self._non_thinking_ids\n';
const OTHER = "class Other:\n    pass\n";
const TEST = (line: string) => `${line}\n\n\ndef test_agent():\n    model = DeepSeek(id="deepseek-chat")\n    assert model is not None\n`;

const testFinding = async (files: Record<string, string>) => (await findingsOf(files, "tests/integration/test_agent.py"))[0]!;

describe.concurrent("rename groups through a package's __init__.py", () => {
  it("the package re-exports the class by absolute import: the test's value keeps the membership test's class", async () => {
    const f = await testFinding({
      "agno/models/deepseek/__init__.py": 'from agno.models.deepseek.deepseek import DeepSeek\n\n__all__ = ["DeepSeek"]\n',
      "agno/models/deepseek/deepseek.py": MODULE,
      "tests/integration/test_agent.py": TEST("from agno.models.deepseek import DeepSeek"),
    });
    expect(f.fix).toBe("none");
    expect(f.group?.related.map((r) => r.file)).toContain("agno/models/deepseek/deepseek.py");
  });

  it("the same with a relative re-export and an alias", async () => {
    const f = await testFinding({
      "agno/models/deepseek/__init__.py": "from .deepseek import DeepSeek as DeepSeek\nfrom .other import Other\n",
      "agno/models/deepseek/deepseek.py": MODULE,
      "agno/models/deepseek/other.py": OTHER,
      "tests/integration/test_agent.py": TEST("from agno.models.deepseek import DeepSeek, Other"),
    });
    expect(f.fix).toBe("none");
  });

  it("control: a name the package takes from another module ties nothing", async () => {
    const f = await testFinding({
      "agno/models/deepseek/__init__.py": "from .deepseek import Base\nfrom .other import DeepSeek\n",
      "agno/models/deepseek/deepseek.py": MODULE,
      "agno/models/deepseek/other.py": "class DeepSeek:\n    def __init__(self, id: str):\n        self.id = id\n",
      "tests/integration/test_agent.py": TEST("from agno.models.deepseek import DeepSeek"),
    });
    expect(f.fix).toBe("safe");
  });

  it("control: without the membership test the value stays a safe rename", async () => {
    const f = await testFinding({
      "agno/models/deepseek/__init__.py": "from .deepseek import DeepSeek\n",
      "agno/models/deepseek/deepseek.py": MODULE.replace('"deepseek-chat"', '"deepseek-v3"'),
      "tests/integration/test_agent.py": TEST("from agno.models.deepseek import DeepSeek"),
    });
    expect(f.fix).toBe("safe");
  });
});
