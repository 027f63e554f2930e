import { parse } from "smol-toml";
import type { Adapter, AdapterInput, AdapterOutput } from "../../core/types.js";
import { SlotCollector, sitesFromSlots, type Slot } from "./slots.js";
import { pathIsModelNamed } from "../../knowledge/naming.js";

/** A string value found by the tokenizer: the content range (inside the delimiters). */
interface StringValue {
  start: number;
  end: number;
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;

/**
 * A small TOML tokenizer that locates strings, keys and comments with their key paths: basic,
 * literal and multi-line strings, bare/quoted/dotted keys, [tables], [[arrays of tables]], inline
 * tables, arrays, comments. The file was already checked with a real TOML parser (smol-toml), so
 * the tokenizer can stay small; it never throws past its end.
 */
class TomlScanner {
  private i = 0;
  private readonly n: number;
  private readonly arrayTables = new Map<string, number>();
  constructor(
    private readonly text: string,
    private readonly collector: SlotCollector,
  ) {
    this.n = text.length;
  }

  run(): void {
    let table: string[] = [];
    while (this.i < this.n) {
      this.skipSpace(true);
      if (this.i >= this.n) break;
      const c = this.text[this.i];
      if (c === "[") {
        const isArray = this.text[this.i + 1] === "[";
        this.i += isArray ? 2 : 1;
        const keys = this.keys([]);
        this.skipSpace(false);
        this.i += isArray ? 2 : 1; // "]]" or "]"
        if (isArray) {
          const id = JSON.stringify(keys);
          const idx = this.arrayTables.get(id) ?? 0;
          this.arrayTables.set(id, idx + 1);
          table = [...keys, String(idx)];
        } else table = keys;
      } else {
        const before = this.i;
        this.keyValue(table);
        if (this.i === before) this.i++; // never loop on something unexpected
      }
    }
  }

  /** Spaces and tabs; with `newlines`, also line breaks and comments (comments become slots). */
  private skipSpace(newlines: boolean): void {
    const t = this.text;
    while (this.i < this.n) {
      const c = t[this.i];
      if (c === " " || c === "\t") this.i++;
      else if (c === "#") {
        const s = this.i;
        while (this.i < this.n && t[this.i] !== "\n" && t[this.i] !== "\r") this.i++;
        this.collector.add({ start: s, end: this.i, role: "comment", path: [] });
      } else if (newlines && (c === "\n" || c === "\r")) this.i++;
      else break;
    }
  }

  /** A dotted key; every segment becomes a key slot with the path down to it. */
  private keys(base: string[]): string[] {
    const out: string[] = [];
    for (;;) {
      this.skipSpace(false);
      const t = this.text;
      const c = t[this.i];
      let seg: string;
      let s: number;
      let e: number;
      if (c === '"' || c === "'") {
        const str = this.singleLineString(c);
        s = str.start;
        e = str.end;
        seg = t.slice(s, e);
        if (c === '"') seg = unescapeBasic(seg);
      } else {
        BARE_KEY.lastIndex = this.i;
        const m = BARE_KEY.exec(t);
        if (!m) return out;
        s = this.i;
        e = this.i + m[0].length;
        this.i = e;
        seg = m[0];
      }
      out.push(seg);
      this.collector.add({ start: s, end: e, role: "key", path: [...base, ...out] });
      this.skipSpace(false);
      if (t[this.i] === ".") this.i++;
      else return out;
    }
  }

  private keyValue(table: string[]): void {
    const keys = this.keys(table);
    if (keys.length === 0) return;
    this.skipSpace(false);
    if (this.text[this.i] !== "=") return;
    this.i++;
    this.skipSpace(false);
    const path = [...table, ...keys];
    const v = this.value(path);
    if (v) this.collector.add({ start: v.start, end: v.end, role: "value", path });
  }

  /** A value; returns the string's content range when it is a string (the caller adds the slot). */
  private value(path: string[]): StringValue | undefined {
    const t = this.text;
    const c = t[this.i];
    if (c === '"' || c === "'") {
      if (t.startsWith(c.repeat(3), this.i)) return this.multiLineString(c);
      return this.singleLineString(c);
    }
    if (c === "[") {
      this.array(path);
      return undefined;
    }
    if (c === "{") {
      this.inlineTable(path);
      return undefined;
    }
    // Number, boolean, date: up to a delimiter.
    while (this.i < this.n && !/[\s,\]}#]/.test(t[this.i]!)) this.i++;
    return undefined;
  }

  private singleLineString(q: string): StringValue {
    const t = this.text;
    const start = this.i + 1;
    let j = start;
    while (j < this.n && t[j] !== q && t[j] !== "\n") j += q === '"' && t[j] === "\\" ? 2 : 1;
    this.i = Math.min(j + 1, this.n);
    return { start, end: Math.min(j, this.n) };
  }

  private multiLineString(q: string): StringValue {
    const t = this.text;
    let start = this.i + 3;
    // A line break right after the opening delimiter is not part of the value.
    if (t[start] === "\n") start++;
    else if (t[start] === "\r" && t[start + 1] === "\n") start += 2;
    let j = start;
    for (;;) {
      if (j >= this.n) break;
      if (q === '"' && t[j] === "\\") {
        j += 2;
        continue;
      }
      if (t.startsWith(q.repeat(3), j)) {
        // Up to two more quotes right before the closing delimiter belong to the value.
        let k = j + 3;
        while (k < this.n && t[k] === q && k - j < 5) k++;
        j = k - 3;
        break;
      }
      j++;
    }
    this.i = Math.min(j + 3, this.n);
    return { start, end: Math.min(j, this.n) };
  }

  /** Comma-separated items up to `close` (consumed); `item` reads one; a stuck item skips a character. */
  private delimited(close: string, item: () => void): void {
    for (;;) {
      this.skipSpace(true);
      if (this.i >= this.n) break;
      const c = this.text[this.i];
      if (c === close) {
        this.i++;
        break;
      }
      if (c === ",") {
        this.i++;
        continue;
      }
      const before = this.i;
      item();
      if (this.i === before) this.i++;
    }
  }

  private array(path: string[]): void {
    this.i++; // "["
    const strings: StringValue[] = [];
    let idx = 0;
    this.delimited("]", () => {
      const v = this.value([...path, String(idx)]);
      if (v) strings.push(v);
      idx++;
    });
    const members = strings.map((s) => this.text.slice(s.start, s.end));
    strings.forEach((s, i) => this.collector.add({ start: s.start, end: s.end, role: "value", path, members, prev: i > 0 ? members[i - 1] : undefined }));
  }

  private inlineTable(path: string[]): void {
    this.i++; // "{"
    this.delimited("}", () => this.keyValue(path));
  }
}

/**
 * `[[agents]] model = "deepseek-chat"` next to `[[agents]] model = "deepseek-reasoner"` (or an array
 * of inline tables): the values of one key across the array's tables form a collection, so a rename
 * that would make two entries equal is not safe. Read from the parsed data.
 */
function addSiblings(slot: Slot, data: unknown): void {
  const p = slot.path;
  if (slot.role !== "value" || slot.members || p.length < 3 || !/^\d+$/.test(p[p.length - 2]!) || !pathIsModelNamed(p)) return;
  let container: unknown = data;
  for (const seg of p.slice(0, -2)) {
    if (!container || typeof container !== "object") return;
    container = (container as Record<string, unknown>)[seg];
  }
  if (!Array.isArray(container) || container.length < 2) return;
  const key = p[p.length - 1]!;
  const members = container
    .map((o: unknown) => (o && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined))
    .filter((v): v is string => typeof v === "string");
  if (members.length > 1) slot.members = members;
}

function unescapeBasic(s: string): string {
  if (!s.includes("\\")) return s;
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}

/** TOML (pyproject.toml, config.toml, Pipfile, …): validated with smol-toml, located by a tokenizer. */
export const adapter: Adapter = {
  name: "toml",
  description: "TOML (.toml, Pipfile): pyproject.toml, config.toml, tool settings",
  scan(input: AdapterInput): AdapterOutput {
    let data: unknown;
    try {
      data = parse(input.text);
    } catch (e) {
      const msg = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      return { sites: [], parseError: `TOML: ${msg}` };
    }
    const collector = new SlotCollector(input.matches);
    new TomlScanner(input.text, collector).run();
    for (const slot of collector.slots) addSiblings(slot, data);
    return { sites: sitesFromSlots(input, collector.slots) };
  },
};
