import type { ts } from "ts-morph";
import type { AdapterInput, Match } from "../../core/types.js";
import { LINT_WORDS, MEMBERSHIP_METHODS, PROVIDER_FACTORIES } from "./data.js";
import { walkHooks } from "./hooks.js";
import { blankBodies, blankableBodies, type BlankedBody } from "./skeleton.js";
import { lowerBound, wordOffsets } from "./syntax.js";
import { T } from "./util.js";

/**
 * Parsing a file: the script kind by extension, and the skeleton parse of files whose function
 * bodies hold nothing of interest (typescript/skeleton.ts).
 */

export function scriptKind(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
  switch (ext) {
    case ".tsx":
      return T.ScriptKind.TSX;
    case ".ts":
    case ".mts":
    case ".cts":
      return T.ScriptKind.TS;
    case ".jsx":
      return T.ScriptKind.JSX;
    default:
      // .js files may contain JSX: the compiler parses JS with the JSX variant.
      return T.ScriptKind.JS;
  }
}

/**
 * Every offset the analysis may look at below the top of the tree: the matches and what the pruned
 * walks search for (src/languages/typescript/skeleton.ts blanks only function bodies that hold none).
 */
function interestingOffsets(text: string, matches: readonly Match[], lintOffsets: readonly number[] | undefined): number[] {
  // One pass for a superset of what the pruned walks search (case-insensitive, membership methods
  // at ASCII word boundaries): a superset only keeps more bodies.
  INTEREST ??= new RegExp(
    [
      "model",
      "\\\\",
      ...PROVIDER_FACTORIES.map(escapeRegExp),
      `\\b(?:${MEMBERSHIP_METHODS.map(escapeRegExp).join("|")})\\b`,
    ].join("|"),
    "gi",
  );
  const found: number[] = [];
  INTEREST.lastIndex = 0;
  for (let m = INTEREST.exec(text); m; m = INTEREST.exec(text)) found.push(m.index);
  const starts = matches.map((m) => m.idStart);
  // A linted file keeps the bodies that hold what the request lints collect (typescript/lints.ts).
  if (lintOffsets) starts.push(...lintOffsets);
  starts.sort((a, b) => a - b);
  // Both lists are sorted: merge them.
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < found.length || j < starts.length) {
    if (j >= starts.length || (i < found.length && found[i]! <= starts[j]!)) out.push(found[i++]!);
    else out.push(starts[j++]!);
  }
  return out;
}

let INTEREST: RegExp | undefined;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether a file may be parsed as its skeleton: `.ts` files, and JavaScript files without anything
 * that could be JSX (`<` before a letter, `>` or `/`): JSX text is not JavaScript tokens.
 */
export function skeletonFits(kind: ts.ScriptKind, text: string): boolean {
  if (kind === T.ScriptKind.TS) return true;
  return kind === T.ScriptKind.JS && !/<[A-Za-z_$>/]/.test(text);
}

/**
 * The adapter's tree of a linted file, handed to the request lints (AdapterOutput.tree): the whole
 * text's, or its skeleton's with the bodies blanked in it. Parsed without errors, without parent
 * links by the parser (the adapter's walks set some; the lints read none).
 */
export interface ParsedText {
  sf: ts.SourceFile;
  blanked?: readonly BlankedBody[];
  /** The offsets of LINT_WORDS in the text (wordOffsets), when the skeleton was made with them. */
  lintOffsets?: readonly number[];
}

/** A skeleton's tree, the function bodies blanked in it, and for a linted file the offsets of LINT_WORDS. */
export interface Skeleton {
  sf: ts.SourceFile;
  bodies: readonly BlankedBody[];
  lintOffsets?: readonly number[];
}

/**
 * Parse the file's skeleton (typescript/skeleton.ts): the text with the bodies of functions that hold
 * nothing of interest blanked (for a linted file, nothing the request lints collect either).
 * Undefined (parse the whole text) when there is nothing to blank, when the skeleton does not parse
 * cleanly, or when a blanked range is not exactly a function's body in the tree. The source file it
 * returns carries the original text: positions are the same.
 */
export function parseSkeleton(input: AdapterInput, kind: ts.ScriptKind): Skeleton | undefined {
  const lintOffsets = input.linted ? wordOffsets(input.text, LINT_WORDS, false) : undefined;
  const bodies = blankableBodies(input.text, interestingOffsets(input.text, input.matches, lintOffsets));
  if (!bodies || bodies.length === 0) {
    walkHooks.skeleton?.("none");
    return undefined;
  }
  const sf = T.createSourceFile(input.path, blankBodies(input.text, bodies), T.ScriptTarget.Latest, false, kind);
  const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diags.length > 0 || !bodiesAreFunctionBodies(sf, bodies)) {
    walkHooks.skeleton?.("fallback");
    return undefined;
  }
  (sf as { text: string }).text = input.text;
  walkHooks.skeleton?.("used");
  return { sf, bodies, ...(lintOffsets ? { lintOffsets } : {}) };
}

/**
 * Whether every blanked range is exactly the body of a function-like node in the tree: one walk
 * down the paths to the ranges (bodies are sorted and do not nest).
 */
function bodiesAreFunctionBodies(sf: ts.SourceFile, bodies: readonly BlankedBody[]): boolean {
  const opens = bodies.map((b) => b.open);
  let found = 0;
  let ok = true;
  const visit = (node: ts.Node): void => {
    T.forEachChild(node, (c) => {
      if (!ok) return true;
      const k = lowerBound(opens, c.pos);
      if (k >= opens.length || opens[k]! >= c.end) return undefined;
      if (c.kind === T.SyntaxKind.Block && c.getStart(sf) === opens[k]) {
        if (c.end !== bodies[k]!.close + 1 || !T.isFunctionLike(node) || (node as ts.FunctionLikeDeclaration).body !== c) ok = false;
        else found++;
        return undefined;
      }
      visit(c);
      return undefined;
    });
  };
  visit(sf);
  return ok && found === bodies.length;
}
