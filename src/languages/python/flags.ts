import type { Node } from "web-tree-sitter";
import type { Edit, FlagFix, JsonValue, Rule } from "../../core/types.js";
import { thinkingOffConflicts } from "../../knowledge/requests.js";
import { indentUnit, renameGrowth, trailingCommaStyle } from "../shared/line-width.js";
import type { PyFile } from "./file.js";
import { dictKeys, elements, firstKeyQuote, layoutOf } from "./nodes.js";
import { insertItems, mergeInsertions, pyLiteral, pyString, type Wrap } from "./render.js";
import { SDK_KEYWORD_FLAGS, type RequestKind } from "./tables.js";

/** The thinking-flag edits of the requests Python code makes (docs/contract.md §5). */

/** Expression types that must be parenthesized after `**` in a dict display. */
const LOOSE_EXPRESSIONS = new Set([
  "conditional_expression",
  "lambda",
  "boolean_operator",
  "not_operator",
  "comparison_operator",
  "named_expression",
  "yield",
]);

/** The flags cannot be written without a person deciding. */
const manual = (): FlagFix => ({ status: "manual", edits: [] });

/** Flags for an SDK or LangChain call: keywords the SDK knows, the rest in extra_body (docs/contract.md §5). */
export function callFlags(f: PyFile, call: Node, req: RequestKind, rule: Rule, quote: string): FlagFix | undefined {
  const wanted = wantedFlags(rule, req);
  // A rule without flags: nothing to write, the finding says not-applicable.
  if (Object.keys(wanted).length === 0) return undefined;
  const list = call.childForFieldName("arguments");
  if (!list || list.type !== "argument_list") return manual();
  const els = elements(list);
  // `**kwargs` may already hold extra_body or the flags: adding them could raise a TypeError.
  if (els.some((a) => a.type === "dictionary_splat")) return manual();
  const keywords = new Map<string, Node>();
  for (const a of els) if (a.type === "keyword_argument") keywords.set(a.childForFieldName("name")?.text ?? "", a);
  const extra = keywords.get("extra_body")?.childForFieldName("value") ?? undefined;
  const extraDict = extra?.type === "dictionary" ? extra : undefined;
  const extraKeys = extraDict ? dictKeys(extraDict) : new Set<string>();
  const has = (k: string) => keywords.has(k) || extraKeys.has(k);
  // Thinking disabled next to a reasoning_effort the request sets would be rejected (400): a person decides.
  if (thinkingOffConflicts(wanted, has)) return manual();
  const kwItems: string[] = [];
  const bodyItems: [string, JsonValue][] = [];
  for (const [k, v] of Object.entries(wanted)) {
    if (has(k)) continue;
    // A project on an `openai` older than the keyword sends it in extra_body (python/sdk-version.ts).
    if (SDK_KEYWORD_FLAGS.has(k) && !f.layout.olderOpenAi) kwItems.push(`${k}=${pyLiteral(v, quote)}`);
    else bodyItems.push([k, v]);
  }
  if (kwItems.length === 0 && bodyItems.length === 0) return { status: "present", edits: [] };
  const edits: Edit[] = [];
  const args = [...kwItems];
  if (bodyItems.length > 0) {
    const q = (extraDict && firstKeyQuote(extraDict)) || quote;
    const entries = bodyItems.map(([k, v]) => `${pyString(k, q)}: ${pyLiteral(v, q)}`);
    if (!extra) args.push(`extra_body={${entries.join(", ")}}`);
    else if (extraDict) edits.push(...insertInto(f, extraDict, entries));
    else edits.push(...mergeIntoExpression(extra, entries));
  }
  edits.push(...insertInto(f, list, args));
  return { status: "added", edits: mergeInsertions(edits) };
}

/** `extra_body=opts` → `extra_body={**opts, "thinking": …}`. */
function mergeIntoExpression(extra: Node, entries: string[]): Edit[] {
  const wrap = LOOSE_EXPRESSIONS.has(extra.type);
  return [
    { start: extra.startIndex, end: extra.startIndex, text: wrap ? "{**(" : "{**" },
    { start: extra.endIndex, end: extra.endIndex, text: `${wrap ? ")" : ""}, ${entries.join(", ")}}` },
  ];
}

/** Flags for a raw request body dict: keys "thinking" and "reasoning_effort" (docs/contract.md §5). */
export function bodyFlags(f: PyFile, dict: Node, rule: Rule, quote: string): FlagFix | undefined {
  if (Object.keys(rule.flags).length === 0) return undefined;
  // Keyword arguments, not a JSON body: the SDK's `create()` rejects a `thinking=` keyword.
  if (splatted(f, dict)) return manual();
  const keys = dictKeys(dict);
  if (thinkingOffConflicts(rule.flags, (k) => keys.has(k))) return manual();
  const q = firstKeyQuote(dict) ?? quote;
  const items = Object.entries(rule.flags)
    .filter(([k]) => !keys.has(k))
    .map(([k, v]) => `${pyString(k, q)}: ${pyLiteral(v, q)}`);
  if (items.length === 0) return { status: "present", edits: [] };
  return { status: "added", edits: mergeInsertions(insertInto(f, dict, items)) };
}

/**
 * A dict the file unpacks into a call's keyword arguments: `create(**{…})`, `params = {…}` …
 * `create(**params)`, `return {…}` from a function called as `create(**build(…))`.
 */
function splatted(f: PyFile, dict: Node): boolean {
  const p = dict.parent;
  if (kwargsSplat(p)) return true;
  const left = p?.type === "assignment" ? p.childForFieldName("left") : undefined;
  const fn = p?.type === "return_statement" ? enclosingFunctionName(p) : undefined;
  const name = left && (left.type === "identifier" || left.type === "attribute") ? left.text : fn;
  if (!name) return false;
  return f.occurrences(name).some((start) => {
    let n = f.root.descendantForIndex(start, start + name.length);
    while (n && n.type !== "dictionary_splat" && (n.type === "identifier" || n.type === "attribute" || (fn !== undefined && (n.type === "call" || n.type === "argument_list"))))
      n = n.parent;
    return kwargsSplat(n);
  });
}

/** `**x` among a call's arguments; the same node in a dict display (`{**body, "stream": s}`) is a merge. */
function kwargsSplat(n: Node | null | undefined): boolean {
  return n?.type === "dictionary_splat" && n.parent?.type === "argument_list";
}

function enclosingFunctionName(n: Node): string | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === "function_definition") return p.childForFieldName("name")?.text;
  return undefined;
}

/** Items added to a call's arguments or a dict, in the container's layout and the project's line width. */
function insertInto(f: PyFile, container: Node, items: string[]): Edit[] {
  const { open, last, comma } = layoutOf(container);
  const width = f.layout.width;
  const close = container.child(container.childCount - 1);
  const wrap: Wrap | undefined =
    width !== undefined && close
      ? {
          width,
          unit: indentUnit(f.code, "    "),
          trailingComma: trailingCommaStyle(f.code, true),
          elements: elements(container),
          close,
          growth: (s, e) => renameGrowth(f.matches, f.ruleset, s, e),
        }
      : undefined;
  return insertItems(f.code, open, last, comma, items, wrap);
}

/** The flags a request needs: the rule's, or the endpoint's fixed values for the keys the rule sets. */
function wantedFlags(rule: Rule, req: RequestKind): Record<string, JsonValue> {
  if (!req.fixedFlags) return rule.flags;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(req.fixedFlags)) if (k in rule.flags) out[k] = v;
  return out;
}

/** A value that could be either of two IDs: its flags cannot be guessed (when the rule has any). */
export function manualIfFlags(rule: Rule): FlagFix | undefined {
  return Object.keys(rule.flags).length > 0 ? manual() : undefined;
}
