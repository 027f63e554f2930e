import { parseTree, printParseErrorCode, visit, type Node, type ParseError } from "jsonc-parser";
import { LineIndex } from "../../core/text.js";
import type { Adapter, AdapterInput, AdapterOutput, Site } from "../../core/types.js";
import { ENUM_BOUND_KEYS, SHELL_KEYS, SlotCollector, sitesFromSlots } from "./slots.js";
import { pathIsModelNamed } from "../../knowledge/naming.js";
import { isRecordedExchange, isResponseObject, type Shape } from "../../knowledge/responses.js";
import { P, at } from "./positions.js";

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** The range inside a string node's quotes. */
function inner(node: Node, base: number): [number, number] {
  return [base + node.offset + 1, base + node.offset + node.length - 1];
}

/** An object's keys with their string values, and the keys of its objects `depth` levels down (knowledge/responses.ts `Shape`). */
function shapeOf(node: Node, depth: number): Shape {
  const keys: Shape = new Map();
  for (const p of node.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k) keys.set(String(k.value), v?.type === "string" ? v.value : depth > 0 && v?.type === "object" ? shapeOf(v, depth - 1) : true);
  }
  return keys;
}

/**
 * Walk a jsonc-parser tree, adding slots for strings (values and keys) with their key paths.
 * `base` shifts node offsets (JSON Lines parse one line at a time).
 */
function walk(
  node: Node | undefined,
  path: string[],
  response: boolean,
  collector: SlotCollector,
  base: number,
  envName?: string,
  siblings?: Map<string, string[]>,
): void {
  if (!node) return;
  switch (node.type) {
    case "object":
      walkObject(node, path, response, collector, base, siblings);
      break;
    case "array": {
      const items = node.children ?? [];
      const members = items.filter((c) => c.type === "string").map((c) => String(c.value));
      const siblings = new Map<string, string[]>();
      for (const c of items) {
        if (c.type !== "object") continue;
        for (const p of c.children ?? []) {
          const [k, v] = p.children ?? [];
          if (!k || v?.type !== "string") continue;
          const list = siblings.get(String(k.value)) ?? [];
          list.push(String(v.value));
          siblings.set(String(k.value), list);
        }
      }
      items.forEach((c, i) => {
        if (c.type === "string") {
          const [s, e] = inner(c, base);
          const before = items[i - 1];
          const prev = before?.type === "string" ? String(before.value) : undefined;
          collector.add({ start: s, end: e, role: "value", path, members, prev, response });
        } else walk(c, [...path, String(i)], response, collector, base, undefined, siblings);
      });
      break;
    }
    case "string": {
      const [s, e] = inner(node, base);
      // package.json `scripts`, devcontainer/VS Code task commands: shell command lines.
      const shell = path.length >= 2 && path[path.length - 2] === "scripts" ? true : SHELL_KEYS.includes((path[path.length - 1] ?? "").toLowerCase()) || undefined;
      collector.add({ start: s, end: e, role: "value", path, response, envName, envValue: envName !== undefined, shell });
      break;
    }
    default:
      break;
  }
}

/**
 * An object's keys and values: an env-style `{name, value}` entry, a schema default bound to its
 * enum, one key's values across sibling array items (`siblings`), an entry naming open weights.
 */
function walkObject(node: Node, path: string[], response: boolean, collector: SlotCollector, base: number, siblings?: Map<string, string[]>): void {
  const props = node.children ?? [];
  const keys = shapeOf(node, 2);
  const resp = response || isResponseObject(keys) || isRecordedExchange(keys);
  const name = keys.get("name");
  const entryName = typeof name === "string" && keys.has("value") ? name : undefined;
  const weights = weightsOf(node, props, base, collector);
  const enumNode = props.find((p) => p.children?.[0]?.value === "enum")?.children?.[1];
  const enumMembers = enumNode?.type === "array" ? (enumNode.children ?? []).filter((c) => c.type === "string").map((c) => String(c.value)) : undefined;
  for (const p of props) {
    const [k, v] = p.children ?? [];
    if (!k) continue;
    const key = String(k.value);
    const [ks, ke] = inner(k, base);
    collector.add({ start: ks, end: ke, role: "key", path: [...path, key], response: resp });
    if (enumMembers && ENUM_BOUND_KEYS.includes(key) && v?.type === "string" && enumMembers.includes(String(v.value))) {
      // `{"default": "deepseek-chat", "enum": [...]}`: the default is renamed only with its enum.
      const [s, e] = inner(v, base);
      collector.add({ start: s, end: e, role: "value", path: [...path, "enum"], members: enumMembers, response: resp });
      continue;
    }
    // The values of one key across sibling array items form a collection: `[{"model": "deepseek-chat"},
    // {"model": "deepseek-reasoner"}]` must not end with two equal entries.
    const sib = !entryName && v?.type === "string" && pathIsModelNamed([...path, key]) ? siblings?.get(key) : undefined;
    if (sib && sib.length > 1) {
      const [s, e] = inner(v!, base);
      collector.add({ start: s, end: e, role: "value", path: [...path, key], members: sib, response: resp, weights });
    } else if (weights && v?.type === "string") {
      const [s, e] = inner(v, base);
      collector.add({ start: s, end: e, role: "value", path: [...path, key], response: resp, weights });
    } else walk(v, [...path, key], resp, collector, base, key === "value" ? entryName : undefined);
  }
}

/** A Hugging Face / ModelScope repository of DeepSeek's open weights: `deepseek-ai/deepseek-llm-7b-chat`. */
const WEIGHTS_REPO = /^deepseek-ai\/[A-Za-z0-9._-]+$/;

/**
 * The weights an object's entry points at, when one of its own string values holds a match: a
 * `deepseek-ai/…` repository anywhere inside it (`{"model_name": "deepseek-chat", "model_specs":
 * [{"model_src": {"huggingface": {"model_id": "deepseek-ai/deepseek-llm-7b-chat"}}}]}`, a local
 * server's model registry). The ID there is that catalogue's name for open weights, not DeepSeek's
 * API model (docs/hosts-and-sdks.md). Only the innermost object is asked: a file that also names
 * such a repository elsewhere decides nothing here.
 */
function weightsOf(node: Node, props: Node[], base: number, collector: SlotCollector): string | undefined {
  const own = props.some((p) => {
    const v = p.children?.[1];
    return v?.type === "string" && collector.hasMatchIn(base + v.offset, base + v.offset + v.length);
  });
  return own ? findWeights(node) : undefined;
}

function findWeights(node: Node): string | undefined {
  if (node.type === "string") return typeof node.value === "string" && WEIGHTS_REPO.test(node.value) ? node.value : undefined;
  for (const c of node.children ?? []) {
    const found = findWeights(c);
    if (found) return found;
  }
  return undefined;
}

function errorText(text: string, errors: ParseError[], base = 0): string {
  const e = errors[0]!;
  const pos = new LineIndex(text).position(base + e.offset);
  return `JSON: ${printParseErrorCode(e.error)} at line ${pos.line}, column ${pos.column}`;
}

/** JSON and JSONC (comments, trailing commas) with jsonc-parser: offsets into the text. */
export const adapter: Adapter = {
  name: "json",
  description: "JSON / JSONC (.json, .jsonc): app configs, tsconfig-style files, recorded responses",
  scan(input: AdapterInput): AdapterOutput {
    const errors: ParseError[] = [];
    const root = parseTree(input.text, errors, PARSE_OPTIONS);
    if (errors.length > 0) return { sites: [], parseError: errorText(input.text, errors) };
    const collector = new SlotCollector(input.matches);
    walk(root, [], false, collector, 0);
    addComments(input.text, collector);
    return { sites: sitesFromSlots(input, collector.slots) };
  },
};

/** JSONC comments (`//`, block comments) as comment slots. */
function addComments(text: string, collector: SlotCollector): void {
  if (!text.includes("//") && !text.includes("/*")) return;
  visit(
    text,
    { onComment: (offset, length) => collector.add({ start: offset, end: offset + length, role: "comment", path: [] }) },
    PARSE_OPTIONS,
  );
}

/**
 * JSON Lines (.jsonl, .ndjson): one JSON value per line, each classified on its own (a recorded
 * response or stream chunk is "response"). A line that is not JSON leaves its matches to the
 * default ("other"); a file that is one multi-line JSON document is read as JSON.
 */
export const jsonlAdapter: Adapter = {
  name: "jsonl",
  description: "JSON Lines (.jsonl, .ndjson): batch requests, recorded streams",
  scan(input: AdapterInput): AdapterOutput {
    const { text } = input;
    const collector = new SlotCollector(input.matches);
    const bad: number[] = [];
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end);
      if (line.trim() && collector.hasMatchIn(start, end)) {
        const errors: ParseError[] = [];
        const root = parseTree(line, errors, PARSE_OPTIONS);
        if (errors.length === 0) walk(root, [], false, collector, start);
        else bad.push(start);
      }
      if (end >= text.length) break;
      start = end + 1;
    }
    if (bad.length > 0) {
      // Maybe one pretty-printed document saved as .jsonl.
      const errors: ParseError[] = [];
      const root = parseTree(text, errors, PARSE_OPTIONS);
      if (errors.length === 0) {
        const whole = new SlotCollector(input.matches);
        walk(root, [], false, whole, 0);
        return { sites: sitesFromSlots(input, whole.slots) };
      }
    }
    const sites: Site[] = sitesFromSlots(input, collector.slots);
    if (bad.length > 0) {
      const lines = new LineIndex(text);
      const badLines = new Set(bad.map((b) => lines.lineOf(b)));
      for (const m of input.matches)
        if (badLines.has(lines.lineOf(m.idStart))) sites.push(at(P.invalidJsonLine, m.idStart, { advice: "This line is not valid JSON." }));
    }
    return { sites };
  },
};
