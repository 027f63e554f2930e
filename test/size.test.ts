import fs from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";

/**
 * Sizes that keep the code readable: no function (declaration, method, arrow or function
 * expression) over MAX_FUNCTION_LINES lines, and no file over MAX_FILE_LINES lines unless a
 * comment line near its top starts with `Long file:` and says why it stays in one piece.
 */
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 400;
/** How far down a file its `Long file:` reason may start. */
const REASON_WITHIN_LINES = 40;

/**
 * Offenders being split: `path` for a long file, `path:name` for a long function. Empty: every
 * offender is split. Should one ever be listed while it is split, the list only shrinks (an entry
 * that no longer offends fails the test, so it cannot go stale).
 */
const KNOWN_OFFENDERS = new Set<string>([]);

interface Offender {
  /** `path` or `path:name`, as in KNOWN_OFFENDERS. */
  key: string;
  lines: number;
  line: number;
}

/** Lines of a text as `wc -l` counts them (a final newline ends the last line, it does not start one). */
function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function hasLongFileReason(text: string): boolean {
  return text
    .split("\n")
    .slice(0, REASON_WITHIN_LINES)
    .some((l) => /^\s*(?:\/\/+|\/\*+|\*)\s*Long file:\s*\S/.test(l));
}

/** A function's own name, else the name it is assigned to, else where it sits. */
function functionName(node: ts.SignatureDeclaration, sf: ts.SourceFile, enclosing: string | undefined): string {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) &&
    parent.name
  ) {
    return parent.name.getText(sf);
  }
  return enclosing ? `(anonymous in ${enclosing})` : "(anonymous)";
}

/** The functions of one source text longer than MAX_FUNCTION_LINES, and the file itself when too long. */
export function offenders(file: string, text: string): Offender[] {
  const out: Offender[] = [];
  const lines = lineCount(text);
  if (lines > MAX_FILE_LINES && !hasLongFileReason(text)) out.push({ key: file, lines, line: 1 });
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node, enclosing: string | undefined): void => {
    let inside = enclosing;
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const name = functionName(node, sf, enclosing);
      const start = lineOf(node.getStart(sf));
      const length = lineOf(node.end) - start + 1;
      if (length > MAX_FUNCTION_LINES) out.push({ key: `${file}:${name}`, lines: length, line: start });
      inside = name;
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(sf, undefined);
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("sizes", () => {
  it("measures functions, arrows, methods and files", () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  x += ${i};`).join("\n");
    const text = [
      `function fits() {\n${body(80)}\n}`,
      `function tooLong() {\n${body(81)}\n}`,
      `const arrow = () => {\n${body(81)}\n};`,
      `class C {\n  method() {\n${body(81)}\n  }\n}`,
      `run(() => {\n${body(81)}\n});`,
    ].join("\n");
    expect(offenders("x.ts", text).map((o) => `${o.key} ${o.lines}`)).toEqual([
      "x.ts 406",
      "x.ts:tooLong 81",
      "x.ts:arrow 81",
      "x.ts:method 81",
      "x.ts:(anonymous) 81",
    ]);
    expect(offenders("x.ts", `/**\n * Long file: one table, read top to bottom.\n */\n${text}`).map((o) => o.key)).not.toContain("x.ts");
    expect(offenders("x.ts", `// Long file:\n${text}`).map((o) => o.key)).toContain("x.ts");
  });

  const found = sources("src").flatMap((f) => offenders(path.relative(".", f).split(path.sep).join("/"), fs.readFileSync(f, "utf8")));

  it("reads the sources (not trivially empty)", () => {
    expect(sources("src").length).toBeGreaterThan(50);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines and no file over ${MAX_FILE_LINES} lines without a reason`, () => {
    const fresh = found.filter((o) => !KNOWN_OFFENDERS.has(o.key));
    expect(fresh.map((o) => `${o.key} (line ${o.line}): ${o.lines} lines`)).toEqual([]);
  });

  it("lists only offenders that still offend (the known list only shrinks)", () => {
    const still = new Set(found.map((o) => o.key));
    expect([...KNOWN_OFFENDERS].filter((k) => !still.has(k)).map((k) => `${k}: within the limit now, remove it from KNOWN_OFFENDERS`)).toEqual([]);
  });
});
