import type { ts } from "ts-morph";
import { T, chainNames, loadTs, nameText, unwrap } from "./util.js";
import type { Edit, Lint } from "../../core/types.js";
import { lintRequests, setParam, type AssistantAppend, type Param, type RequestInfo, type ThinkingState } from "../../lints/core.js";
import type { LintInput } from "../../lints/index.js";
import { AI_SDK_GENERATION_CALLS, CHAT_COMPLETION_METHODS, LINTED_PARAMS } from "../../knowledge/requests.js";
import { LINT_WORDS } from "./data.js";
import { scriptKind, type ParsedText } from "./parse.js";
import type { BlankedBody } from "./skeleton.js";
import { lowerBound, wordOffsets } from "./syntax.js";

/**
 * Request lints for TypeScript/JavaScript (docs/rules.md): OpenAI SDK chat completions
 * (`<x>.chat.completions.create/stream/parse({...})`), raw bodies (an object with `model` and
 * `messages`), AI SDK calls (`generateText({ model: deepseek("…"), … })`), and assistant messages
 * pushed to a history as object literals.
 */
const REQUEST_TAILS = CHAT_COMPLETION_METHODS.map((m) => ["chat", "completions", m]);
const AI_SDK_CALLS = new Set(AI_SDK_GENERATION_CALLS);
/** AI SDK call settings, under the API's names. */
const AI_SDK_PARAMS: Record<string, string> = {
  temperature: "temperature",
  topP: "top_p",
  presencePenalty: "presence_penalty",
  frequencyPenalty: "frequency_penalty",
  maxOutputTokens: "max_tokens",
  maxTokens: "max_tokens",
};

function thinkingOf(value: ts.Expression | undefined): ThinkingState {
  const v = value && unwrap(value);
  if (!v || !T.isObjectLiteralExpression(v)) return "unknown";
  for (const p of v.properties) {
    if (T.isPropertyAssignment(p) && nameText(p.name) === "type") {
      const t = unwrap(p.initializer);
      const s = T.isStringLiteralLike(t) ? t.text : undefined;
      return s === "enabled" || s === "disabled" ? s : "unknown";
    }
  }
  return "unknown";
}

function literalOf(e: ts.Expression | undefined): { str?: string; num?: number } {
  if (!e) return {};
  const v = unwrap(e);
  if (T.isStringLiteralLike(v)) return { str: v.text };
  if (T.isNumericLiteral(v)) return { num: Number(v.text.replace(/_/g, "")) };
  return {};
}

/** Edits that remove one property with its comma (up to the next property, or from the end of the previous). */
function removeProperty(obj: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike, sf: ts.SourceFile): Edit[] | undefined {
  const props = obj.properties;
  const i = props.indexOf(prop);
  if (i < 0 || props.length < 2) return undefined;
  const text = sf.text;
  const next = props[i + 1];
  const start = prop.getStart(sf);
  if (next) {
    const to = next.getStart(sf);
    if (/\/[/*]/.test(text.slice(prop.end, to))) return undefined;
    return [{ start, end: to, text: "" }];
  }
  const prev = props[i - 1]!;
  if (/\/[/*]/.test(text.slice(prev.end, start))) return undefined;
  return [{ start: prev.end, end: prop.end, text: "" }];
}

export async function lintTypeScript(input: LintInput): Promise<Lint[]> {
  await loadTs();
  // The adapter's tree (src/core/scan-file.ts hands it on), else our own parse of the whole text.
  const shared = lintWalkHooks.full ? undefined : sharedTree(input);
  if (shared?.blanked) {
    // A skeleton keeps every node the lints collect (a linted file's skeleton keeps the bodies that
    // hold LINT_WORDS), so it finds what the whole tree would, unless a request reads a name that
    // a blanked body may bind. No lints: the answer whether or not the whole text parses. Lints:
    // they stand only if the whole text parses, as without the skeleton, so it is parsed (only to
    // know that: the skeleton's lints are the whole tree's).
    const lints = lintTree(shared.sf, input, shared.blanked, shared.lintOffsets);
    if (lints) return lints.length === 0 || parse(input) ? lints : [];
  }
  const sf = shared && !shared.blanked ? shared.sf : parse(input);
  return sf ? lintTree(sf, input, undefined, shared?.lintOffsets)! : [];
}

/**
 * The lints of a tree of the input's text. With `blanked` (a skeleton's blanked bodies):
 * undefined when a request reads a name that occurs in a blanked body (it may be bound there).
 */
function lintTree(sf: ts.SourceFile, input: LintInput, blanked: readonly BlankedBody[] | undefined, lintOffsets: readonly number[] | undefined): Lint[] | undefined {
  const typed = /\.(?:ts|tsx|mts|cts)$/.test(input.path) || /^\s*\/\/\s*@ts-check/.test(input.text);
  const syntax = (type: "enabled" | "disabled") => (typed ? `...{ thinking: { type: "${type}" } }` : `thinking: { type: "${type}" }`);
  const found = collect(sf, blanked, lintOffsets);
  const requests: RequestInfo[] = [];
  const seen = new Set<ts.ObjectLiteralExpression>();
  for (const candidate of found.objects) {
    if (seen.has(candidate.obj)) continue;
    seen.add(candidate.obj);
    const request = new RequestReader(candidate, found.bound, sf).read(syntax);
    if (request) requests.push(request);
  }
  if (found.blankedName) return undefined;
  return lintRequests(input.text, requests, found.appends, input.options);
}

/**
 * The adapter's tree of this text (LintInput.tree, typescript/parse.ts): parsed without errors and
 * without parent links by the parser, like `parse`; the parent links its analysis set are never
 * read here.
 */
function sharedTree(input: LintInput): ParsedText | undefined {
  const tree = input.tree as ParsedText | undefined;
  const sf = tree?.sf;
  return sf && sf.kind === T.SyntaxKind.SourceFile && sf.text === input.text && sf.fileName === input.path ? tree : undefined;
}

/** The file's tree, or undefined when it does not parse (the adapter reports that). */
function parse(input: LintInput): ts.SourceFile | undefined {
  let sf: ts.SourceFile;
  try {
    // No parent links (they cost about a quarter of the parse): nothing here reads them, positions
    // are taken with the source file at hand (getStart(sf)).
    sf = T.createSourceFile(input.path, input.text, T.ScriptTarget.Latest, false, scriptKind(input.path));
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  const diags = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return diags.length > 0 ? undefined : sf;
}

/** An object literal that may be a request body: of an SDK call, an AI SDK call, or a raw body. */
interface Candidate {
  obj: ts.ObjectLiteralExpression;
  call?: ts.CallExpression;
  aiSdk: boolean;
}

interface Found {
  /** The string a name is bound to once (`const MODEL = process.env.M ?? "…"`); undefined: not bound, or bound otherwise. */
  bound: (name: string) => string | undefined;
  objects: Candidate[];
  appends: AssistantAppend[];
  /** A name `bound` was asked about occurs in a blanked body of the skeleton. */
  blankedName?: boolean;
}

/**
 * Test hook (test/ts-lints-walk.test.ts): `full` makes `collect` walk every node and record every
 * binding up front, the reference its pruned walks are compared against.
 */
export const lintWalkHooks = { full: false };

/**
 * Request candidates and assistant messages pushed to a history, by a walk only into the nodes
 * that hold one of LINT_WORDS (typescript/data.ts) and their ancestors: a subsequence of the full
 * walk's nodes, in the same order, holding every node the full walk would collect. A name's
 * binding is looked up when a request reads it, by a walk into the nodes that hold that name.
 */
function collect(sf: ts.SourceFile, blanked: readonly BlankedBody[] | undefined, lintOffsets: readonly number[] | undefined): Found {
  if (lintWalkHooks.full) return collectFull(sf);
  const found: Found = { bound: () => undefined, objects: [], appends: [] };
  found.bound = boundNames(sf, blanked, found);
  walkHolding(sf, lintOffsets ?? wordOffsets(sf.text, LINT_WORDS, false), (n) => {
    if (T.isCallExpression(n)) collectCall(n, found, sf);
    else if (T.isObjectLiteralExpression(n)) collectBody(n, found);
  });
  return found;
}

/** The reference walk (lintWalkHooks.full): every node, every binding. */
function collectFull(sf: ts.SourceFile): Found {
  const bound = new Map<string, string | null>();
  const found: Found = { bound: (name) => bound.get(name) ?? undefined, objects: [], appends: [] };
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (T.isVariableDeclaration(n) && T.isIdentifier(n.name) && n.initializer) bindName(n.name.text, n.initializer, bound);
    else if (T.isCallExpression(n)) collectCall(n, found, sf);
    else if (T.isObjectLiteralExpression(n)) collectBody(n, found);
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return found;
}

/** A raw request body: an object literal with `model` and `messages` (and no `choices`: a response). */
function collectBody(n: ts.ObjectLiteralExpression, found: Found): void {
  const keys = new Set(n.properties.map((p) => nameText(p.name)));
  if (keys.has("model") && keys.has("messages") && !keys.has("choices") && !found.objects.some((o) => o.obj === n)) found.objects.push({ obj: n, aiSdk: false });
}

/**
 * Names' bindings, each found when first asked for by a walk into the nodes that hold the name:
 * every declaration of it holds its text (or an escape, a backslash), and what bindName records
 * does not depend on the order it meets them in.
 */
function boundNames(sf: ts.SourceFile, blanked: readonly BlankedBody[] | undefined, found: Found): (name: string) => string | undefined {
  const bound = new Map<string, string | null>();
  const looked = new Set<string>();
  return (name) => {
    if (!looked.has(name)) {
      looked.add(name);
      const offsets = wordOffsets(sf.text, [name], false);
      if (blanked?.some((b) => holds(offsets, b.open, b.close))) found.blankedName = true;
      walkHolding(sf, offsets, (n) => {
        if (T.isVariableDeclaration(n) && T.isIdentifier(n.name) && n.name.text === name && n.initializer) bindName(name, n.initializer, bound);
      });
    }
    return bound.get(name) ?? undefined;
  };
}

/** Whether a sorted list holds an offset in (open, close). */
function holds(sorted: readonly number[], open: number, close: number): boolean {
  const i = lowerBound(sorted, open + 1);
  return i < sorted.length && sorted[i]! < close;
}

/**
 * Visit the nodes whose [pos, end) holds one of `offsets` (sorted), from the root, in the order of
 * a walk over every node: ranges nest, so a node holding an offset is reached through ancestors
 * that hold it too.
 */
function walkHolding(sf: ts.SourceFile, offsets: readonly number[], visit: (n: ts.Node) => void): void {
  const stack: ts.Node[] = [sf];
  const push = (c: ts.Node): void => {
    const i = lowerBound(offsets, c.pos);
    if (i < offsets.length && offsets[i]! < c.end) stack.push(c);
  };
  while (stack.length > 0) {
    const n = stack.pop()!;
    visit(n);
    T.forEachChild(n, push);
  }
}

function bindName(name: string, initializer: ts.Expression, bound: Map<string, string | null>): void {
  let init = unwrap(initializer);
  if (T.isBinaryExpression(init) && (init.operatorToken.kind === T.SyntaxKind.QuestionQuestionToken || init.operatorToken.kind === T.SyntaxKind.BarBarToken))
    init = unwrap(init.right);
  const s = T.isStringLiteralLike(init) ? init.text : undefined;
  bound.set(name, bound.has(name) || s === undefined ? null : s);
}

/** A call with an object literal first: an SDK request, an AI SDK call, or `history.push({ role: "assistant", … })`. */
function collectCall(n: ts.CallExpression, found: Found, sf: ts.SourceFile): void {
  const names = chainNames(n.expression);
  const arg0 = n.arguments[0] && unwrap(n.arguments[0]);
  if (!arg0 || !T.isObjectLiteralExpression(arg0)) return;
  if (REQUEST_TAILS.some((t) => names.slice(-3).join(".") === t.join("."))) found.objects.push({ obj: arg0, call: n, aiSdk: false });
  else if (names.length === 1 && AI_SDK_CALLS.has(names[0]!)) found.objects.push({ obj: arg0, call: n, aiSdk: true });
  else if (names[names.length - 1] === "push") {
    let assistant = false;
    let toolCalls = false;
    let reasoning = false;
    for (const p of arg0.properties) {
      if (T.isSpreadAssignment(p)) reasoning = true;
      const k = nameText(p.name);
      if (k === "role" && T.isPropertyAssignment(p)) assistant = literalOf(p.initializer).str === "assistant";
      else if (k === "tool_calls") toolCalls = true;
      else if (k === "reasoning_content") reasoning = true;
    }
    if (assistant) found.appends.push({ start: arg0.getStart(sf), end: arg0.end, toolCalls, reasoning });
  }
}

/** What one request candidate sets: its model, thinking and the parameters the lints look at. */
class RequestReader {
  private readonly params = new Map<string, Param>();
  private thinking: ThinkingState = "default";
  private model: string | undefined;
  private modelNode: ts.Node | undefined;

  constructor(
    private readonly candidate: Candidate,
    private readonly bound: (name: string) => string | undefined,
    private readonly sf: ts.SourceFile,
  ) {}

  read(syntax: RequestInfo["thinkingSyntax"]): RequestInfo | undefined {
    const { obj, call, aiSdk } = this.candidate;
    this.visit(obj, true);
    // An AI SDK call is DeepSeek's only with a DeepSeek model literal.
    if (aiSdk && this.model === undefined) return undefined;
    const at = call ? call.expression : (this.modelNode ?? obj);
    const scope = call ?? obj;
    return {
      start: at.getStart(this.sf),
      end: at.end,
      ...(this.model !== undefined ? { model: this.model } : {}),
      thinking: this.thinking,
      params: this.params,
      scope: { start: scope.getStart(this.sf), end: scope.end },
      thinkingSyntax: syntax,
    };
  }

  private modelOf(e: ts.Expression | undefined): string | undefined {
    if (!e) return undefined;
    const v = unwrap(e);
    if (T.isStringLiteralLike(v)) return v.text;
    if (T.isIdentifier(v)) return this.bound(v.text);
    // AI SDK: deepseek("…"), provider.chat("…")
    if (T.isCallExpression(v) && v.arguments[0]) return this.modelOf(v.arguments[0]);
    return undefined;
  }

  private visit(o: ts.ObjectLiteralExpression, top: boolean): void {
    for (const p of o.properties) {
      if (T.isSpreadAssignment(p)) {
        const e = unwrap(p.expression);
        // The migration writes `...{ thinking: {…} }`: a literal spread is read like the object.
        if (T.isObjectLiteralExpression(e)) this.visit(e, false);
        else this.thinking = "unknown";
        continue;
      }
      const k = nameText(p.name);
      if (k !== undefined) this.property(o, p, k, top);
    }
  }

  private property(o: ts.ObjectLiteralExpression, p: ts.ObjectLiteralElementLike, k: string, top: boolean): void {
    const aiSdk = this.candidate.aiSdk;
    const value = T.isPropertyAssignment(p) ? p.initializer : undefined;
    if (k === "model") {
      this.modelNode = p.name;
      this.model = T.isShorthandPropertyAssignment(p) ? this.bound(p.name.text) : this.modelOf(value);
    } else if (k === "thinking" && !aiSdk) {
      if (this.thinking !== "unknown") this.thinking = thinkingOf(value);
    } else if (aiSdk && k === "providerOptions") {
      this.providerOptions(value);
    } else {
      const apiName = aiSdk ? AI_SDK_PARAMS[k] : LINTED_PARAMS.has(k) ? k : undefined;
      if (apiName) {
        const lit = literalOf(value);
        const removal = apiName === "reasoning_effort" && top ? removeProperty(o, p, this.sf) : undefined;
        setParam(this.params, apiName, { start: p.getStart(this.sf), end: p.end, ...lit, ...(removal ? { removal } : {}) });
      }
    }
  }

  /** `providerOptions: { deepseek: { thinking: {…} } }` */
  private providerOptions(value: ts.Expression | undefined): void {
    const po = value && unwrap(value);
    if (!po || !T.isObjectLiteralExpression(po)) {
      this.thinking = "unknown";
      return;
    }
    for (const q of po.properties) {
      const inner = T.isPropertyAssignment(q) && nameText(q.name) === "deepseek" ? unwrap(q.initializer) : undefined;
      if (!inner || !T.isObjectLiteralExpression(inner)) continue;
      for (const r of inner.properties)
        if (T.isPropertyAssignment(r) && nameText(r.name) === "thinking" && this.thinking !== "unknown") this.thinking = thinkingOf(r.initializer);
    }
  }
}
