import type { Node } from "web-tree-sitter";
import { RESPONSE_KEYS, isResponseObjectType } from "../../knowledge/responses.js";
import { ENV_LOOKUPS } from "./tables.js";

/** Small questions about tree-sitter Python nodes, shared by the position matchers. */

export function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** A node and up to `max - 1` of its ancestors, innermost first. */
export function ancestors(node: Node, max: number): Node[] {
  const out: Node[] = [node];
  let n: Node | null = node;
  while (out.length < max && (n = n.parent)) out.push(n);
  return out;
}

/** Named children without comments. */
export function elements(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
}

/** The value of a plain string literal (no f-string, no escapes, not concatenated), else undefined. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== "string") return undefined;
  const start = node.child(0);
  if (!start || /[fFtT]/.test(start.text)) return undefined;
  if (node.childCount === 2) return "";
  if (node.childCount !== 3) return undefined;
  const content = node.child(1)!;
  if (content.type !== "string_content" || content.childCount > 0) return undefined;
  return content.text;
}

/** A value that can be copied into a second table entry: a literal or a name, no call. */
export function plainValue(node: Node): boolean {
  if (["string", "integer", "float", "true", "false", "none", "identifier", "attribute", "unary_operator"].includes(node.type))
    return node.type !== "string" || !/^[a-zA-Z]*[fF]/.test(node.text);
  if (["dictionary", "list", "tuple", "set"].includes(node.type))
    return node.descendantsOfType(["call", "lambda", "await", "list_comprehension", "dictionary_comprehension", "set_comprehension", "generator_expression", "interpolation"]).length === 0;
  return false;
}

/** A name that can be written twice: `model`, `self.model`, `cfg["model"]`, no call. */
export function plainName(node: Node): boolean {
  return ["identifier", "attribute", "subscript"].includes(node.type) && node.descendantsOfType("call").length === 0;
}

/** The quote character of a string literal. */
export function quoteOf(node: Node | null | undefined): string | undefined {
  const start = node?.type === "string" ? node.child(0)?.text : undefined;
  const q = start?.slice(-1);
  return q === "'" || q === '"' ? q : undefined;
}

export function calleeText(call: Node): string {
  return (call.childForFieldName("function")?.text ?? "").replace(/\s+/g, "");
}

export function lastSegment(callee: string): string {
  return callee.slice(callee.lastIndexOf(".") + 1);
}

export function keyName(key: Node | null): string {
  if (!key) return "";
  return stringValue(key) ?? (key.type === "identifier" ? key.text : "");
}

export function dictKeys(dict: Node): Set<string> {
  const keys = new Set<string>();
  for (const c of elements(dict)) if (c.type === "pair") keys.add(keyName(c.childForFieldName("key")));
  return keys;
}

export function firstKeyQuote(dict: Node): string | undefined {
  for (const c of elements(dict)) if (c.type === "pair") return quoteOf(c.childForFieldName("key"));
  return undefined;
}

/** A dict that is a recorded response (docs/contract.md §4): it has choices or usage, or object "chat.completion…". */
export function isResponse(dict: Node): boolean {
  for (const c of elements(dict)) {
    if (c.type !== "pair") continue;
    const k = keyName(c.childForFieldName("key"));
    if (RESPONSE_KEYS.includes(k ?? "")) return true;
    if (k === "object" && isResponseObjectType(stringValue(c.childForFieldName("value")))) return true;
  }
  return false;
}

/** The positional arguments of a call. */
export function positional(call: Node): Node[] {
  const list = call.childForFieldName("arguments");
  if (!list || list.type !== "argument_list") return [];
  return elements(list).filter((a) => !["keyword_argument", "list_splat", "dictionary_splat"].includes(a.type));
}

/** The function whose body holds A[from] (not through a lambda or a class). */
export function enclosingFunction(A: Node[], from: number): Node | undefined {
  for (let k = from; k < A.length; k++) {
    const t = A[k]!.type;
    if (t === "function_definition") return A[k];
    if (t === "lambda" || t === "class_definition") return undefined;
  }
  return undefined;
}

/** The call whose keyword argument A[i] is: keyword_argument → argument_list → call. */
export function callOfKeyword(A: Node[], i: number): Node | undefined {
  return A[i + 1]?.type === "argument_list" && A[i + 2]?.type === "call" ? A[i + 2] : undefined;
}

/**
 * Climb from a value through parentheses and the branches of conditionals / `or` defaults to the
 * expression whose position decides the value's kind: A[j]. `conditional`: the value is one of
 * several; `envDefault`: it is the `or` default of an environment lookup
 * (docs/contract.md §4, model position 3).
 */
export function climbValue(A: Node[], si: number): { j: number; conditional: boolean; envDefault: boolean } {
  let j = si;
  let conditional = false;
  while (j + 1 < A.length) {
    const p = A[j + 1]!;
    if (p.type === "parenthesized_expression") {
      j++;
      continue;
    }
    if (p.type === "conditional_expression") {
      const named = p.namedChildren;
      if (same(named[0], A[j]) || same(named[named.length - 1], A[j])) {
        conditional = true;
        j++;
        continue;
      }
      break;
    }
    if (p.type === "boolean_operator") {
      // `os.environ.get("X") or "…"`
      const left = p.childForFieldName("left");
      if (same(p.childForFieldName("right"), A[j]) && left?.type === "call" && ENV_LOOKUPS.some((re) => re.test(calleeText(left))))
        return { j, conditional, envDefault: true };
      conditional = true;
      j++;
      continue;
    }
    break;
  }
  return { j, conditional, envDefault: false };
}

/**
 * The names above a value, innermost first: dict keys, then the keyword, variable or parameter
 * the outermost dict is bound to. Lists end the path (their members are collection members).
 */
export function keyPath(A: Node[], k: number): string[] {
  const segs: string[] = [];
  for (let i = k; i + 1 < A.length; i++) {
    const p = A[i + 1]!;
    if (PASS_THROUGH.has(p.type)) continue;
    if (p.type === "pair") {
      if (!same(p.childForFieldName("value"), A[i])) return segs;
      segs.push(keyName(p.childForFieldName("key")));
      continue;
    }
    const name = bindingName(A, i + 1);
    if (name !== undefined) segs.push(name);
    return segs;
  }
  return segs;
}

/** Containers a key path passes through without a name. */
const PASS_THROUGH = new Set(["parenthesized_expression", "dictionary", "type", "type_parameter", "generic_type"]);

/** The name that A[i] binds the value below it to: a keyword, a variable, a parameter, a function's return. */
function bindingName(A: Node[], i: number): string | undefined {
  const p = A[i]!;
  switch (p.type) {
    case "keyword_argument":
    case "default_parameter":
    case "typed_default_parameter":
      return p.childForFieldName("name")?.text ?? "";
    case "assignment":
      return p.childForFieldName("left")?.text ?? "";
    case "typed_parameter":
      return p.namedChild(0)?.text ?? "";
    case "return_statement":
      return enclosingFunction(A, i)?.childForFieldName("name")?.text ?? "";
    default:
      return undefined;
  }
}

/** The container's opening bracket, last element and trailing comma, for insertItems. */
export function layoutOf(container: Node): { open: Node; last?: Node; comma?: Node } {
  const open = container.child(0)!;
  const els = elements(container);
  const last = els[els.length - 1];
  let comma: Node | undefined;
  if (last) {
    let s = last.nextSibling;
    while (s && s.type === "comment") s = s.nextSibling;
    if (s && s.type === ",") comma = s;
  }
  return { open, last, comma };
}
