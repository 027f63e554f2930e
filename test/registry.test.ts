import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { ADAPTER_LOADERS, EXTENSIONS, FENCES, FILENAMES, FILENAME_PATTERNS, KINDS, LANGUAGE_FOLDERS, PARSER_GROUPS, adapterNameFor, loadLinter } from "../src/languages/registry.js";
import { REPORTERS } from "../src/report/index.js";

describe("registries are flat maps that agree", () => {
  const named = new Set([...Object.values(EXTENSIONS), ...Object.values(FILENAMES), ...FILENAME_PATTERNS.map(([, n]) => n)]);
  it("every adapter a file kind names has a loader", () => {
    for (const n of named) expect(ADAPTER_LOADERS[n], n).toBeTypeOf("function");
  });
  it("every loader is used by some file kind (lexical is the fallback)", () => {
    for (const n of Object.keys(ADAPTER_LOADERS)) if (n !== "lexical") expect(named.has(n), n).toBe(true);
  });
  it("every loader loads an adapter of that name", async () => {
    for (const [n, load] of Object.entries(ADAPTER_LOADERS)) {
      const a = await load();
      expect(a.name, n).toBe(n);
      expect(a.description.length, n).toBeGreaterThan(0);
    }
  });
  it("extensions are lower case with a dot", () => {
    for (const ext of Object.keys(EXTENSIONS)) expect(ext).toMatch(/^\.[a-z0-9._+-]+$/);
  });
  it("unknown kinds fall back to the lexical adapter", () => {
    expect(adapterNameFor("x/y.unknown-ext")).toBe("lexical");
    expect(adapterNameFor("a/b.ts")).toBe("typescript");
  });
  it("each language folder describes itself in its own folder, and no two kinds claim a file", () => {
    const root = path.resolve("src/languages");
    for (const f of LANGUAGE_FOLDERS) expect(fs.existsSync(path.join(root, f.name, "language.ts")), f.name).toBe(true);
    const owners = new Map<string, string>();
    for (const k of KINDS.values()) {
      const claims = [...(k.extensions ?? []).map((e) => [e, `x/a${e}`]), ...(k.filenames ?? []).map((f) => [`name ${f}`, `x/${f}`])];
      for (const [claim, file] of claims) {
        expect(owners.get(claim!), `${claim}: ${k.name} and ${owners.get(claim!)}`).toBeUndefined();
        owners.set(claim!, k.name);
        expect(adapterNameFor(file!), claim).toBe(k.name);
      }
      for (const re of k.patterns ?? []) expect(re.flags, `${k.name} ${re}`).not.toContain("g");
    }
  });
  it("fence names point at kinds, and the heavy parsers are grouped as the engine expects", async () => {
    for (const [fence, { adapter, suffix }] of Object.entries(FENCES)) {
      expect(KINDS.has(adapter), fence).toBe(true);
      expect(adapterNameFor(`x/a${suffix}`), fence).toBe(adapter);
    }
    expect(PARSER_GROUPS).toEqual([["typescript"], ["python", "notebook"]]);
    for (const k of KINDS.values()) if (k.lint) expect(await loadLinter(k.name), k.name).toBeTypeOf("function");
  });
  it("a linter is loaded once: every file of its kind gets the same one; a kind without a linter has none", async () => {
    const linted = [...KINDS.values()].filter((k) => k.lint);
    expect(linted.map((k) => k.name)).toEqual(expect.arrayContaining(["typescript", "python"]));
    for (const k of linted) {
      const first = loadLinter(k.name);
      expect(loadLinter(k.name), k.name).toBe(first);
      expect(await loadLinter(k.name), k.name).toBe(await first);
    }
    expect(loadLinter("yaml")).toBeUndefined();
    expect(loadLinter("yaml")).toBeUndefined();
  });
  it("every reporter renders text", () => {
    for (const [name, r] of Object.entries(REPORTERS)) expect(r, name).toBeTypeOf("function");
  });
});
