/**
 * The DeepSeek provider package tables (typescript/data.ts PROVIDER_PACKAGES, python/tables.ts PROVIDER_EXPORTS):
 * every entry, imported under another name, makes its string argument a model position, and the
 * same call without the import does not.
 */
import { describe, expect, it } from "vitest";
import { PROVIDER_PACKAGES } from "../src/languages/typescript/data.js";
import { PROVIDER_EXPORTS } from "../src/languages/python/tables.js";
import { adapter as typescript } from "../src/languages/typescript/adapter.js";
import { adapter as python } from "../src/languages/python/adapter.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import type { Adapter, Site } from "../src/core/types.js";

const ruleset = makeRuleset(defaultRules("flash"));

async function kinds(a: Adapter, path: string, text: string): Promise<Site["kind"][]> {
  const out = await a.scan({ path, text, matches: findMatches(text, ruleset), ruleset });
  expect(out.parseError).toBeUndefined();
  return out.sites.map((s) => s.kind);
}

describe("TypeScript: PROVIDER_PACKAGES", () => {
  it("holds only DeepSeek-specific packages", () => {
    for (const p of PROVIDER_PACKAGES) expect(p.package).toMatch(/deepseek/);
    expect(PROVIDER_PACKAGES.map((p) => p.package)).not.toContain("@ai-sdk/openai-compatible");
  });

  for (const pkg of PROVIDER_PACKAGES) {
    for (const f of pkg.factories ?? []) {
      it(`${pkg.package}: ${f} (aliased, namespace, require, methods)`, async () => {
        const text = [
          `import { ${f} as alias } from "${pkg.package}";`,
          `import * as ns from "${pkg.package}";`,
          `const { ${f}: req } = require("${pkg.package}");`,
          `alias("deepseek-chat"); alias.chat("deepseek-chat"); ns.${f}("deepseek-chat"); ns.${f}.languageModel("deepseek-chat"); req("deepseek-chat");`,
          ``,
        ].join("\n");
        expect(await kinds(typescript, "a.ts", text)).toEqual(["model", "model", "model", "model", "model"]);
        expect(await kinds(typescript, "b.ts", `import { ${f} as alias } from "somewhere-else";\nalias("deepseek-chat");\n`)).toEqual(["other"]);
      });
    }
    for (const f of pkg.instanceFactories ?? []) {
      it(`${pkg.package}: ${f} makes instances (aliased, namespace)`, async () => {
        const text = [
          `import { ${f} as make } from "${pkg.package}";`,
          `import * as ns from "${pkg.package}";`,
          `const one = make({});`,
          `const two = ns.${f}({});`,
          `one("deepseek-chat"); two.chat("deepseek-chat");`,
          ``,
        ].join("\n");
        expect(await kinds(typescript, "a.ts", text)).toEqual(["model", "model"]);
      });
    }
    for (const c of pkg.classes ?? []) {
      it(`${pkg.package}: new ${c.name}({${c.keys.join(", ")}})`, async () => {
        const text = `import { ${c.name} as K } from "${pkg.package}";\n${c.keys.map((k) => `new K({ ${k}: "deepseek-chat" });`).join("\n")}\n`;
        expect(await kinds(typescript, "a.ts", text)).toEqual(c.keys.map(() => "model"));
      });
    }
  }
});

describe("Python: PROVIDER_EXPORTS", () => {
  it("holds only DeepSeek-specific modules", () => {
    for (const e of PROVIDER_EXPORTS) expect(e.module).toMatch(/deepseek/);
  });

  for (const e of PROVIDER_EXPORTS) {
    it(`${e.module}.${e.name} (from-import aliased, module import aliased)`, async () => {
      const kw = e.keywords[0]!;
      const text = [
        `from ${e.module} import ${e.name} as Alias`,
        `import ${e.module} as mod`,
        `a = Alias(${kw}="deepseek-chat")`,
        `b = mod.${e.name}(${kw}="deepseek-chat")`,
        `c = Other(${kw}="deepseek-chat")`,
        ``,
      ].join("\n");
      const expected = MODELISH.test(kw) ? ["model", "model", "model"] : ["model", "model", "other"];
      expect(await kinds(python, "a.py", text)).toEqual(expected);
    });
  }
});

const MODELISH = /model/i;
