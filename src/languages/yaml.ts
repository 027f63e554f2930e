import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from "yaml";
import type { Adapter, AdapterInput, AdapterOutput } from "../types.js";
import { ENUM_BOUND_KEYS, SHELL_KEYS, SlotCollector, isResponseObject, pathIsModelNamed, sitesFromSlots, type Slot } from "./config-slots.js";

/** Keys whose list items are env entries `KEY=value` (docker-compose environment, build args). */
const ENV_LIST_KEYS = new Set(["environment", "env", "args"]);

interface Ctx {
  response: boolean;
  /** The `name` of a Kubernetes/ECS-style {name, value} env entry, for its `value`. */
  envName?: string;
  /** For a mapping that is a list item: the scalar values of each key across its sibling items. */
  siblings?: Map<string, string[]>;
}

/** The source range of a scalar's content: quotes and block headers excluded. */
function contentRange(text: string, node: Scalar): [number, number] | undefined {
  const r = node.range;
  if (!r) return undefined;
  const [start, end] = [r[0], r[1]];
  switch (node.type) {
    case "QUOTE_DOUBLE":
    case "QUOTE_SINGLE":
      return [start + 1, Math.max(start + 1, end - 1)];
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED": {
      const nl = text.indexOf("\n", start);
      return [nl < 0 || nl > end ? end : nl + 1, end];
    }
    default:
      return [start, end];
  }
}

function keyText(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null ? "" : String(node.value);
  return undefined;
}

class YamlWalker {
  readonly collector: SlotCollector;
  private readonly slotOf = new Map<Node, Slot>();
  constructor(
    private readonly text: string,
    input: AdapterInput,
    private readonly doc: Document,
  ) {
    this.collector = new SlotCollector(input.matches);
  }

  private addScalar(node: Scalar, slot: Omit<Slot, "start" | "end">): void {
    const range = contentRange(this.text, node);
    if (!range) return;
    const full: Slot = { ...slot, start: range[0], end: range[1] };
    const before = this.collector.slots.length;
    this.collector.add(full);
    if (this.collector.slots.length > before) this.slotOf.set(node, full);
  }

  walk(node: unknown, path: string[], ctx: Ctx): void {
    if (isMap(node)) {
      const keys = new Map<string, unknown>();
      for (const pair of node.items) {
        const k = keyText(pair.key);
        if (k !== undefined) keys.set(k, isScalar(pair.value) ? pair.value.value : true);
      }
      const response = ctx.response || isResponseObject(keys);
      const name = keys.get("name");
      const envName = typeof name === "string" && keys.has("value") ? name : undefined;
      const enumSeq = node.items.find((pair) => keyText(pair.key) === "enum")?.value;
      const enumMembers = isSeq(enumSeq)
        ? enumSeq.items.filter((it) => isScalar(it) && it.value !== null).map((it) => String((it as Scalar).value))
        : undefined;
      for (const pair of node.items) {
        const k = keyText(pair.key);
        if (isScalar(pair.key) && k !== undefined) this.addScalar(pair.key, { role: "key", path: [...path, k], response });
        else if (pair.key) this.walk(pair.key, path, { response });
        if (enumMembers && k !== undefined && ENUM_BOUND_KEYS.includes(k) && isScalar(pair.value) && enumMembers.includes(String(pair.value.value))) {
          // `default: deepseek-chat` next to `enum: [...]`: renamed only with its enum (JSON Schema, OpenAPI).
          this.addScalar(pair.value, { role: "value", path: [...path, "enum"], members: enumMembers, response });
          continue;
        }
        const childPath = k === undefined ? path : [...path, k];
        // `- {model_name: deepseek-chat}` next to `- {model_name: deepseek-reasoner}`: the values of
        // one key across sibling list items form a collection (a rename must not duplicate them).
        const siblings = k !== undefined && !envName && isScalar(pair.value) && pathIsModelNamed(childPath) ? ctx.siblings?.get(k) : undefined;
        if (siblings && siblings.length > 1) this.addScalar(pair.value as Scalar, { role: "value", path: childPath, members: siblings, response });
        else this.walk(pair.value, childPath, { response, envName: k === "value" ? envName : undefined });
      }
    } else if (isSeq(node)) {
      const members = node.items.filter((it) => isScalar(it) && it.value !== null).map((it) => String((it as Scalar).value));
      const parentKey = path[path.length - 1] ?? "";
      const envList = ENV_LIST_KEYS.has(parentKey.toLowerCase());
      const siblings = new Map<string, string[]>();
      for (const it of node.items) {
        if (!isMap(it)) continue;
        for (const pair of it.items) {
          const k = keyText(pair.key);
          if (k === undefined || !isScalar(pair.value) || pair.value.value === null) continue;
          const list = siblings.get(k) ?? [];
          list.push(String(pair.value.value));
          siblings.set(k, list);
        }
      }
      node.items.forEach((item, idx) => {
        if (isScalar(item)) {
          const envEntry = envList && typeof item.value === "string" && /^[A-Za-z_][A-Za-z0-9_.-]*=/.test(item.value);
          const before = node.items[idx - 1];
          const prev = isScalar(before) && before.value !== null ? String(before.value) : undefined;
          // `script: [ "python eval.py --model deepseek-chat" ]` (GitLab CI): each item is a command line.
          const shell = SHELL_KEYS.includes(parentKey.toLowerCase()) || undefined;
          this.addScalar(item, envEntry ? { role: "value", path, envEntry: true, response: ctx.response } : { role: "value", path, members, prev, response: ctx.response, shell });
        } else if (isAlias(item)) {
          // An alias in a list: the anchored value is a collection member; left as it is classified.
        } else this.walk(item, [...path, String(idx)], { response: ctx.response, siblings });
      });
    } else if (isScalar(node)) {
      const shell = SHELL_KEYS.includes((path[path.length - 1] ?? "").toLowerCase()) || undefined;
      this.addScalar(node, { role: "value", path, response: ctx.response, envName: ctx.envName, envValue: ctx.envName !== undefined, shell });
    } else if (isAlias(node)) {
      // `key: *anchor` in a model position makes the anchored scalar a model value too.
      if (pathIsModelNamed(path)) {
        const target = node.resolve(this.doc);
        if (target && isScalar(target)) {
          const slot = this.slotOf.get(target);
          if (slot) slot.aliasModel = true;
        }
      }
    }
  }
}

/**
 * YAML with the `yaml` package (multi-document, anchors and aliases, block and flow styles).
 * Only classification: the rename is the central edit at the scalar's exact offsets, so quoting,
 * comments and layout stay as they are.
 */
export const adapter: Adapter = {
  name: "yaml",
  description: "YAML (.yaml, .yml): docker-compose, GitHub Actions, Kubernetes, app configs",
  scan(input: AdapterInput): AdapterOutput {
    const { text } = input;
    const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      if (d.errors.length > 0) {
        const err = d.errors[0]!;
        return { sites: [], parseError: `YAML: ${err.message.split("\n")[0]}` };
      }
    }
    const slots: Slot[] = [];
    for (const d of list) {
      const w = new YamlWalker(text, input, d);
      w.walk(d.contents, [], { response: false });
      slots.push(...w.collector.slots);
    }
    // A match outside every scalar is in a comment (or an anchor, tag or directive: "other").
    const inSlot = (idStart: number) => slots.some((s) => s.start <= idStart && idStart < s.end);
    for (const m of input.matches) {
      if (inSlot(m.idStart)) continue;
      const lineStart = Math.max(text.lastIndexOf("\n", m.start - 1), text.lastIndexOf("\r", m.start - 1)) + 1;
      const before = text.slice(lineStart, m.start);
      const hash = before.search(/(^|[ \t])#/);
      if (hash >= 0) {
        const at = lineStart + before.indexOf("#", hash);
        let end = m.end;
        while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
        slots.push({ start: at, end, role: "comment", path: [] });
      }
    }
    return { sites: sitesFromSlots(input, slots) };
  },
};
