import { describe, expect, it } from "vitest";
import { ADAPTER_LOADERS, EXTENSIONS, FILENAMES, FILENAME_PATTERNS, adapterNameFor } from "../src/languages/registry.js";
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
  it("every reporter renders text", () => {
    for (const [name, r] of Object.entries(REPORTERS)) expect(r, name).toBeTypeOf("function");
  });
});
