/**
 * The TypeScript adapter's pruned walks against its full walk. By default the adapter walks only
 * into nodes that hold a match (and, when a classification asks, those holding the names other facts
 * need) and links the parents of anything else it reaches on demand. Here every input is analysed
 * both ways and must give the same sites; in the pruned run, every parent link the walk left unset
 * is a trap, so a read of one that nothing linked first (by the adapter or by a compiler helper such
 * as getCombinedNodeFlags) is reported even when it happens not to change a result.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { ts } from "ts-morph";
import { adapterNameFor, loadAdapter } from "../src/languages/registry.js";
import { walkHooks } from "../src/languages/typescript/adapter.js";
import { T, loadTs } from "../src/languages/typescript/util.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import type { AdapterOutput } from "../src/core/types.js";
import { FIXTURES, listFiles } from "./helpers/fixtures.js";

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const SCALE = process.env.FC_RUNS ? Math.max(1, Number(process.env.FC_RUNS)) : 1;
const params = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * SCALE), ...(SEED !== undefined ? { seed: SEED } : {}) });

const rulesets = [makeRuleset(defaultRules("flash")), makeRuleset(defaultRules("pro"))];

afterEach(() => {
  walkHooks.full = false;
  walkHooks.afterWalk = undefined;
  walkHooks.linking = false;
});

/** What the traps saw in one pruned run. */
interface Trace {
  /** Files the TypeScript adapter analysed (script blocks and code fences count). */
  analysed: number;
  /** Nodes whose link the first walk left unset. */
  unlinked: number;
  /** Reads of an unset link outside `link`: "Kind under ParentKind". */
  reads: string[];
  /** Unset links set later (by a later walk or by `link`). */
  relinked: number;
}

/**
 * Turn every parent link the walk left unset into a trap: reading it records the read (and returns
 * the true parent, so the run goes on); setting it (a later walk, `link`) makes it a plain link again.
 */
function trapUnlinked(sf: ts.SourceFile, trace: Trace): void {
  trace.analysed++;
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    T.forEachChild(node, (c) => {
      stack.push(c);
      if (c.parent !== undefined) return;
      trace.unlinked++;
      Object.defineProperty(c, "parent", {
        configurable: true,
        enumerable: true,
        get() {
          if (walkHooks.linking) return undefined;
          trace.reads.push(`${T.SyntaxKind[c.kind]} under ${T.SyntaxKind[node.kind]}`);
          return node;
        },
        set(v: ts.Node) {
          trace.relinked++;
          Object.defineProperty(c, "parent", { value: v, writable: true, enumerable: true, configurable: true });
        },
      });
    });
  }
}

/** Scan one file both ways: the full walk's output, the pruned walk's output and what its traps saw. */
async function bothWays(file: string, text: string, ruleset = rulesets[0]!): Promise<{ full: AdapterOutput; pruned: AdapterOutput; trace: Trace } | undefined> {
  const matches = findMatches(text, ruleset);
  if (matches.length === 0) return undefined;
  const adapter = await loadAdapter(adapterNameFor(file));
  const input = () => ({ path: file, text, matches: matches.map((m) => ({ ...m })), ruleset });
  walkHooks.full = true;
  walkHooks.afterWalk = undefined;
  const full = await adapter.scan(input());
  walkHooks.full = false;
  const trace: Trace = { analysed: 0, unlinked: 0, reads: [], relinked: 0 };
  walkHooks.afterWalk = (sf) => trapUnlinked(sf, trace);
  const pruned = await adapter.scan(input());
  walkHooks.afterWalk = undefined;
  return { full: JSON.parse(JSON.stringify(full)), pruned: JSON.parse(JSON.stringify(pruned)), trace };
}

/** Every fixture file, scanned under the name the fixture runner uses (the sample app's as they are). */
const fixtureFiles = listFiles(FIXTURES).map((p) => ({ abs: p, name: path.basename(p).replace(/(^|\.)input(?=\.|$)/, "") || "file" }));
const TS_FILE = /\.(?:[cm]?[jt]sx?)$/;

describe("pruned walk = full walk, on every fixture", () => {
  it("same sites for every fixture file (TS/JS, script blocks of html/vue/svelte/astro, code fences); no unlinked parent is read", async () => {
    let analysed = 0;
    let unlinked = 0;
    let tsFiles = 0;
    const reads: string[] = [];
    for (const f of fixtureFiles) {
      const text = fs.readFileSync(f.abs, "utf8");
      for (const ruleset of rulesets) {
        const r = await bothWays(f.name, text, ruleset);
        if (!r) continue;
        expect(r.pruned, path.relative(FIXTURES, f.abs)).toEqual(r.full);
        analysed += r.trace.analysed;
        unlinked += r.trace.unlinked;
        reads.push(...r.trace.reads.map((x) => `${path.relative(FIXTURES, f.abs)}: ${x}`));
        if (TS_FILE.test(f.name) && r.trace.analysed > 0) tsFiles++;
      }
    }
    expect(reads).toEqual([]);
    // The comparison covered the adapter, and the pruned walk did leave links unset.
    expect(tsFiles).toBeGreaterThan(40);
    expect(analysed).toBeGreaterThan(tsFiles);
    expect(unlinked).toBeGreaterThan(1000);
  });

  it("the traps catch a read by a compiler helper: getCombinedNodeFlags on a declaration no walk reached", async () => {
    await loadTs();
    const text = `const other = 1;\nfunction f() {\n  let x = 2;\n  return x;\n}\nexport const MODEL = "deepseek-chat";\n`;
    const trace: Trace = { analysed: 0, unlinked: 0, reads: [], relinked: 0 };
    let decl: ts.VariableDeclaration | undefined;
    walkHooks.afterWalk = (sf) => {
      trapUnlinked(sf, trace);
      decl = (sf.statements[0] as ts.VariableStatement).declarationList.declarations[0];
    };
    const out = await (await loadAdapter("typescript")).scan({ path: "x.ts", text, matches: findMatches(text, rulesets[0]!), ruleset: rulesets[0]! });
    expect(out.sites.map((s) => s.kind)).toEqual(["model"]);
    expect(trace.unlinked).toBeGreaterThan(0);
    expect(trace.reads).toEqual([]);
    expect(T.getCombinedNodeFlags(decl!) & T.NodeFlags.Const).toBeTruthy();
    expect(trace.reads[0]).toBe("VariableDeclaration under VariableDeclarationList");
  });
});

describe("pruned walk = full walk, on generated files", () => {
  /** Statements with holes: @V a value, @N and @M names, @T a type name. */
  const TEMPLATES = [
    "const @N = @V;",
    "let @N: @T = @V;",
    "var @N = @V, @M = [@V];",
    "export const @N = process.env.DS_MODEL ?? @V;",
    "const @N = (cfg.model || @V) as string;",
    "type @T = @V | \"gpt-4o\";",
    "type @T = (typeof @N)[number];",
    "type @T = keyof typeof @N;",
    "type @T = z.infer<typeof @N>;",
    "interface @T { model: @V | \"x\"; other?: string }",
    "interface Opts { model?: @T; name: string }",
    "const @N = [@V, \"gpt-4o\"] as const;",
    "const @N = new Set([@V, \"deepseek-reasoner\"]);",
    "const @N = Object.freeze({ chat: @V, [@V]: 2 });",
    "const @N: Record<@T, number> = { @V: 1, \"other\": 2 };",
    "const @N: Partial<Record<@T, string>> = { [@V]: \"a\" };",
    "if (@N.includes(@M)) use(@M);",
    "if ((@N as string[]).has(@M)) {}",
    "@N.h\\u0061s(@M);",
    "const ok = @N.indexOf(@M) >= 0 && [@V].includes(@M);",
    "const ds = createDeepSeek({ apiKey: key });",
    "const ds = (create\\u0044eepSeek)({});",
    "const ds = sdk[\"createOpenAI\"]({ baseURL: \"https://api.deepseek.com\" });",
    "const @N = createOpenAICompatible({ name: \"x\" });",
    "ds(@V); ds.chat(@V); @N.languageModel(@V);",
    "await client.chat.completions.create({ model: @N, messages: [] });",
    "await client.chat.completions.create({ model: (@N as @T), messages: [], ...rest });",
    "await client.chat.completions.stream({ model: @V, messages, stream: true });",
    "await client.completions.create({ model: @N, prompt: \"p\" });",
    "const req = { mod\\u0065l: @N, messages: [] };",
    "const body = { model, messages: [] };",
    "const opts = { chatModel: @N, fallbackModel: (@M)! };",
    "function f(@M: @T) { if (@M === @V) return 1; switch (@M) { case @V: break; } return @V; }",
    "function g(o: Opts) { return o.model === @V; }",
    "const h = (x: @T = @V) => x;",
    "class C { model: @T = @V; g() { if (this.model !== @V) this.model = @V; if ((this.model as @T) == @V) {} } }",
    "const s = z.enum([@V, \"b\"]).default(@V);",
    "const schema = z.object({ model: z.string().default(@V) });",
    "for (const @N of [@V]) { use(@N); }",
    "for (let @N = @V; ; ) break;",
    "try { f(); } catch (@N) { g(@N, @V); }",
    "import { @N } from \"./m\";",
    "import * as @N from \"./m\";",
    "import @N, { x as @M } from \"./m\";",
    "// @V in a comment",
    "/** doc @V */",
    "/* block\n @V */ call(@N);",
    "const t = `x ${@N} @V ${@M}`;",
    "const r = /deepseek-chat/g;",
    "const rec = { choices: [], usage: {}, model: @V };",
    "const raw = '{\"object\":\"chat.completion\",\"model\":\"deepseek-chat\"}';",
    "env(\"DS_MODEL\", @V); getEnv(\"X\", @V);",
    "config.get(\"model\", @V);",
    "spawn(\"agent\", [\"--model\", @V]);",
    "const @N = new Map([[@V, \"a\"], [\"b\", @V]]);",
    "enum E { A = @V, @N = \"b\" }",
    "x.model = @V;",
    "@N ??= @V;",
    "@N = @V;",
    "deepseek(@V); initChatModel(@V); llm.withModel(@V); setModel(@V);",
    "m.set(@V, 1); m.get(@V); delete obj[@V];",
    "const { model: @N = @V } = opts;",
    "function k() { return { model: @N, messages: [{ role: \"user\", content: \"hi\" }] }; }",
    "export default { model: @V };",
    "label: { break label; }",
    "const el = <div title=@V>deepseek-chat {@N}</div>;",
    "@dec(@V) class D { @prop() model = @V; get m(): @T { return @V; } static { init(@N); } }",
    "declare module \"m\" { export const @N: @V; }",
    "declare const @N: @T;",
    "const sat = { model: @V } satisfies Opts;",
    "if (@N?.includes(@M) || @N?.[\"has\"](@M)) {}",
    "const tag = sql`select ${@N} from t where m = @V`;",
    "export default function <P extends @T>(p: P = @V as P) { return new Client({ model: p ?? @V }); }",
    "const gen = function* () { yield @V; };",
    "label: for (const k in { [@V]: 1 }) { if (k === @V) break label; }",
    "export { @N as default, @M };\r\nconst crlf = @V;\r\n",
    "const { [@V]: renamed, ...others } = table;",
    // A value typed by, or flowing from, a declaration elsewhere (@W may be spelled with escapes, or be no match at all).
    "type @T = @W | \"gpt-4o\";\nlet @N: @T = @V;",
    "const @N = [@W, \"x\"] as const;\ntype @T = (typeof @N)[number];\nfunction f(a: @T = @V) { return a; }",
    "const @N = { [@W]: 1 } as const;\nconst v: keyof typeof @N = @V;",
    "const @M = z.enum([@W, \"y\"]);\nconst s: z.infer<typeof @M> = @V;",
    "const @N = @W;\nawait client.chat.completions.create({ model: @N, messages: [] });\nconst @M = @V;",
    "let @N = @W;\nfunction q() { return { model: @N, messages: [] }; }\nvar @M = @V;",
    "const @N = [@W];\nif (@N.includes(x)) {}\nconst L2 = [@V];",
  ];
  const OTHER = ['"deepseek\\u002dchat"', "'deepseek\\x2dreasoner'", '"gpt-4o"', "process.env.MODEL", "`deepseek-chat`", '"deepseek-chat"'];
  const VALUES = ['"deepseek-chat"', "'deepseek-reasoner'", "`deepseek-chat`", '"deepseek\\u002dchat"', '"deepseek-chat "', '"deepseek-reasoner"', '"openrouter/deepseek-chat"', '"gpt-4o"'];
  const NAMES = ["MODEL", "model", "chatModel", "m", "REASONING_MODELS", "LIST", "cfg", "ds", "M"];
  const TYPES = ["ChatModel", "ModelId", "Opts", "M"];

  /** Top-level statements of the TS/JS fixture inputs: real code to mix with the templates. */
  async function fixtureStatements(): Promise<string[]> {
    await loadTs();
    const out: string[] = [];
    for (const f of fixtureFiles) {
      if (!TS_FILE.test(f.name) || f.abs.includes(".output.")) continue;
      const text = fs.readFileSync(f.abs, "utf8");
      const sf = T.createSourceFile(f.name, text, T.ScriptTarget.Latest, false, /\.[jt]sx$/.test(f.name) ? T.ScriptKind.TSX : T.ScriptKind.TS);
      for (const s of sf.statements) out.push(text.slice(s.pos, s.end));
    }
    return out;
  }

  const fill = fc
    .record({
      tpl: fc.constantFrom(...TEMPLATES),
      v: fc.constantFrom(...VALUES),
      n: fc.constantFrom(...NAMES),
      m: fc.constantFrom(...NAMES),
      t: fc.constantFrom(...TYPES),
      w: fc.constantFrom(...OTHER),
    })
    .map(({ tpl, v, n, m, t, w }) => tpl.replace(/@V/g, v).replace(/@W/g, w).replace(/@N/g, n).replace(/@M/g, m).replace(/@T/g, t));

  /** A block body: statements, some of them nested in a scope of their own. */
  const WRAPPERS = [
    (b: string) => `{\n${b}\n}`,
    (b: string) => `function w(model: string, LIST: string[]) {\n${b}\n}`,
    (b: string) => `namespace NS {\n${b}\n}`,
    (b: string) => `const g = async () => {\n${b}\n};`,
    (b: string) => `if (cond) {\n${b}\n} else {\n${b}\n}`,
    (b: string) => `switch (q) {\n  case 1:\n${b}\n}`,
    (b: string) => `class K {\n  method() {\n${b}\n  }\n}`,
  ];

  it("same sites, and no unlinked parent is read, for files mixing templates and fixture statements", async () => {
    const pool = await fixtureStatements();
    expect(pool.length).toBeGreaterThan(100);
    const statement = fc.oneof({ arbitrary: fill, weight: 3 }, { arbitrary: fc.constantFrom(...pool), weight: 1 });
    const { body } = fc.letrec((tie) => ({
      body: fc.array(tie("item"), { minLength: 1, maxLength: 8 }).map((xs) => (xs as string[]).join("\n")),
      item: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        { arbitrary: statement, weight: 4 },
        { arbitrary: fc.tuple(fc.integer({ min: 0, max: WRAPPERS.length - 1 }), tie("body")).map(([w, b]) => WRAPPERS[w]!(b as string)), weight: 1 },
      ),
    }));
    let analysed = 0;
    let relinked = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom("gen.ts", "gen.tsx", "gen.js", "gen.mjs"), fc.boolean(), async (text, file, pro) => {
        const r = await bothWays(file, text, rulesets[pro ? 1 : 0]);
        if (!r) return;
        expect(r.pruned).toEqual(r.full);
        expect(r.trace.reads).toEqual([]);
        analysed += r.trace.analysed;
        relinked += r.trace.relinked;
      }),
      params(400),
    );
    // Later walks and `link` did run over nodes the first walk had left unlinked.
    expect(analysed).toBeGreaterThan(100);
    expect(relinked).toBeGreaterThan(100);
  });
});
