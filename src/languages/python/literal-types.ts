import type { Node } from "web-tree-sitter";
import type { Match, Site } from "../../core/types.js";
import { typedBySite } from "../shared/typed-by.js";
import type { PyFile } from "./file.js";
import { callOfKeyword, calleeText, climbValue, elements, enclosingFunction, lastSegment, positional, same, stringValue } from "./nodes.js";
import * as P from "./positions.js";
import { LITERAL_WRAPPERS, OPEN_TYPES } from "./tables.js";

/**
 * A value annotated with a same-file `Literal[...]` type (inline, through an alias, `Optional`,
 * `Union`, `X | None`, `Final`, `Annotated`) is renamed only together with the matching Literal
 * member: renaming one alone fails mypy/pyright. It takes that member's position kind.
 * `classify`: how the adapter places a match (the member is placed like any other match).
 */
export function constrained(f: PyFile, site: Site, A: Node[], si: number, m: Match, classify: (m: Match) => Site): Site {
  if (f.constraintDepth > 4) return site;
  const value = stringValue(A[si]);
  const annotation = value === undefined ? undefined : annotationOf(f, A, climbValue(A, si).j);
  if (!annotation || value === undefined) return site;
  const found = literalMembers(f, annotation, 0);
  if (found.open) return site;
  const member = found.strings.find((s) => stringValue(s) === value && s.startIndex !== A[si]!.startIndex);
  const content = member?.child(1);
  if (!member || !content) return site;
  const fake: Match = { ...m, start: content.startIndex, end: content.endIndex, idStart: content.endIndex - m.legacyId.length };
  let other: Site;
  f.constraintDepth++;
  try {
    other = classify(fake);
  } finally {
    f.constraintDepth--;
  }
  const typed = typedBySite(site, other, member.startPosition.row + 1, "the Literal", m.legacyId);
  if (typed === site) return site;
  // A Literal-typed value is in the member's position (a list member: a position of its own); its description (the member's line) stays its group role.
  return { ...typed, position: typed.kind === "collection" ? P.LITERAL_TYPED : other.position };
}

/** The type annotation that constrains the value at A[j]: of its variable, parameter, function or keyword. */
function annotationOf(f: PyFile, A: Node[], j: number): Node | undefined {
  const node = A[j]!;
  const p = A[j + 1];
  switch (p?.type) {
    case "assignment": {
      if (!same(p.childForFieldName("right"), node)) return undefined;
      const left = p.childForFieldName("left");
      return p.childForFieldName("type") ?? (left ? declaredType(f, left, A, j + 1) : undefined);
    }
    case "typed_default_parameter":
      return same(p.childForFieldName("value"), node) ? (p.childForFieldName("type") ?? undefined) : undefined;
    case "return_statement":
      return enclosingFunction(A, j + 1)?.childForFieldName("return_type") ?? undefined;
    case "keyword_argument": {
      const call = callOfKeyword(A, j + 1);
      if (!same(p.childForFieldName("value"), node) || !call) return undefined;
      return parameterType(f, call, p.childForFieldName("name")?.text ?? "", -1);
    }
    case "argument_list": {
      const call = A[j + 2];
      if (call?.type !== "call") return undefined;
      const index = positional(call).findIndex((a) => same(a, node));
      return index >= 0 ? parameterType(f, call, "", index) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The declared type of an assignment target without its own annotation: `NAME: T` earlier in the
 * same scope, or for `self.NAME`, a class-body field `NAME: T` (dataclass, pydantic) or
 * `self.NAME: T` in the same class.
 */
function declaredType(f: PyFile, left: Node, A: Node[], k: number): Node | undefined {
  let name: string;
  let scope: Node | undefined;
  if (left.type === "identifier") {
    name = left.text;
    scope = enclosingFunction(A, k) ?? f.root;
  } else if (left.type === "attribute" && left.childForFieldName("object")?.text === "self") {
    name = left.childForFieldName("attribute")?.text ?? "";
    scope = A.slice(k).find((n) => n.type === "class_definition");
  } else return undefined;
  if (!scope || !name) return undefined;
  for (const { target, asg, type } of f.annotatedTargets(name)) {
    if (target.startIndex < scope.startIndex || target.endIndex > scope.endIndex) continue;
    if (left.type === "attribute" && target.type === "attribute" && target.childForFieldName("object")?.text !== "self") continue;
    if (left.type === "identifier" && target.type !== "identifier") continue;
    // A class-body field for `self.NAME`: its statement sits directly in the class's block.
    if (target.type === "identifier" && left.type === "attribute" && !same(asg.parent?.parent?.parent, scope)) continue;
    return type;
  }
  return undefined;
}

/**
 * The annotation of a parameter of a same-file function or class called here: by keyword
 * `name`, or by positional `index` (`self`/`cls` skipped for methods). For a class: its
 * annotated fields (dataclass, pydantic, TypedDict) or its `__init__` parameters.
 */
function parameterType(f: PyFile, call: Node, name: string, index: number): Node | undefined {
  const callee = lastSegment(calleeText(call));
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(callee)) return undefined;
  for (const def of f.definitions(callee)) {
    if (def.type === "function_definition") return paramOf(def, name, index);
    for (const st of elements(def.childForFieldName("body") ?? def)) {
      if (st.type === "function_definition" && st.childForFieldName("name")?.text === "__init__") return paramOf(st, name, index);
      const asg = st.type === "expression_statement" ? st.namedChild(0) : null;
      if (name && asg?.type === "assignment" && asg.childForFieldName("left")?.text === name) return asg.childForFieldName("type") ?? undefined;
    }
  }
  return undefined;
}

const PARAMETERS = ["identifier", "typed_parameter", "default_parameter", "typed_default_parameter"];

function paramName(x: Node): string | undefined {
  return x.type === "identifier" ? x.text : x.type === "typed_parameter" ? x.namedChild(0)?.text : x.childForFieldName("name")?.text;
}

function paramOf(def: Node, name: string, index: number): Node | undefined {
  let params = elements(def.childForFieldName("parameters") ?? def).filter((x) => PARAMETERS.includes(x.type));
  const first = params[0];
  const firstName = first?.type === "identifier" ? first.text : (first?.childForFieldName("name") ?? first?.namedChild(0))?.text;
  if (def.parent?.parent?.type === "class_definition" && (firstName === "self" || firstName === "cls")) params = params.slice(1);
  const param = name ? params.find((x) => paramName(x) === name) : params[index];
  return param?.childForFieldName("type") ?? undefined;
}

interface Members {
  strings: Node[];
  open: boolean;
}

/**
 * The string members of the Literal types a type annotation admits, through aliases (`X = Literal[…]`,
 * `X: TypeAlias = …`, `type X = …`), `Optional`, `Union`, `|`, `Final`, `ClassVar`, `Annotated`.
 * `open`: the type also admits any string (`str`, `Any`), so it does not constrain the value.
 */
function literalMembers(f: PyFile, node: Node, depth: number, out: Members = { strings: [], open: false }, literal = false): Members {
  if (depth > 8 || out.open) return out;
  const t = node.type;
  const inner = (n: Node | null | undefined, lit = literal) => n && literalMembers(f, n, depth + 1, out, lit);
  if (t === "type" || t === "parenthesized_expression") inner(node.namedChild(0));
  else if (t === "string") {
    if (literal) out.strings.push(node);
    else forwardReference(f, node, depth, out);
  } else if (t === "binary_operator") {
    inner(node.childForFieldName("left"));
    inner(node.childForFieldName("right"));
  } else if (t === "generic_type" || t === "subscript") genericMembers(f, node, depth, out);
  else if (t === "identifier" || t === "attribute") {
    const name = lastSegment(node.text);
    if (OPEN_TYPES.has(name)) out.open = true;
    // Also inside Literal[…]: `Literal[ChatModel, "o1"]` nests another Literal alias.
    else if (t === "identifier") inner(f.typeAlias(name), false);
  }
  return out;
}

/** A forward reference: "ModelName", "ModelName | None". */
function forwardReference(f: PyFile, node: Node, depth: number, out: Members): void {
  for (const part of (stringValue(node) ?? "").split("|").map((x) => x.trim())) {
    if (OPEN_TYPES.has(part)) out.open = true;
    const alias = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(part) ? f.typeAlias(part) : undefined;
    if (alias) literalMembers(f, alias, depth + 1, out);
  }
}

/** `Literal[…]`, `Annotated[T, …]`, `Optional[T]`, `Union[…]` and the other wrappers. */
function genericMembers(f: PyFile, node: Node, depth: number, out: Members): void {
  const sub = node.type === "subscript";
  const head = (sub ? node.childForFieldName("value") : node.namedChild(0))?.text ?? "";
  const params = sub ? node.childrenForFieldName("subscript").filter((x): x is Node => !!x) : elements(node.namedChild(1) ?? node).filter((x) => x.type === "type");
  const name = lastSegment(head);
  if (name === "Literal") for (const x of params) literalMembers(f, x, depth + 1, out, true);
  else if (name === "Annotated") {
    if (params[0]) literalMembers(f, params[0], depth + 1, out);
  } else if (LITERAL_WRAPPERS.has(name)) for (const x of params) literalMembers(f, x, depth + 1, out);
}
