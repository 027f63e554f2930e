import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import type { Ruleset } from "../src/core/types.js";
import { fixtureCases, migrateFixtureFile, type FixtureCase } from "./helpers/fixtures.js";

/**
 * Data equivalence of the structured config kinds: the parsed data of a migrated file equals the
 * parsed data of its input, except that some legacy IDs were replaced by their targets. Checked on
 * every YAML/JSON/TOML fixture, both for its expected output and for a run with --unsafe-fixes
 * (which renames the most).
 */

type Kind = "yaml" | "json" | "jsonl" | "toml";

function kindOf(name: string): Kind | undefined {
  const ext = path.extname(name).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".json" || ext === ".jsonc") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".toml") return "toml";
  return undefined;
}

function parseData(kind: Kind, text: string): unknown {
  switch (kind) {
    case "yaml": {
      const docs = parseAllDocuments(text, { uniqueKeys: false });
      const list = Array.isArray(docs) ? docs : [];
      for (const d of list) if (d.errors.length) throw new Error(d.errors[0]!.message);
      return list.map((d) => d.toJS({ maxAliasCount: -1 }));
    }
    case "json": {
      const errors: ParseError[] = [];
      const v = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
      if (errors.length) throw new Error("JSON parse error");
      return v;
    }
    case "jsonl":
      return text.split("\n").map((line) => {
        try {
          return { json: JSON.parse(line) };
        } catch {
          return { raw: line };
        }
      });
    case "toml":
      return parseToml(text);
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `after` is `before` with some whole-token legacy IDs replaced by their targets. */
function renamedOnly(before: string, after: string, ruleset: Ruleset): boolean {
  if (before === after) return true;
  const matches = findMatches(before, ruleset);
  if (matches.length === 0) return false;
  let re = "^";
  let at = 0;
  for (const m of matches) {
    const target = ruleset.byId.get(m.legacyId)!.target;
    re += escapeRe(before.slice(at, m.idStart)) + `(?:${escapeRe(m.legacyId)}|${escapeRe(target)})`;
    at = m.end;
  }
  re += escapeRe(before.slice(at)) + "$";
  return new RegExp(re).test(after);
}

/** Compare parsed data; returns the path of the first difference that is not a rename. */
function dataDiff(a: unknown, b: unknown, ruleset: Ruleset, where = "$"): string | undefined {
  if (typeof a === "string" && typeof b === "string") return renamedOnly(a, b, ruleset) ? undefined : where;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return where;
    for (let i = 0; i < a.length; i++) {
      const d = dataDiff(a[i], b[i], ruleset, `${where}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a instanceof Map || b instanceof Map) {
    return dataDiff(a instanceof Map ? Object.fromEntries(a) : a, b instanceof Map ? Object.fromEntries(b) : b, ruleset, where);
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (a instanceof Date || b instanceof Date) return String(a) === String(b) ? undefined : where;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return where;
    for (let i = 0; i < ka.length; i++) {
      if (!renamedOnly(ka[i]!, kb[i]!, ruleset)) return `${where}.${ka[i]} (key)`;
      const d = dataDiff((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!], ruleset, `${where}.${ka[i]}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) || String(a) === String(b) ? undefined : where;
}

async function migrateUnsafe(c: FixtureCase): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-config-data-"));
  try {
    const file = path.join(dir, c.scanName);
    fs.copyFileSync(c.input, file);
    await migrateFixtureFile(c, dir, { unsafeFixes: true });
    return fs.readFileSync(file, "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cases = fixtureCases().filter((c) => kindOf(c.scanName));

describe("config data equivalence", () => {
  it("has structured config fixtures with outputs", () => {
    expect(cases.filter((c) => c.output).length).toBeGreaterThanOrEqual(10);
  });

  it("renamedOnly and dataDiff reject anything but a rename", () => {
    const rs = makeRuleset(defaultRules("flash"));
    expect(renamedOnly("deepseek-chat", "deepseek-v4-flash", rs)).toBe(true);
    expect(renamedOnly("a deepseek-chat b deepseek-reasoner", "a deepseek-chat b deepseek-v4-flash", rs)).toBe(true);
    expect(renamedOnly("deepseek-chat", "deepseek-v4-pro", rs)).toBe(false);
    expect(renamedOnly("deepseek-chat-v3", "deepseek-v4-flash-v3", rs)).toBe(false);
    expect(renamedOnly("x", "y", rs)).toBe(false);
    expect(dataDiff({ a: [1, "deepseek-chat"] }, { a: [1, "deepseek-v4-flash"] }, rs)).toBeUndefined();
    expect(dataDiff({ a: [1, "deepseek-chat"] }, { a: [2, "deepseek-v4-flash"] }, rs)).toBe("$.a[0]");
    expect(dataDiff({ a: 1 }, { a: 1, b: 2 }, rs)).toBe("$");
    expect(dataDiff({ "deepseek-chat": 1 }, { "deepseek-v4-flash": 1 }, rs)).toBeUndefined();
    expect(dataDiff({ "deepseek-chat": 1 }, { other: 1 }, rs)).toBe("$.deepseek-chat (key)");
  });

  for (const c of cases) {
    const kind = kindOf(c.scanName)!;
    const ruleset = makeRuleset(defaultRules(c.options.reasonerTarget ?? "flash"));
    const inputText = fs.readFileSync(c.input, "utf8");
    let inputData: unknown;
    let parses = true;
    try {
      inputData = parseData(kind, inputText);
    } catch {
      parses = false;
    }
    if (!parses) continue; // broken fixtures: scanned lexically, nothing to compare
    if (c.output) {
      it(`${c.kind}/${c.inputName}: expected output keeps the data`, () => {
        const outText = fs.readFileSync(c.output!, "utf8");
        expect(outText).not.toBe(inputText);
        expect(dataDiff(inputData, parseData(kind, outText), ruleset)).toBeUndefined();
      });
    }
    it(`${c.kind}/${c.inputName}: --unsafe-fixes output still parses and keeps the data`, async () => {
      const out = await migrateUnsafe(c);
      expect(dataDiff(inputData, parseData(kind, out), ruleset)).toBeUndefined();
    });
  }
});
