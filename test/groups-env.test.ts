/**
 * Rename groups between an env file and the code that reads its variable (docs/groups.md): a
 * `.env.example` sets `APP_MODEL_VARIANT=deepseek-reasoner`, a settings module reads it with
 * `os.getenv` (or `process.env`) and branches on `== "deepseek-reasoner"`. Nothing imports the env
 * file, yet renaming its value alone moves every run that copies it to the other branch, so the value
 * is judged with that comparison. The same holds for a variable a compose file, a Dockerfile, a
 * workflow or a shell script sets.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const PY = (read: string) =>
  `import os\n\nvariant = ${read}\n\n\ndef max_output():\n    if variant == "deepseek-reasoner":\n        return 65536\n    return 8192\n`;

const envFinding = async (files: Record<string, string>) => (await findingsOf(files, ".env.example"))[0]!;

describe.concurrent("rename groups between an env file and the code that reads its variable", () => {
  it("os.getenv of the variable in a module that branches on the ID: the value is not renamed", async () => {
    const f = await envFinding({
      ".env.example": "APP_MODEL_VARIANT=deepseek-reasoner\n",
      "app/settings.py": PY('os.getenv("APP_MODEL_VARIANT", "deepseek-chat")'),
    });
    expect(f.fix).toBe("none");
    expect(f.group?.related.map((r) => r.file)).toContain("app/settings.py");
  });

  it("os.environ[...] and process.env.X read it too", async () => {
    const py = await envFinding({
      ".env.example": "APP_MODEL_VARIANT=deepseek-reasoner\n",
      "app/settings.py": PY("os.environ['APP_MODEL_VARIANT']"),
    });
    // The module names no other legacy ID: its comparison is an unsafe rename, and so is the value.
    expect(py.fix).toBe("unsafe");
    expect(py.group?.related.map((r) => r.file)).toContain("app/settings.py");
    const ts = await envFinding({
      ".env.example": "APP_MODEL_VARIANT=deepseek-reasoner\n",
      "src/limits.ts":
        'const variant = process.env.APP_MODEL_VARIANT ?? "deepseek-v4-pro";\n\nexport function maxOutput(): number {\n  return variant === "deepseek-reasoner" ? 65536 : 8192;\n}\n',
    });
    expect(ts.fix).toBe("unsafe");
    expect(ts.group?.related.map((r) => r.file)).toContain("src/limits.ts");
  });

  it("a settings module reads the variable and a module importing it registers the ID in a model table", async () => {
    // huangzj1223/ai_testing: rag_system/.env sets LLM_MODEL_NAME, utils/config.py reads it, and
    // utils/settings.py (which imports config) adds {"deepseek-chat": 128000} to LlamaIndex's model
    // tables; renamed alone, LlamaIndex rejects the unknown model name.
    const files = {
      "rag/.env": 'LLM_MODEL_NAME="deepseek-chat"\n',
      "rag/utils/__init__.py": "",
      "rag/utils/config.py": 'import os\n\n\nclass Configuration:\n    llm_model_name = os.getenv("LLM_MODEL_NAME")\n',
      "rag/utils/settings.py":
        'from llama_index.llms.openai import OpenAI\nfrom llama_index.llms.openai.utils import ALL_AVAILABLE_MODELS\n\nfrom .config import Configuration\n\nDEEPSEEK_MODELS = {\n    "deepseek-chat": 128000,\n}\nALL_AVAILABLE_MODELS.update(DEEPSEEK_MODELS)\n\nllm = OpenAI(model=Configuration.llm_model_name)\n',
    };
    const f = (await findingsOf(files, "rag/.env"))[0]!;
    expect(f.fix).not.toBe("safe");
    expect(f.group?.related.map((r) => r.file)).toContain("rag/utils/settings.py");
    // Control: the same modules where settings.py does not import the module that reads the variable.
    const alone = (await findingsOf({ ...files, "rag/utils/settings.py": files["rag/utils/settings.py"].replace("from .config import Configuration\n", "") }, "rag/.env"))[0]!;
    expect(alone.fix).toBe("safe");
  });

  it("control: code that reads another variable ties nothing; the value stays a safe rename", async () => {
    const f = await envFinding({
      ".env.example": "APP_MODEL_VARIANT=deepseek-reasoner\n",
      "app/settings.py": PY('os.getenv("OTHER_VARIANT", "deepseek-chat")'),
    });
    expect(f.fix).toBe("safe");
  });

  it("control: a deepseek-chat value where the code branches only on deepseek-reasoner stays safe", async () => {
    const f = await envFinding({
      ".env.example": "APP_MODEL_VARIANT=deepseek-chat\n",
      "app/settings.py": PY('os.getenv("APP_MODEL_VARIANT", "deepseek-reasoner")'),
    });
    expect(f.fix).toBe("safe");
  });
  it("a variable set outside env files: a compose entry, a Dockerfile ENV, a workflow's env, a shell export, a default, a Kubernetes name/value", async () => {
    const py = { "app/settings.py": PY('os.getenv("APP_MODEL_VARIANT", "deepseek-chat")') };
    const setters: [string, string][] = [
      ["docker-compose.yml", "services:\n  api:\n    environment:\n      - APP_MODEL_VARIANT=deepseek-reasoner\n"],
      ["compose.yaml", "services:\n  api:\n    environment:\n      APP_MODEL_VARIANT: deepseek-reasoner\n"],
      ["Dockerfile", "FROM python:3.12\nENV APP_MODEL_VARIANT deepseek-reasoner\n"],
      [".github/workflows/ci.yml", "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      APP_MODEL_VARIANT: deepseek-reasoner\n    steps:\n      - run: pytest\n"],
      ["scripts/run.sh", "#!/bin/sh\nexport APP_MODEL_VARIANT=deepseek-reasoner\npython -m app\n"],
      ["deploy/values.yaml", "app:\n  model: ${APP_MODEL_VARIANT:-deepseek-reasoner}\n"],
      ["k8s/deployment.yaml", "env:\n  - name: APP_MODEL_VARIANT\n    value: deepseek-reasoner\n"],
    ];
    for (const [file, text] of setters) {
      const f = (await findingsOf({ [file]: text, ...py }, file))[0]!;
      expect(f.fix, file).toBe("none");
      expect(f.group?.related.map((r) => r.file), file).toContain("app/settings.py");
    }
  });

  it("control: outside env files, a variable the code does not read, or a lower-case setting, ties nothing", async () => {
    const py = { "app/settings.py": PY('os.getenv("APP_MODEL_VARIANT", "deepseek-chat")') };
    const other = (await findingsOf({ "docker-compose.yml": "services:\n  api:\n    environment:\n      - OTHER_MODEL=deepseek-reasoner\n", ...py }, "docker-compose.yml"))[0]!;
    expect(other.fix).toBe("safe");
    const lower = (await findingsOf({ "config.yaml": "app_model_variant: deepseek-reasoner\n", "app/settings.py": PY('os.getenv("app_model_variant", "deepseek-chat")') }, "config.yaml"))[0]!;
    expect(lower.group?.related.map((r) => r.file) ?? []).not.toContain("app/settings.py");
  });
});
