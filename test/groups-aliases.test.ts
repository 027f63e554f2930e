/**
 * Rename groups through path aliases and through a module between a constant and its table
 * (docs/groups.md): a provider's default model constant, a registry module that imports a JSON
 * table keyed by model IDs, and an import of the registry by the provider. Renaming the constant
 * alone would make the registry lookup miss, so the constant is judged with the table's key.
 */
import { describe, expect, it } from "vitest";
import { MAX_PARSE_CHARS } from "../src/languages/typescript/data.js";
import { aliasBases, forgetAliases } from "../src/rules/aliases.js";
import { tempTree } from "./helpers/cli.js";
import { findingsOf } from "./helpers/groups.js";

const REGISTRY = {
  "src/registry/models.json": JSON.stringify({ deepseek: { "deepseek-chat": { inputPrice: 2.8e-8 }, "deepseek-v3.2": { inputPrice: 2.8e-8 } } }, null, 2) + "\n",
  "src/registry/index.ts": 'import generated from "@/registry/models.json";\n\nexport type Namespace = "deepseek" | "openai";\nexport const MODELS = generated as Record<string, Record<string, { inputPrice?: number }>>;\n',
  "src/base.ts": 'import { MODELS, type Namespace } from "./registry";\n\nexport class Base {\n  protected namespace?: Namespace;\n  constructor(readonly model: string) {}\n  get price() {\n    return MODELS[this.namespace ?? "openai"]?.[this.model]?.inputPrice;\n  }\n}\n',
};

function provider(importLine: string): string {
  return `import { Base } from "./base";\n${importLine}\nconst DEFAULT_DEEPSEEK_MODEL = "deepseek-chat";\n\nexport class DeepSeek extends Base {\n  constructor(model?: string) {\n    super(model ?? process.env.DEEPSEEK_MODEL ?? DEFAULT_DEEPSEEK_MODEL);\n  }\n}\n`;
}

const constantFinding = async (files: Record<string, string>) => (await findingsOf(files, "src/deepseek.ts", "deepseek-chat"))[0]!;

const TSCONFIG = { "tsconfig.json": '{\n  // comments and trailing commas, as tsc reads them\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], }, },\n}\n' };

describe.concurrent("rename groups through a module between a constant and its table", () => {
  it("the provider imports the registry through a path alias: the constant keeps the table's class (not safe)", async () => {
    const f = await constantFinding({ ...TSCONFIG, ...REGISTRY, "src/deepseek.ts": provider('import type { Namespace } from "@/registry";') });
    expect(f.fix).toBe("none");
    expect(f.group?.related.map((r) => r.file)).toContain("src/registry/models.json");
  });

  it("the same through a relative import", async () => {
    const f = await constantFinding({ ...TSCONFIG, ...REGISTRY, "src/deepseek.ts": provider('import type { Namespace } from "./registry/index.js";') });
    expect(f.fix).toBe("none");
  });

  it("control: a provider that does not import the registry keeps its safe rename", async () => {
    const f = await constantFinding({ ...TSCONFIG, ...REGISTRY, "src/deepseek.ts": provider("") });
    expect(f.fix).toBe("safe");
  });

  it("control: the configuration's alias wins over the convention; an import that names another file ties nothing", async () => {
    const f = await constantFinding({
      "tsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./lib/*"] } } }\n',
      "lib/registry.ts": 'export type Namespace = "deepseek";\n',
      ...REGISTRY,
      "src/deepseek.ts": provider('import type { Namespace } from "@/registry";'),
    });
    // `@/registry` is lib/registry.ts here, which imports no table (src/registry/ is not it).
    expect(f.fix).toBe("safe");
  });
});

/** A test of the registry module: its values reach the lookup in the JSON table that module imports. */
const PRICE_TEST =
  'import { MODELS } from "../src/registry";\n\nconst PRICED_MODELS = ["deepseek-chat", "deepseek-v3.2"];\nit.each(PRICED_MODELS)("%s has a price", (model) => {\n  expect(MODELS.deepseek[model].inputPrice).toBeGreaterThan(0);\n});\n';

const testFindings = (files: Record<string, string>) => findingsOf(files, "test/price.test.ts", "deepseek-chat");

describe.concurrent("rename groups from a test through the module it imports to a table", () => {
  it("a test's model list reaches a table keyed by the old ID through the module it tests: not safe", async () => {
    const found = await testFindings({ ...TSCONFIG, ...REGISTRY, "test/price.test.ts": PRICE_TEST });
    for (const f of found) {
      expect(f.fix).toBe("none");
      expect(f.group?.related.map((r) => r.file)).toContain("src/registry/models.json");
    }
  });

  it("control: a test whose imports reach no table keeps its safe rename", async () => {
    const found = await testFindings({
      ...TSCONFIG,
      ...REGISTRY,
      "src/echo.ts": "export const echo = (model: string) => model;\n",
      "test/price.test.ts": PRICE_TEST.replace('import { MODELS } from "../src/registry";', 'import { echo } from "../src/echo";').replace("MODELS.deepseek[model].inputPrice", "echo(model).length"),
    });
    for (const f of found) expect(f.fix).toBe("safe");
  });
});

/**
 * A generated catalogue too large to parse (read lexically, no adapter marks its keys) keyed by the
 * old ID, a module that looks a model up in it, and a test of that module passing the old ID: renamed
 * alone, the test's lookup misses (the catalogue has no entry for the new ID).
 */
function bigCatalogue(entry: string): string {
  const lines = ["export const CATALOG: Record<string, Record<string, { id: string; images: boolean }>> = {", `  deepseek: { ${entry} },`];
  let size = lines.join("\n").length;
  for (let i = 0; size <= MAX_PARSE_CHARS; i++) {
    const line = `  vendor${i}: { "model-${i}": { id: "model-${i}", images: false }, "model-${i}-vl": { id: "model-${i}-vl", images: true } },`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n};\n`;
}

const LOOKUP = {
  "src/gateway.ts":
    'import { CATALOG } from "./catalog.generated";\n\nexport function acceptsImages(provider: string, modelId: string): boolean {\n  const info = CATALOG[provider]?.[modelId];\n  if (!info) throw new Error(`unknown model ${modelId}`);\n  return info.images;\n}\n',
  "src/gateway.test.ts":
    'import { expect, it } from "vitest";\nimport { acceptsImages } from "./gateway";\n\nit("drops images for a text-only model", () => {\n  const request = { provider: "deepseek", modelId: "deepseek-chat" };\n  expect(acceptsImages(request.provider, request.modelId)).toBe(false);\n});\n',
};

describe.concurrent("rename groups with a table in a file too large to parse", () => {
  it("a test's value reaches a lookup in an unparsed catalogue keyed by the old ID: not safe, grouped with that key", async () => {
    const files = { ...LOOKUP, "src/catalog.generated.ts": bigCatalogue('"deepseek-chat": { id: "deepseek-chat", images: false }') };
    const [catalogKey] = await findingsOf(files, "src/catalog.generated.ts", "deepseek-chat");
    expect(catalogKey!.position).toBe("core/unparsed");
    const [f] = await findingsOf(files, "src/gateway.test.ts", "deepseek-chat");
    expect(f!.fix).toBe("unsafe");
    expect(f!.group?.related).toContainEqual(expect.objectContaining({ file: "src/catalog.generated.ts", role: "key" }));
  });

  it("control: a test of another module, which reaches no catalogue, keeps its safe rename", async () => {
    const files = {
      ...LOOKUP,
      "src/catalog.generated.ts": bigCatalogue('"deepseek-chat": { id: "deepseek-chat", images: false }'),
      "src/echo.ts": "export const echo = (provider: string, modelId: string) => `${provider}/${modelId}`;\n",
    };
    files["src/gateway.test.ts"] = files["src/gateway.test.ts"].replace('import { acceptsImages } from "./gateway";', 'import { echo as acceptsImages } from "./echo";');
    const [f] = await findingsOf(files, "src/gateway.test.ts", "deepseek-chat");
    expect(f!.fix).toBe("safe");
  });
});

/**
 * A JSON configuration's model value, a module that reads it, and a test of that module that expects
 * the value: neither the test nor the configuration names the other, the module between names no ID.
 */
const CONFIGURED = {
  "config/default.json": '{\n  "llm": { "provider": "deepseek", "model": "deepseek-chat", "baseURL": "https://api.deepseek.com" }\n}\n',
  "src/settings.ts": 'import config from "../config/default.json";\n\nexport const llm = config.llm;\n',
  "src/echo.ts": "export const echo = (model: string) => model;\n",
  "test/settings.test.ts": 'import { expect, it } from "vitest";\nimport { llm } from "../src/settings";\n\nit("defaults to the chat model", () => {\n  expect(llm.model).toBe("deepseek-chat");\n});\n',
};

describe.concurrent("rename groups from a test through the module it imports to a value", () => {
  it("a configuration value that a test expects through the module reading it is judged with the test (not safe)", async () => {
    const [value] = await findingsOf(CONFIGURED, "config/default.json", "deepseek-chat");
    expect(value!.fix).toBe("unsafe");
    expect(value!.group?.related).toContainEqual(expect.objectContaining({ file: "test/settings.test.ts", role: "expected value" }));
  });

  it("control: a test whose imports do not reach the configuration leaves its value a safe rename", async () => {
    const files = { ...CONFIGURED, "test/settings.test.ts": CONFIGURED["test/settings.test.ts"].replace('import { llm } from "../src/settings";', 'import { echo } from "../src/echo";\nconst llm = { model: echo("x") };') };
    const [value] = await findingsOf(files, "config/default.json", "deepseek-chat");
    expect(value!.fix).toBe("safe");
  });
});

describe("path aliases", () => {
  it("resolve from the nearest tsconfig.json or jsconfig.json, with baseUrl; packages are never aliases", () => {
    const dir = tempTree({
      "tsconfig.json": '{ "compilerOptions": { "baseUrl": "src", "paths": { "@/*": ["*", "generated/*"], "~/lib": ["lib/index.ts"] } } }\n',
      "app/jsconfig.json": '{ "compilerOptions": { "paths": { "@/*": ["./web/*"] } } }\n',
      "site/package.json": "{}\n",
    });
    forgetAliases();
    expect(aliasBases(dir, "src/a.ts", "@/models/registry")).toEqual(["src/models/registry", "src/generated/models/registry"]);
    expect(aliasBases(dir, "src/a.ts", "~/lib")).toEqual(["src/lib/index.ts"]);
    expect(aliasBases(dir, "app/x/b.js", "@/util")).toEqual(["app/web/util"]);
    // The convention beside a package.json when no configuration applies... but the root tsconfig applies here.
    expect(aliasBases(dir, "site/c.ts", "@/util")).toEqual(["src/util", "src/generated/util"]);
    for (const spec of ["openai", "@ai-sdk/deepseek", "./local", "#internal"]) expect(aliasBases(dir, "src/a.ts", spec), spec).toEqual([]);
  });

  it("without a configuration, @/ and ~/ name src/ (or the folder) beside the nearest package.json", () => {
    const dir = tempTree({ "web/package.json": "{}\n" });
    forgetAliases();
    expect(aliasBases(dir, "web/pages/index.tsx", "@/lib/llm")).toEqual(["web/src/lib/llm", "web/lib/llm"]);
    expect(aliasBases(dir, "web/pages/index.tsx", "~/lib/llm")).toEqual(["web/src/lib/llm", "web/lib/llm"]);
    expect(aliasBases(dir, "other/a.ts", "@/lib/llm")).toEqual([]);
  });
});
