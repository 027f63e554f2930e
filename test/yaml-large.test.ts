import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SECTION_THRESHOLD, scanYaml, type YamlScanOptions } from "../src/languages/config/yaml.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { FIXTURES } from "./helpers/fixtures.js";

/**
 * Large YAML files are parsed only in the top-level sections that contain a match (and the walk
 * skips subtrees without one). Both must classify exactly as the whole parse and full walk do.
 */

const ruleset = makeRuleset(defaultRules("flash"));
/** The reference: the whole file parsed, every node walked. */
const WHOLE: YamlScanOptions = { sectionThreshold: Infinity, prune: false };

function scan(text: string, opts: YamlScanOptions = {}) {
  return scanYaml({ path: "big.yaml", text, matches: findMatches(text, ruleset), ruleset }, opts);
}

/** The fast paths give the reference's output; returns the path the default options took. */
function expectSameAsWhole(text: string): "sections" | "whole" {
  const ref = scan(text, WHOLE).out;
  expect(scan(text, { sectionThreshold: Infinity }).out).toEqual(ref);
  expect(scan(text, { sectionThreshold: 0 }).out).toEqual(ref);
  const dflt = scan(text);
  expect(dflt.out).toEqual(ref);
  return dflt.via;
}

function filler(i: number): string {
  return `worker_${i}_queue:\n  enabled: ${i % 2 === 0}\n  limit: ${i}\n  tags: [w${i}, queue]\n  nested:\n    label: "section ${i}"\n    items:\n      - a\n      - b\n`;
}

/** Sections with matches in every kind of position the adapter distinguishes. */
const INTERESTING: string[] = [
  "llm:\n  model: deepseek-chat\n  temperature: 0.2\n",
  "models:\n  - deepseek-chat\n  - deepseek-reasoner\n",
  "fallbacks:\n- deepseek-chat\n- other-model\n",
  "# switch to deepseek-reasoner later\nservice_env:\n  environment:\n    - LLM_MODEL=deepseek-chat\n    - NOTE=deepseek-reasoner\n    - PLAIN=1\n",
  "container:\n  env:\n    - name: CHAT_MODEL\n      value: deepseek-chat\n    - name: OTHER\n      value: deepseek-reasoner\n",
  "schema:\n  type: string\n  enum: [deepseek-chat, deepseek-reasoner, deepseek-v4-flash]\n  default: deepseek-chat\n",
  "prompt: |\n  Use deepseek-chat for this.\n  Then --model deepseek-reasoner\n\n",
  "run_step:\n  run: >\n    python eval.py --model deepseek-chat\n    --temperature 0\n",
  "quoted:\n  model: \"deepseek-chat\"\n  alt_model: 'deepseek-reasoner'\n  flow: {model: deepseek-chat, n: 1}\n  list: [deepseek-chat, \"deepseek-reasoner\"]\n",
  "model_list:\n  - model_name: deepseek-chat\n    litellm_params: {model: deepseek/deepseek-chat}\n  - model_name: deepseek-reasoner\n    litellm_params:\n      model: openrouter/deepseek/deepseek-reasoner\n",
  "last:\n  model: deepseek-chat\n# trailing note on deepseek-reasoner\n\n",
  "deepseek-chat:\n  price: 1\n  deepseek-reasoner: 2\n",
  "recorded:\n  choices: []\n  model: deepseek-chat\n",
  "ci:\n  script:\n    - python run.py --model deepseek-chat\n    - echo deepseek-reasoner\n",
  "app:\n  model: ${LLM_MODEL:deepseek-chat}\n  other: ${X:-deepseek-reasoner}\n",
  "\"quoted key\": deepseek-chat\n'model': deepseek-reasoner\n",
  "notes: |\n  text deepseek-chat\n# deepseek-chat in a comment after a block scalar\n\n  # indented comment deepseek-reasoner\n",
  "desc:\n  a long deepseek-chat\n  continued over lines\n",
  "responses:\n  - body: '{\"choices\": [], \"model\": \"deepseek-chat\"}'\n",
  "matrix:\n  model: [deepseek-chat, deepseek-reasoner]\n  include:\n    - model: deepseek-chat\n      os: linux\n",
  "cmd_args:\n  command: [\"--model\", \"deepseek-chat\"]\n  args: [\"--model=deepseek-reasoner\", \"-v\"]\n",
  "empty_value:\nafter_empty: deepseek-chat # deepseek-reasoner in a trailing comment\n",
];

/**
 * Filler sections for a "large" file: the fewest that put the text about 10% above SECTION_THRESHOLD
 * (270 sections are about 36 KB), the one size the section path depends on. Every test that needs a
 * large text says so: it asserts the length, or that the default options took the section path
 * (only a text above the threshold can). The whole parse each test compares with costs about
 * 3.5 ms per KB.
 */
const LARGE_FILL = 270;

function build(parts: string[], fill: number, header = ""): string {
  let text = header;
  const every = Math.max(1, Math.floor(fill / (parts.length + 1)));
  let p = 0;
  for (let i = 0; i < fill; i++) {
    text += filler(i);
    if (i % every === every - 1 && p < parts.length) text += parts[p++];
  }
  while (p < parts.length) text += parts[p++];
  return text;
}

describe("large YAML: section by section, the same sites as the whole parse", () => {
  it("a large config with matches in every kind of position takes the section path", () => {
    const text = build(INTERESTING, LARGE_FILL, "# config for deepseek-chat\n---\n");
    expect(text.length).toBeGreaterThan(SECTION_THRESHOLD);
    expect(expectSameAsWhole(text)).toBe("sections");
    // Sanity: the sites are many and of several kinds.
    const kinds = new Set(scan(text).out.sites.map((s) => s.kind));
    for (const k of ["model", "collection", "comment", "other", "key", "response"]) expect(kinds).toContain(k);
  });

  it("matches at the very start and end of the file, and CRLF line breaks", () => {
    const text = INTERESTING[0] + build([], LARGE_FILL) + INTERESTING[10]!.trimEnd();
    expect(expectSameAsWhole(text)).toBe("sections");
    expect(expectSameAsWhole(text.replace(/\n/g, "\r\n"))).toBe("sections");
  });

  it("a large file whose only matches are in comments between sections parses nothing", () => {
    const text = build(["# deepseek-chat was the default\n", "  # deepseek-reasoner: indented, after a section\n"], LARGE_FILL);
    expect(expectSameAsWhole(text)).toBe("sections");
    expect(scan(text).out.sites.map((s) => s.kind)).toEqual(["comment", "comment"]);
  });

  it("random placements of the sections, section path forced (property)", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(INTERESTING, { minLength: 1 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), (parts, fill, crlf) => {
        let text = build(parts, fill);
        if (crlf) text = text.replace(/\n/g, "\r\n");
        const ref = scan(text, WHOLE).out;
        const fast = scan(text, { sectionThreshold: 0 });
        expect(fast.via).toBe("sections");
        expect(fast.out).toEqual(ref);
      }),
      { numRuns: 80 },
    );
  });

  it("mutated large texts: whenever the section path is taken and the whole file parses, the sites are the same (property)", () => {
    const base = build(INTERESTING, 30);
    const TOKENS = ["\n", "\r\n", " ", "  ", "\t", "#", "# ", ":", ": ", "- ", "-", "---\n", "...\n", "%YAML 1.2\n", "? ", "|\n", ">\n", '"', "'", "[", "]", "{", "}", ",", "&a ", "*a", "model: ", "deepseek-chat", "choices: ", "name: x\n", "k: v\n", "\uFEFF"];
    const mutation = fc.record({ at: fc.nat(), s: fc.constantFrom(...TOKENS), del: fc.integer({ min: 0, max: 6 }) });
    let compared = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let text = base;
        for (const m of ms) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.s + text.slice(at + m.del);
        }
        const ref = scan(text, WHOLE).out;
        expect(scan(text, { sectionThreshold: Infinity }).out).toEqual(ref);
        const fast = scan(text, { sectionThreshold: 0 });
        // A syntax error outside every parsed section is not seen by the section path (accepted).
        if (fast.via === "sections" && ref.parseError !== undefined) return;
        compared++;
        expect(fast.out).toEqual(ref);
      }),
      { numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(30);
  });

  it("every YAML fixture: the section path (forced) and the pruned walk give the whole parse's sites", () => {
    const dir = path.join(FIXTURES, "yaml");
    const inputs = fs.readdirSync(dir).filter((n) => /\.input\.ya?ml$/.test(n));
    expect(inputs.length).toBeGreaterThan(10);
    const via = new Set<string>();
    for (const name of inputs) {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      const ref = scan(text, WHOLE).out;
      expect(scan(text, { sectionThreshold: Infinity }).out, name).toEqual(ref);
      const fast = scan(text, { sectionThreshold: 0 });
      via.add(fast.via);
      expect(fast.out, name).toEqual(ref);
    }
    // Both paths are exercised by the fixtures (multi-document and alias fixtures fall back).
    expect([...via].sort()).toEqual(["sections", "whole"]);
  });

  it("the large fixture (fixtures/yaml/large-values) takes the section path by default", () => {
    const text = fs.readFileSync(path.join(FIXTURES, "yaml", "large-values.input.yaml"), "utf8");
    expect(text.length).toBeGreaterThan(SECTION_THRESHOLD);
    expect(expectSameAsWhole(text)).toBe("sections");
  });

  it("small files keep the whole parse: a syntax error anywhere makes every match lexical", () => {
    const text = "llm:\n  model: deepseek-chat\nbroken:\n  a: [1,\n";
    const r = scan(text);
    expect(r.via).toBe("whole");
    expect(r.out.parseError).toMatch(/^YAML: /);
  });

  it("anchors and aliases in sections without a match do not stop the section path", () => {
    const text = build(["llm:\n  model: deepseek-chat\n  schedule: \"0 3 * * *\"\n  run: make && make test\n"], LARGE_FILL, "base: &b {k: 1}\nname_ref: &n x\n") + "other:\n  <<: *b\n  model: *n\n";
    expect(expectSameAsWhole(text)).toBe("sections");
  });

  it("a large file: a syntax error in a section without a match is not seen (documented trade-off)", () => {
    const text = build(["llm:\n  model: deepseek-chat\n", "broken:\n  a: [1,\n  b: 2\n"], LARGE_FILL);
    expect(scan(text, WHOLE).out.parseError).toMatch(/^YAML: /);
    const r = scan(text);
    expect(r.via).toBe("sections");
    expect(r.out.sites.map((s) => s.kind)).toEqual(["model"]);
  });
});

describe("large YAML: whatever the section path cannot prove equal falls back to the whole parse", () => {
  const big = (prefix: string, suffix = "", inner = "") => prefix + build(["llm:\n  model: deepseek-chat\n" + inner], LARGE_FILL) + suffix;
  const cases: [string, string][] = [
    ["an anchor and an alias across sections", big("defaults:\n  m: &m deepseek-chat\n", "override:\n  model: *m\n")],
    ["an anchor and an alias in the matched section", big("", "", "  x: &a v\n  y: *a\n")],
    ["an anchor in the matched section (an alias elsewhere may name it)", big("", "", "  x: &a v\n")],
    ["an alias in the matched section to an anchor elsewhere", big("defaults:\n  m: &m gpt\n", "", "  fallback_model: *m\n")],
    ["an alias key in the matched section", big("defaults: &d x\n", "", "  *d : 1\n")],
    ["a second document", big("", "---\nnext:\n  model: deepseek-reasoner\n")],
    ["a document end marker", big("", "...\n")],
    ["a directive", big("%YAML 1.2\n---\n")],
    ["two leading document markers", big("---\n---\n")],
    ["a response-shaped top level (choices)", big("choices: []\n")],
    ["a response-shaped top level (usage)", big("", "usage: {total_tokens: 3}\n")],
    ["a response-shaped top level (object)", big("object: chat.completion\n")],
    ["a quoted response key", big('"choices": []\n')],
    ["a top-level name/value pair", big("name: CHAT_MODEL\nvalue: x\n")],
    ["a top-level enum", big("enum: [deepseek-chat, x]\ndefault: deepseek-chat\n")],
    ["a top-level sequence", "- x\n" + build(["  model: deepseek-chat\n"], LARGE_FILL).replace(/^(\S)/gm, "  $1")],
    ["an indented top level", build(["llm:\n  model: deepseek-chat\n"], LARGE_FILL).replace(/^/gm, "  ")],
    ["a top-level flow mapping", "{a: 1,\n" + build(["llm: {model: deepseek-chat}\n"], LARGE_FILL).replace(/^(\S[^:]*):.*$/gm, "$1: 1,") + "z: 2}\n"],
    ["a complex key", big("? [a, b]\n: 1\n")],
    ["a complex key after the first section", big("", "? x\n")],
    ["a key with a colon", big("a:b: 1\n")],
    ["an escaped quoted key", big('"a\\"b": 1\n')],
    ["a lone CR line break", big("a: 1\rb: 2\n")],
    ["a byte-order mark", "\uFEFF" + big("")],
    ["a column-0 plain continuation", big("a: x\ncontinued\n")],
    ["a matched section that does not parse on its own", big("", "", "   bad: [\n")],
    ["a matched section with a tab-indented line", big("", "", "\tbad: 1\n")],
  ];
  for (const [label, text] of cases) {
    it(label, () => {
      expect(text.length).toBeGreaterThan(SECTION_THRESHOLD);
      expect(expectSameAsWhole(text)).toBe("whole");
    });
  }

  it("an alias into a model key still marks the anchored value", () => {
    const text = big("defaults:\n  fast: &fast deepseek-chat\n", "agent:\n  model: *fast\n");
    expect(expectSameAsWhole(text)).toBe("whole");
    expect(scan(text).out.sites.map((s) => s.kind)).toEqual(["model", "model"]);
  });
});
