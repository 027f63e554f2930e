import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Adapter, AdapterInput, AdapterOutput, Edit, Match, Ruleset, Site } from "../../core/types.js";
import { analyzePython, syntaxError } from "../python/analyze.js";
import { parsePython } from "../python/parser.js";
import { collectCells, stringProp, toCodeMatch, toRawEdit, type Cell } from "./notebook-cells.js";
import { P, at } from "./positions.js";

/**
 * Jupyter notebooks (.ipynb, nbformat 4). The engine matched the raw JSON text; this adapter finds
 * which part of the notebook each match is in: code cells in a Python kernel get the Python
 * treatment (parsed once, all code cells joined, so a name bound in one cell and used in a later
 * one flows), Markdown cells are docs, outputs are recorded data (never edited), anything else is
 * "other". Edits are made inside the JSON string tokens of the cell sources, escaped, and an
 * inserted line becomes its own element of the `source` array, laid out like its neighbours, so
 * the notebook keeps Jupyter's formatting byte for byte elsewhere (notebook-cells.ts).
 *
 * A code cell's sites are the Python adapter's, with their positions (docs/positions.md).
 */
export const adapter: Adapter = {
  name: "notebook",
  description: "Jupyter notebooks (.ipynb): code cells as Python, Markdown cells as docs, outputs never edited",
  whenUnparsed: "none",
  async scan(input: AdapterInput): Promise<AdapterOutput> {
    const { text, matches, ruleset } = input;
    const parsed = parseNotebook(text);
    if ("parseError" in parsed) return { sites: [], parseError: parsed.parseError };
    const { cells, code } = collectCells(text, parsed.root, /^(?:i?python\d*)$/.test(parsed.language));
    const sites: Site[] = [];
    const pyMatches: PyMatch[] = [];
    for (const m of matches) {
      const placed = placeMatch({ m, cells, code, language: parsed.language });
      if ("site" in placed) sites.push(placed.site);
      else pyMatches.push(placed);
    }
    if (pyMatches.length === 0) return { sites };
    const codeSites = await analyzeJoined(code, pyMatches, ruleset);
    if (codeSites.size === 0) await analyzeCellByCell(code, pyMatches, ruleset, codeSites);
    for (const p of pyMatches) sites.push(toNotebookSite(p, codeSites.get(p.code.idStart), cells, text));
    return { sites };
  },
};

/** The notebook's JSON tree and its kernel's language, or why it is not a notebook. */
function parseNotebook(text: string): { root: JsonNode; language: string } | { parseError: string } {
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (e) {
    // jsonc-parser recurses: JSON nested deeper than the stack is reported, not thrown.
    if (e instanceof RangeError) return { parseError: "too deeply nested to parse" };
    throw e;
  }
  if (errors.length > 0 || !root || root.type !== "object") {
    const e = errors[0];
    return { parseError: e ? `invalid notebook JSON: ${printParseErrorCode(e.error)} at offset ${e.offset}` : "not a notebook" };
  }
  const language = (stringProp(root, ["metadata", "kernelspec", "language"]) ?? stringProp(root, ["metadata", "language_info", "name"]) ?? "python").toLowerCase();
  return { root, language };
}

/** The core position of a match no adapter placed (src/rules/policy.ts). */
const UNCLASSIFIED = "core/unclassified";

/** A match in a Python code cell: as found in the notebook text, and in the joined code. */
interface PyMatch {
  raw: Match;
  code: Match;
  cell: Cell;
}

interface PlaceContext {
  m: Match;
  cells: Cell[];
  code: string;
  language: string;
}

const inRange = (r: [number, number] | undefined, m: Match) => !!r && r[0] <= m.start && m.end <= r[1];

/**
 * Where a match is in the notebook, in precedence order: outside every cell, in a cell's outputs,
 * in a Markdown cell, in a cell not read as Python, else in Python code (analysed later, all cells
 * at once).
 */
function placeMatch({ m, cells, code, language }: PlaceContext): { site: Site } | PyMatch {
  const cell = cells.find((c) => inRange(c.source, m) || inRange(c.outputs, m));
  if (!cell) return { site: at(P.notebookMetadata, m.idStart) };
  if (inRange(cell.outputs, m)) return { site: at(P.notebookOutput, m.idStart) };
  if (cell.type === "markdown") return { site: at(P.markdownCell, m.idStart) };
  const codeMatch = cell.python ? toCodeMatch(m, cell, code) : undefined;
  if (codeMatch) return { raw: m, code: codeMatch, cell };
  if (cell.type !== "code") return { site: at(P.otherCell, m.idStart) };
  return {
    site: at(P.codeCellNotPython, m.idStart, { advice: `A code cell in a ${language} kernel (or a non-Python cell magic): matched lexically.` }),
  };
}

/** The Python cells parsed as one text, so a name bound in one cell flows into later ones; empty when that does not parse. */
async function analyzeJoined(code: string, pyMatches: PyMatch[], ruleset: Ruleset): Promise<Map<number, Site>> {
  const codeSites = new Map<number, Site>();
  const tree = await parsePython(code);
  try {
    if (!syntaxError(tree)) for (const s of analyzePython(code, tree, pyMatches.map((p) => p.code), ruleset).sites) codeSites.set(s.idStart, s);
  } finally {
    tree.delete();
  }
  return codeSites;
}

/** Each cell parsed on its own: a broken cell is reported lexically, the others keep their positions. */
async function analyzeCellByCell(code: string, pyMatches: PyMatch[], ruleset: Ruleset, codeSites: Map<number, Site>): Promise<void> {
  for (const cell of new Set(pyMatches.map((p) => p.cell))) {
    const cellCode = code.slice(cell.codeStart, cell.codeEnd);
    const shift = cell.codeStart;
    const local = pyMatches.filter((p) => p.cell === cell).map((p) => ({ ...p.code, start: p.code.start - shift, idStart: p.code.idStart - shift, end: p.code.end - shift }));
    const t = await parsePython(cellCode);
    try {
      const r = analyzePython(cellCode, t, local, ruleset);
      if (r.parseError) {
        const advice = `This cell did not parse as Python (${r.parseError} of the cell); matched lexically.`;
        for (const l of local) codeSites.set(l.idStart + shift, at(P.unparsedCodeCell, l.idStart + shift, { advice }));
      } else for (const s of r.sites) codeSites.set(s.idStart + shift, shiftSite(s, shift));
    } finally {
      t.delete();
    }
  }
}

function shiftSite(s: Site, d: number): Site {
  const moved = (e: Edit): Edit => ({ ...e, start: e.start + d, end: e.end + d });
  return {
    ...s,
    idStart: s.idStart + d,
    flags: s.flags && { ...s.flags, edits: s.flags.edits.map(moved) },
    keepBoth: s.keepBoth && { ...s.keepBoth, edits: s.keepBoth.edits.map(moved), scope: [s.keepBoth.scope[0] + d, s.keepBoth.scope[1] + d] },
  };
}

/** A code site placed back in the notebook text: its flag and keep-both edits mapped into the cell's JSON tokens. */
function toNotebookSite(p: PyMatch, s: Site | undefined, cells: Cell[], text: string): Site {
  if (!s) return { idStart: p.raw.idStart, kind: "other", position: UNCLASSIFIED };
  const mapped: Site = { ...s, idStart: p.raw.idStart };
  if (s.flags) {
    const edits = s.flags.edits.map((e) => toRawEdit(e, p.cell, cells, text));
    mapped.flags = edits.every((e): e is Edit => !!e) ? { ...s.flags, edits } : { status: "manual", edits: [] };
  }
  if (s.keepBoth) {
    // The keep-both edits and their scope in the file's JSON text, or none when they do not map.
    const edits = s.keepBoth.edits.map((e) => toRawEdit(e, p.cell, cells, text));
    const [a, b] = s.keepBoth.scope.map((x) => toRawEdit({ start: x, end: x, text: "" }, p.cell, cells, text));
    if (edits.every((e): e is Edit => !!e) && a && b) mapped.keepBoth = { ...s.keepBoth, edits, scope: [a.start, b.start] };
    else delete mapped.keepBoth;
  }
  return mapped;
}
