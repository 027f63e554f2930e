import type { ts } from "ts-morph";
import { eolAt, indentAt } from "../../core/text.js";
import { breakContainer, indentUnit, lineAround, trailingCommaStyle } from "../shared/line-width.js";
import type { Edit, FlagFix, JsonValue, Rule } from "../../core/types.js";
import { NOT_REQUEST_CALLS, REQUEST_CALLS, SDK_KNOWN_PARAMS, type Endpoint } from "./data.js";
import { FIM_FLAGS, thinkingOffConflicts } from "../../knowledge/requests.js";
import { T, chainNames, isWrapper, nameText, unwrap } from "./util.js";

/**
 * Recognized requests (docs/contract.md §5) and the edits that write their thinking flags, keeping
 * the object's layout: one property per line stays one per line (same indentation, same
 * trailing-comma style, the line ending found there), a one-line object gets the flags inline.
 */

/** How flags are written in this file. */
export interface RequestStyle {
  /**
   * The file is type-checked (TypeScript, or JavaScript with `// @ts-check`): parameters the
   * `openai` types do not declare go in an object spread, which type-checks in every position (and
   * so do those it declares, outside a direct argument of an SDK call).
   */
  typed: boolean;
  /** TypeScript syntax (not JavaScript with `// @ts-check`): `as const` can be written. */
  tsSyntax?: boolean;
  /**
   * The project's `openai` may be older than 4.77.0, whose request types first declare
   * `reasoning_effort` (typescript/sdk-version.ts): every flag then goes in the object spread.
   */
  olderSdk?: boolean;
  /** The project's configured line width and prettier's trailing-comma setting (docs/cli.md "Line width"). */
  width?: number;
  trailingComma?: boolean;
  /** How much the renames lengthen [start, end) of the text. */
  growth?: (start: number, end: number) => number;
}

/** The endpoint of the SDK call (`<x>.chat.completions.create(…)`) whose first argument the object literal is. */
function sdkCallEndpoint(obj: ts.ObjectLiteralExpression): Endpoint | "other call" | undefined {
  let cur: ts.Node = obj;
  while (isWrapper(cur.parent)) cur = cur.parent;
  const p = cur.parent;
  if (!T.isCallExpression(p) || p.arguments[0] !== cur) return undefined;
  const names = chainNames(p.expression);
  for (const r of REQUEST_CALLS) {
    const tail = names.slice(-r.path.length);
    if (tail.length !== r.path.length || tail.some((n, i) => n !== r.path[i])) continue;
    if (r.endpoint === "fim" && names[names.length - 3] === "chat") continue;
    return r.endpoint;
  }
  return NOT_REQUEST_CALLS.includes(names[names.length - 1] ?? "") ? "other call" : undefined;
}

/** The endpoint of an object literal that is a recognized request, if it is one. */
export function requestEndpoint(obj: ts.ObjectLiteralExpression): Endpoint | undefined {
  const call = sdkCallEndpoint(obj);
  if (call === "other call") return undefined;
  if (call) return call;
  const keys = new Set(obj.properties.map((p) => nameText(p.name)));
  return keys.has("model") && keys.has("messages") ? "chat" : undefined;
}

/** The keys an object literal sets, looking into spreads of object literals; `opaque` when it spreads anything else. */
function presentKeys(obj: ts.ObjectLiteralExpression): { keys: Set<string>; opaque: boolean } {
  const keys = new Set<string>();
  let opaque = false;
  const stack = [obj];
  while (stack.length > 0) {
    for (const p of stack.pop()!.properties) {
      if (T.isSpreadAssignment(p)) {
        const e = unwrap(p.expression);
        // `...(json ? { response_format } : {})` and `...(tools && { tool_choice })`: both sides are visible.
        const parts = T.isConditionalExpression(e)
          ? [e.whenTrue, e.whenFalse]
          : T.isBinaryExpression(e) && e.operatorToken.kind === T.SyntaxKind.AmpersandAmpersandToken
            ? [e.right]
            : [e];
        for (const part of parts.map(unwrap)) {
          if (T.isObjectLiteralExpression(part)) stack.push(part);
          else opaque = true;
        }
        continue;
      }
      const n = nameText(p.name);
      if (n !== undefined) keys.add(n);
    }
  }
  return { keys, opaque };
}

/** An object literal whose type nobody checks: `JSON.stringify({...})`, `const body = {...}`. */
function untypedPosition(obj: ts.ObjectLiteralExpression): boolean {
  let cur: ts.Node = obj;
  while (T.isParenthesizedExpression(cur.parent)) cur = cur.parent;
  const p = cur.parent;
  if (T.isCallExpression(p) && p.arguments[0] === cur && chainNames(p.expression).join(".") === "JSON.stringify") return true;
  return T.isVariableDeclaration(p) && p.initializer === cur && !p.type;
}

/**
 * An untyped `const params = {…}` that its block then passes by name to an SDK call
 * (`client.chat.completions.create(params)`): its string values widen to `string`, which the SDK's
 * literal-union parameters (`reasoning_effort`) reject there, so those are written `as const`.
 */
function passedToSdkCall(obj: ts.ObjectLiteralExpression): boolean {
  let cur: ts.Node = obj;
  while (T.isParenthesizedExpression(cur.parent)) cur = cur.parent;
  const decl = cur.parent;
  if (!T.isVariableDeclaration(decl) || decl.initializer !== cur || decl.type || !T.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let scope: ts.Node | undefined = decl.parent;
  while (scope && !T.isBlock(scope) && !T.isSourceFile(scope) && !T.isModuleBlock(scope)) scope = scope.parent;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    const arg = T.isCallExpression(n) && n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
    if (arg && T.isIdentifier(arg) && arg.text === name) {
      const names = chainNames((n as ts.CallExpression).expression);
      found = REQUEST_CALLS.some((r) => r.path.every((seg, i) => names[names.length - r.path.length + i] === seg));
    }
    T.forEachChild(n, visit);
  };
  if (scope) visit(scope);
  return found;
}

function quoteString(s: string, q: string): string {
  const escaped = s
    .replace(/\\/g, "\\\\")
    .replace(q === "'" ? /'/g : /"/g, `\\${q}`)
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r");
  return q + escaped + q;
}

/** A JSON value as JavaScript source: `{ type: "disabled" }`, keys quoted when `keyQuote` is set or when needed. */
export function renderJs(v: JsonValue, q: string, keyQuote?: string): string {
  if (typeof v === "string") return quoteString(v, q);
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => renderJs(x, q, keyQuote)).join(", ")}]`;
  const entries = Object.entries(v);
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, x]) => `${renderKey(k, q, keyQuote)}: ${renderJs(x, q, keyQuote)}`).join(", ")} }`;
}

function renderKey(k: string, q: string, keyQuote?: string): string {
  if (keyQuote) return quoteString(k, keyQuote);
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quoteString(k, q);
}

function quoteOf(node: ts.Node | undefined, sf: ts.SourceFile): string | undefined {
  if (!node || !T.isStringLiteral(node)) return undefined;
  const ch = sf.text[node.getStart(sf)];
  return ch === "'" || ch === '"' ? ch : undefined;
}

/**
 * The flags a recognized request needs (the rule's, or the FIM endpoint's), as edits that add the
 * missing ones. `lit` is the string literal that names the model (for the quote style).
 */
export function requestFlags(
  obj: ts.ObjectLiteralExpression,
  endpoint: Endpoint,
  rule: Rule,
  lit: ts.Node,
  sf: ts.SourceFile,
  style: RequestStyle,
): FlagFix | undefined {
  const wanted: Record<string, JsonValue> = endpoint === "fim" ? FIM_FLAGS : rule.flags;
  const names = Object.keys(wanted);
  if (names.length === 0) return undefined;
  const { keys, opaque } = presentKeys(obj);
  // Thinking disabled next to a reasoning_effort the request sets would be rejected (400): a person decides.
  if (thinkingOffConflicts(wanted, (k) => keys.has(k))) return { status: "manual", edits: [] };
  const missing = names.filter((k) => !keys.has(k));
  if (missing.length === 0) return { status: "present", edits: [] };
  // `{...base, model, messages}`: the spread may set the flags; the tool cannot see it.
  if (opaque) return { status: "manual", edits: [] };

  const modelProp = obj.properties.find((p) => nameText(p.name) === "model");
  const q = quoteOf(lit, sf) ?? obj.properties.map((p) => (T.isPropertyAssignment(p) ? quoteOf(p.initializer, sf) : undefined)).find(Boolean) ?? '"';
  const keyQuote = modelProp?.name && T.isStringLiteral(modelProp.name) ? quoteOf(modelProp.name, sf) : undefined;
  const spread = style.typed && !untypedPosition(obj);
  // Parameters the SDK declares are checked against the SDK's types only in its own calls: an object
  // typed by the project's own interface (`const request: DeepSeekRequest = {…}`) rejects them too.
  const known = style.olderSdk || sdkCallEndpoint(obj) !== endpoint ? {} : SDK_KNOWN_PARAMS[endpoint];

  const widens = style.typed && style.tsSyntax === true && !spread && passedToSdkCall(obj);
  const props: string[] = [];
  const spreadParts: string[] = [];
  let spreadAt = -1;
  for (const k of missing) {
    const v = wanted[k]!;
    const asConst = widens && typeof v === "string" && Object.hasOwn(SDK_KNOWN_PARAMS[endpoint], k) ? " as const" : "";
    const text = `${renderKey(k, q, keyQuote)}: ${renderJs(v, q, keyQuote)}${asConst}`;
    const allowed = Object.hasOwn(known, k) ? known[k] : null;
    const typedOk = allowed !== null && (allowed === undefined || (typeof v === "string" && allowed.includes(v)));
    if (spread && !typedOk) {
      if (spreadAt < 0) {
        spreadAt = props.length;
        props.push("");
      }
      spreadParts.push(text);
    } else props.push(text);
  }
  if (spreadAt >= 0) props[spreadAt] = `...{ ${spreadParts.join(", ")} }`;
  return { status: "added", edits: insertProperties(obj, props, sf, style) };
}

/** Merge the flags of every request a value feeds (same-file flow). */
export function combineFlags(list: (FlagFix | undefined)[]): FlagFix | undefined {
  const fixes = list.filter((f): f is FlagFix => !!f);
  if (fixes.length === 0) return undefined;
  if (fixes.some((f) => f.status === "added")) return { status: "added", edits: fixes.flatMap((f) => f.edits) };
  if (fixes.some((f) => f.status === "manual")) return { status: "manual", edits: [] };
  return { status: "present", edits: [] };
}

/** Skip spaces, tabs and comments (not line breaks) from pos; stops at a line break, code, or a comment spanning lines. */
function restOfLine(text: string, pos: number): { end: number; onlyTrivia: boolean } {
  let i = pos;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      return { end: i, onlyTrivia: true };
    }
    if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close < 0 || /[\r\n]/.test(text.slice(i, close))) return { end: pos, onlyTrivia: false };
      i = close + 2;
      continue;
    }
    if (i >= text.length || text[i] === "\n" || text[i] === "\r") return { end: i, onlyTrivia: true };
    return { end: pos, onlyTrivia: false };
  }
}

/** The comma after `pos`, skipping whitespace and comments; -1 if something else comes first. */
function commaAfter(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ",") return i;
    if (/\s/.test(c)) i++;
    else if (text.startsWith("//", i)) while (i < text.length && text[i] !== "\n") i++;
    else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else return -1;
  }
  return -1;
}

function startsLine(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i];
    if (c === "\n" || c === "\r") return true;
    if (c !== " " && c !== "\t") return false;
  }
  return true;
}

/** Insert properties after the last one of an object literal, in the object's own layout. */
export function insertProperties(obj: ts.ObjectLiteralExpression, props: string[], sf: ts.SourceFile, style?: RequestStyle): Edit[] {
  const text = sf.text;
  const elems = obj.properties;
  const last = elems[elems.length - 1];
  if (!last) return [];
  const lastEnd = last.end;
  const comma = elems.hasTrailingComma ? commaAfter(text, lastEnd) : -1;
  const trailing = comma >= 0;
  const anchor = trailing ? comma + 1 : lastEnd;
  const multiline = /[\r\n]/.test(text.slice(obj.getStart(sf), last.getStart(sf)));
  if (!multiline) {
    const inline = trailing ? [{ start: anchor, end: anchor, text: ` ${props.join(", ")},` }] : [{ start: lastEnd, end: lastEnd, text: `, ${props.join(", ")}` }];
    return (style?.width !== undefined && wrapObject(text, obj, props, sf, style, inline)) || inline;
  }
  const lineStarter = [...elems].reverse().find((p) => startsLine(text, p.getStart(sf)));
  const indent = lineStarter ? indentAt(text, lineStarter.getStart(sf)) : `${indentAt(text, obj.getStart(sf))}  `;
  const eol = eolAt(text, anchor);
  const body = props.map((p, i) => eol + indent + p + (i < props.length - 1 || trailing ? "," : "")).join("");
  const rest = restOfLine(text, anchor);
  const at = rest.onlyTrivia ? rest.end : anchor;
  if (trailing) return [{ start: at, end: at, text: body }];
  if (at === lastEnd) return [{ start: lastEnd, end: lastEnd, text: `,${body}` }];
  return [
    { start: lastEnd, end: lastEnd, text: "," },
    { start: at, end: at, text: body },
  ];
}

/**
 * A one-line object literal whose line the inserted properties (and the renames on it) would make
 * longer than the configured width, broken across lines: one property per line (docs/cli.md
 * "Line width"). Undefined when it fits, or cannot be broken by its separators alone.
 */
function wrapObject(text: string, obj: ts.ObjectLiteralExpression, props: string[], sf: ts.SourceFile, style: RequestStyle, inline: Edit[]): Edit[] | undefined {
  const openEnd = obj.getStart(sf) + 1;
  const closeStart = obj.end - 1;
  if (text[closeStart] !== "}" || /[\r\n]/.test(text.slice(openEnd, closeStart))) return undefined;
  const line = lineAround(text, openEnd);
  const added = inline.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
  if (line.end - line.start + (style.growth?.(line.start, line.end) ?? 0) + added <= style.width!) return undefined;
  return breakContainer(
    text,
    openEnd,
    obj.properties.map((p) => ({ start: p.getStart(sf), end: p.end })),
    closeStart,
    props,
    { unit: indentUnit(text, "  "), trailingComma: style.trailingComma ?? trailingCommaStyle(text, true) },
  );
}
