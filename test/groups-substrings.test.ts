/**
 * Code that tests model names for a part of a legacy ID that its replacement lacks (docs/groups.md):
 * a PHP driver's `Str::contains($model, 'reasoner')` drops tools and structured output for reasoner
 * models, and a table of connections in another package names `deepseek-reasoner`. Renamed, the
 * connection takes the other branch and the package's test of the filtering fails. The driver names
 * no legacy ID. Seen in cognesy/instructor-php.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const DRIVER = `<?php

namespace Acme\\Polyglot\\Drivers\\Deepseek;

class DeepseekBodyFormat
{
    protected function supportsToolSelection(string $model): bool
    {
        return ! Str::contains($model, 'reasoner');
    }
}
`;

const CASES = `<?php

namespace Acme\\Evals;

class InferenceCases
{
    private const CONNECTIONS = [
        'deepseek' => ['driver' => 'deepseek', 'model' => 'deepseek-chat'],
        'deepseek-r' => ['driver' => 'deepseek', 'model' => 'deepseek-reasoner'],
    ];
}
`;

const tree = (withDriver: boolean) => ({
  "composer.json": "{}\n",
  "packages/evals/composer.json": "{}\n",
  "packages/evals/src/InferenceCases.php": CASES,
  ...(withDriver ? { "packages/polyglot/composer.json": "{}\n", "packages/polyglot/src/Drivers/Deepseek/DeepseekBodyFormat.php": DRIVER } : {}),
});

describe.concurrent("a provider's code that tests model names for a part of a legacy ID", () => {
  it("a driver testing for 'reasoner' makes the reasoner's value unsafe, naming the test; the chat value stays safe", async () => {
    const [reasoner] = await findingsOf(tree(true), "packages/evals/src/InferenceCases.php", "deepseek-reasoner");
    expect(reasoner!.fix).toBe("unsafe");
    expect(reasoner!.advice).toContain("`packages/polyglot/src/Drivers/Deepseek/DeepseekBodyFormat.php:9`");
    const [chat] = await findingsOf(tree(true), "packages/evals/src/InferenceCases.php", "deepseek-chat");
    expect(chat!.fix).toBe("safe");
  });

  it("control: a test that accepts the new IDs on the same line (`|| Str::contains($model, 'v4')`) keeps the branch: safe", async () => {
    const files = tree(true);
    const driver = "packages/polyglot/src/Drivers/Deepseek/DeepseekBodyFormat.php";
    files[driver as keyof typeof files] = DRIVER.replace("'reasoner');", "'reasoner') && ! Str::contains($model, 'v4');");
    const [reasoner] = await findingsOf(files, "packages/evals/src/InferenceCases.php", "deepseek-reasoner");
    expect(reasoner!.fix).toBe("safe");
  });

  it("'chat' is a model test only on a line that names a model: `Str::contains($path, 'chat')` keeps the chat value safe", async () => {
    const driver = "packages/polyglot/src/Drivers/Deepseek/DeepseekBodyFormat.php";
    const files = tree(true);
    files[driver as keyof typeof files] = DRIVER.replace("Str::contains($model, 'reasoner')", "Str::contains($path, 'chat')");
    const [plain] = await findingsOf(files, "packages/evals/src/InferenceCases.php", "deepseek-chat");
    expect(plain!.fix).toBe("safe");
    files[driver as keyof typeof files] = DRIVER.replace("Str::contains($model, 'reasoner')", "Str::contains($model, 'chat')");
    const [model] = await findingsOf(files, "packages/evals/src/InferenceCases.php", "deepseek-chat");
    expect(model!.fix).toBe("unsafe");
  });

  it("Python's `\"reasoner\" not in MODEL` (temperature sent only to other models) makes the module's reasoner value unsafe; control without the test", async () => {
    const client = 'import os\n\nMODEL = os.getenv("DEEPSEEK_MODEL", "deepseek-reasoner")\n\n\ndef payload(messages, temperature):\n    body = {"model": MODEL, "messages": messages}\n    if "reasoner" not in MODEL:\n        body["temperature"] = temperature\n    return body\n';
    const [tested] = await findingsOf({ "translate.py": client }, "translate.py", "deepseek-reasoner");
    expect(tested!.fix).toBe("unsafe");
    expect(tested!.advice).toContain("`translate.py:8`");
    const [plain] = await findingsOf({ "translate.py": client.replace('if "reasoner" not in MODEL:', "if temperature is not None:") }, "translate.py", "deepseek-reasoner");
    expect(plain!.fix).toBe("safe");
  });

  it("control: without the driver the reasoner's value is safe", async () => {
    const [reasoner] = await findingsOf(tree(false), "packages/evals/src/InferenceCases.php", "deepseek-reasoner");
    expect(reasoner!.fix).toBe("safe");
  });
});
