import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, visit, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import type { Adapter, AdapterInput, AdapterOutput, Match } from "../../core/types.js";
import { ENUM_BOUND_KEYS, SHELL_KEYS, SlotCollector, sitesFromSlots, type Slot } from "./slots.js";
import { pathIsModelNamed } from "../../knowledge/naming.js";
import { isRecordedExchange, isResponseObject, type Shape } from "../../knowledge/responses.js";

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

/** A mapping's keys with their scalar values, and the keys of its mappings `depth` levels down (knowledge/responses.ts `Shape`). */
function shapeOf(node: YAMLMap, depth: number): Shape {
  const keys: Shape = new Map();
  for (const pair of node.items) {
    const k = keyText(pair.key);
    if (k !== undefined) keys.set(k, isScalar(pair.value) ? pair.value.value : depth > 0 && isMap(pair.value) ? shapeOf(pair.value, depth - 1) : true);
  }
  return keys;
}

class YamlWalker {
  private readonly slotOf = new Map<Node, Slot>();
  constructor(
    /** The parsed text: the whole file, or one top-level section of it. */
    private readonly text: string,
    /** Where `text` starts in the file: node ranges are shifted by it. */
    private readonly base: number,
    private readonly doc: Document,
    private readonly collector: SlotCollector,
    /**
     * Skip subtrees whose source range holds no match start. Exact only when the document has no
     * alias: everything else the walk reads outside a matched scalar (a mapping's keys for
     * `isResponseObject`, `name`/`value`, `enum`; a list's members and sibling maps) is read from
     * the enclosing collection, which is visited whenever it contains a match.
     */
    private readonly prune: boolean,
  ) {}

  /** Whether a node may hold a slot that is kept (one containing a match start). */
  private touched(node: unknown): boolean {
    if (!this.prune) return true;
    if (node === null || node === undefined) return false;
    const r = (node as Node).range;
    return !r || this.collector.hasMatchIn(this.base + r[0], this.base + r[2]);
  }

  private addScalar(node: Scalar, slot: Omit<Slot, "start" | "end">): void {
    const range = contentRange(this.text, node);
    if (!range) return;
    const full: Slot = { ...slot, start: this.base + range[0], end: this.base + range[1] };
    const before = this.collector.slots.length;
    this.collector.add(full);
    if (this.collector.slots.length > before) this.slotOf.set(node, full);
  }

  walk(node: unknown, path: string[], ctx: Ctx): void {
    if (!this.touched(node)) return;
    if (isMap(node)) {
      const keys = shapeOf(node, 2);
      const response = ctx.response || isResponseObject(keys) || isRecordedExchange(keys);
      const name = keys.get("name");
      const envName = typeof name === "string" && keys.has("value") ? name : undefined;
      const enumSeq = node.items.find((pair) => keyText(pair.key) === "enum")?.value;
      const enumMembers = isSeq(enumSeq)
        ? enumSeq.items.filter((it) => isScalar(it) && it.value !== null).map((it) => String((it as Scalar).value))
        : undefined;
      for (const pair of node.items) {
        if (!this.touched(pair.key) && !this.touched(pair.value)) continue;
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
        if (!this.touched(item)) return;
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

const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

/**
 * Text that may hold an alias (`*name`): `*` after the start of the text, whitespace or a flow
 * indicator, followed by an anchor-name character. Conservative (it also fires on a cron line);
 * it never misses an alias. When it fires, the parsed documents are searched for one.
 */
const MAY_HAVE_ALIAS = /(?:^|[\s,[\]{}:])\*[^\s,[\]{}]/;

/** Whether a parsed document has an alias, or (with `anchors`) an anchor. */
function hasAliasOrAnchor(doc: Document, anchors: boolean): boolean {
  let found = false;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) || (anchors && node.anchor)) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** A plain, double- or single-quoted key at column 0 followed by `:` (escapes and `''` excluded). */
const TOP_KEY = /(?:([A-Za-z0-9_$][^\n:#]*?)|"([^"\\\n]*)"|'([^'\n]*)')[ \t]*:(?=[ \t\r\n]|$)/y;
/** The one leading document start marker allowed before the first key (`---`, `--- # comment`). */
const DOC_START = /---(?:[ \t]+(?:#.*)?)?\r?$/my;
/** A blank or comment line (before the first key). */
const BLANK_OR_COMMENT = /[ \t]*(?:#.*)?\r?$/my;
/** Top-level keys that change how the top-level mapping's other keys are read (response, `name`/`value`, `enum`). */
const CONTEXT_KEYS = new Set(["choices", "usage", "object", "name", "value", "enum"]);

/** Files of at least this many characters may be parsed by top-level section (see planSections). */
export const SECTION_THRESHOLD = 32 * 1024;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** A top-level section: the lines from one column-0 key to the next. */
export interface Section {
  start: number;
  end: number;
  key: string;
}

/**
 * The top-level sections of `text` that contain a match start, as [start, end) offsets, when the
 * file can be classified section by section with the same result as the whole parse; undefined
 * when there is any doubt (the caller then parses the whole file).
 *
 * Required: one document (no `...`, no `%` directive, at most one `---` and only before the first
 * key); no lone CR line break; the top level a block mapping whose keys are simple keys at column
 * 0, none of which makes it a response object or gives its other keys a context (CONTEXT_KEYS). Every
 * column-0 line is then a key, a comment, a blank line, or a `- ` item of the block sequence under
 * the key before it. A section runs from one column-0 key line to the next, so comment and blank
 * lines (column 0 or not) belong to the section they follow; lines before the first key are
 * blank, comment or `---` lines, whose matches are comments (classified from the text).
 */
export function planSections(text: string, collector: SlotCollector): Section[] | undefined {
  if (/\r(?!\n)/.test(text)) return undefined;
  const keyStarts: number[] = [];
  const keys: string[] = [];
  let marker = false;
  for (let p = 0; p < text.length; ) {
    let e = text.indexOf("\n", p);
    if (e < 0) e = text.length;
    const c = text[p]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === "#") {
      // Blank, comment or indented: part of the section it sits in; before the first key, only
      // blank and comment lines (indented content would make the top level something else).
      if (keyStarts.length === 0 && !sticky(BLANK_OR_COMMENT, text, p)) return undefined;
    } else if (c === "-" && text.startsWith("---", p)) {
      if (marker || keyStarts.length > 0 || !sticky(DOC_START, text, p)) return undefined;
      marker = true;
    } else if (c === "-") {
      // `key:` then `- item` at column 0: a block sequence may sit at its key's indentation.
      const next = text[p + 1];
      if (keyStarts.length === 0 || !(next === undefined || next === " " || next === "\t" || next === "\r" || next === "\n")) return undefined;
    } else {
      const m = sticky(TOP_KEY, text, p);
      if (!m) return undefined;
      const key = m[1] !== undefined ? m[1].trim() : (m[2] ?? m[3])!;
      if (CONTEXT_KEYS.has(key)) return undefined;
      keyStarts.push(p);
      keys.push(key);
    }
    p = e + 1;
  }
  if (keyStarts.length === 0) return undefined;
  const sections: Section[] = [];
  keyStarts.forEach((start, i) => {
    const end = keyStarts[i + 1] ?? text.length;
    if (collector.hasMatchIn(start, end)) sections.push({ start, end, key: keys[i]! });
  });
  return sections;
}

/** The slots of the whole file (every document), or its first parse error. */
function slotsOfWhole(text: string, matches: Match[], prune: boolean): { slots: Slot[] } | { parseError: string } {
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    if (d.errors.length > 0) {
      const err = d.errors[0]!;
      return { parseError: `YAML: ${err.message.split("\n")[0]}` };
    }
  }
  const collector = new SlotCollector(matches);
  const canPrune = prune && (!MAY_HAVE_ALIAS.test(text) || !list.some((d) => hasAliasOrAnchor(d, false)));
  for (const d of list) new YamlWalker(text, 0, d, collector, canPrune).walk(d.contents, [], { response: false });
  return { slots: collector.slots };
}

/**
 * The slots of the sections that contain a match, each parsed on its own (planSections), or
 * undefined when the file must be parsed whole: not splittable, or a section that does not parse
 * alone, is not the one key it should be, or has an anchor or an alias. Aliases are the only link
 * between sections: an alias elsewhere can only name an anchor, and a parsed section has none, so
 * no alias outside the parsed sections can mark their values (`aliasModel`); aliases and anchors
 * in sections without a match change nothing the walk reads.
 *
 * Sections without a match are not parsed, so a syntax error in one of them no longer makes the
 * file's matches lexical (nor does a quoted string or flow collection left open at the end of the
 * section before, which the whole parse rejects); that holds only for files over the threshold.
 */
function slotsBySection(text: string, matches: Match[]): { slots: Slot[] } | undefined {
  const collector = new SlotCollector(matches);
  const sections = planSections(text, collector);
  if (!sections) return undefined;
  for (const { start, end, key } of sections) {
    const part = text.slice(start, end);
    const d = parseDocument(part, PARSE_OPTIONS);
    if (d.errors.length > 0 || !isMap(d.contents) || d.contents.items.length !== 1 || keyText(d.contents.items[0]!.key) !== key) return undefined;
    if (hasAliasOrAnchor(d, true)) return undefined;
    new YamlWalker(part, start, d, collector, true).walk(d.contents, [], { response: false });
  }
  return { slots: collector.slots };
}

export interface YamlScanOptions {
  /** Files of at least this many characters are parsed by section when they can be (default SECTION_THRESHOLD). */
  sectionThreshold?: number;
  /** Skip subtrees without a match when no alias can need them (default true). */
  prune?: boolean;
}

/** The adapter's scan, with the path taken: "sections" (planSections) or "whole". */
export function scanYaml(input: AdapterInput, opts: YamlScanOptions = {}): { out: AdapterOutput; via: "sections" | "whole" } {
  const { text } = input;
  const threshold = opts.sectionThreshold ?? SECTION_THRESHOLD;
  let via: "sections" | "whole" = "sections";
  let parsed: { slots: Slot[] } | { parseError: string } | undefined = text.length >= threshold ? slotsBySection(text, input.matches) : undefined;
  if (!parsed) {
    via = "whole";
    parsed = slotsOfWhole(text, input.matches, opts.prune ?? true);
  }
  if ("parseError" in parsed) return { out: { sites: [], parseError: parsed.parseError }, via };
  const slots = parsed.slots;
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
  return { out: { sites: sitesFromSlots(input, slots) }, via };
}

/**
 * YAML with the `yaml` package (multi-document, anchors and aliases, block and flow styles).
 * Only classification: the rename is the central edit at the scalar's exact offsets, so quoting,
 * comments and layout stay as they are. A large file is parsed only in the top-level sections
 * that contain a match, when that is provably the same (planSections).
 */
export const adapter: Adapter = {
  name: "yaml",
  description: "YAML (.yaml, .yml): docker-compose, GitHub Actions, Kubernetes, app configs",
  scan(input: AdapterInput): AdapterOutput {
    return scanYaml(input).out;
  },
};
