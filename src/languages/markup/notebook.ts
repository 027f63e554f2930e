import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { eolAt } from "../../core/text.js";
import type { Adapter, AdapterInput, AdapterOutput, Edit, Match, Site } from "../../core/types.js";
import { analyzePython, syntaxError } from "../python/analyze.js";
import { parsePython } from "../python/parser.js";

/**
 * Jupyter notebooks (.ipynb, nbformat 4). The engine matched the raw JSON text; this adapter finds
 * which part of the notebook each match is in: code cells in a Python kernel get the Python
 * treatment (parsed once, all code cells joined, so a name bound in one cell and used in a later
 * one flows), Markdown cells are docs, outputs are recorded data (never edited), anything else is
 * "other". Edits are made inside the JSON string tokens of the cell sources, escaped, and an
 * inserted line becomes its own element of the `source` array, laid out like its neighbours, so
 * the notebook keeps Jupyter's formatting byte for byte elsewhere.
 */

/** One JSON string token of a cell's source, with its decoded text placed in the joined code. */
interface Piece {
  /** Offset of the opening quote in the notebook text. */
  tokenStart: number;
  tokenEnd: number;
  /** Where the decoded text sits in the joined code. */
  codeStart: number;
  codeEnd: number;
  /** Raw offset of every decoded code unit; the last entry is the closing quote. */
  map: number[];
  /** The source is an array of line strings (a new line becomes a new element). */
  inArray: boolean;
}

interface Cell {
  type: string;
  pieces: Piece[];
  /** Offsets in the notebook text of the source value and of the outputs value. */
  source?: [number, number];
  outputs?: [number, number];
  /** A code cell parsed as Python. */
  python: boolean;
  /** Range of this cell's code in the joined code (python cells only). */
  codeStart: number;
  codeEnd: number;
}

/** Cell magics whose body is still Python (the magic line is blanked before parsing). */
const PYTHON_CELL_MAGICS = new Set(["time", "timeit", "capture", "prun", "debug", "skip"]);

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** Decode a JSON string token, keeping the raw offset of every decoded code unit. */
function decodeToken(text: string, start: number, end: number): { value: string; map: number[] } {
  let value = "";
  const map: number[] = [];
  let i = start + 1;
  const stop = end - 1;
  while (i < stop) {
    if (text[i] === "\\") {
      const e = text[i + 1]!;
      if (e === "u") {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        map.push(i);
        i += 6;
      } else {
        value += ESCAPES[e] ?? e;
        map.push(i);
        i += 2;
      }
    } else {
      value += text[i];
      map.push(i);
      i++;
    }
  }
  map.push(stop);
  return { value, map };
}

/** Blank IPython magics and shell escapes (`%pip …`, `!ls`) so the cell parses as Python; offsets are kept. */
function blankMagics(code: string): { code: string; python: boolean } {
  const lines = code.split(/(?<=\n)/);
  const first = lines[0]?.trimStart() ?? "";
  if (first.startsWith("%%")) {
    const name = /^%%(\w+)/.exec(first)?.[1] ?? "";
    if (!PYTHON_CELL_MAGICS.has(name)) return { code, python: false };
  }
  const out = lines.map((l) => (/^[ \t]*[%!]/.test(l) ? l.replace(/[^\r\n]/g, " ") : l));
  return { code: out.join(""), python: true };
}

function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node ? findNodeAtLocation(node, [key]) : undefined;
}

function stringProp(node: JsonNode | undefined, path: string[]): string | undefined {
  const n = node ? findNodeAtLocation(node, path) : undefined;
  return n?.type === "string" ? (n.value as string) : undefined;
}

export const adapter: Adapter = {
  name: "notebook",
  description: "Jupyter notebooks (.ipynb): code cells as Python, Markdown cells as docs, outputs never edited",
  whenUnparsed: "none",
  async scan(input: AdapterInput): Promise<AdapterOutput> {
    const { text, matches, ruleset } = input;
    const errors: ParseError[] = [];
    let root: JsonNode | undefined;
    try {
      root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch (e) {
      // jsonc-parser recurses: JSON nested deeper than the stack is reported, not thrown.
      if (e instanceof RangeError) return { sites: [], parseError: "too deeply nested to parse" };
      throw e;
    }
    if (errors.length > 0 || !root || root.type !== "object") {
      const e = errors[0];
      return { sites: [], parseError: e ? `invalid notebook JSON: ${printParseErrorCode(e.error)} at offset ${e.offset}` : "not a notebook" };
    }
    const language = (
      stringProp(root, ["metadata", "kernelspec", "language"]) ??
      stringProp(root, ["metadata", "language_info", "name"]) ??
      "python"
    ).toLowerCase();
    const pythonKernel = /^(?:i?python\d*)$/.test(language);

    // Cells, their source tokens, and the joined code of the Python cells.
    const cells: Cell[] = [];
    let code = "";
    const cellsNode = prop(root, "cells");
    for (const cellNode of cellsNode?.type === "array" ? (cellsNode.children ?? []) : []) {
      if (cellNode.type !== "object") continue;
      const type = stringProp(cellNode, ["cell_type"]) ?? "";
      const src = prop(cellNode, "source");
      const outs = prop(cellNode, "outputs");
      const tokens = src?.type === "string" ? [src] : src?.type === "array" ? (src.children ?? []).filter((c) => c.type === "string") : [];
      const cell: Cell = {
        type,
        pieces: [],
        source: src ? [src.offset, src.offset + src.length] : undefined,
        outputs: outs ? [outs.offset, outs.offset + outs.length] : undefined,
        python: false,
        codeStart: code.length,
        codeEnd: code.length,
      };
      cells.push(cell);
      if (type !== "code" || !pythonKernel) continue;
      let cellCode = "";
      const pieces: Piece[] = [];
      for (const t of tokens) {
        const { value, map } = decodeToken(text, t.offset, t.offset + t.length);
        pieces.push({
          tokenStart: t.offset,
          tokenEnd: t.offset + t.length,
          codeStart: code.length + cellCode.length,
          codeEnd: code.length + cellCode.length + value.length,
          map,
          inArray: src?.type === "array",
        });
        cellCode += value;
      }
      const blanked = blankMagics(cellCode);
      cell.pieces = pieces;
      if (!blanked.python) continue;
      cell.python = true;
      code += blanked.code;
      cell.codeEnd = code.length;
      if (!code.endsWith("\n")) code += "\n";
    }

    const sites: Site[] = [];
    const inRange = (r: [number, number] | undefined, m: Match) => !!r && r[0] <= m.start && m.end <= r[1];
    const pyMatches: { raw: Match; code: Match; cell: Cell }[] = [];
    for (const m of matches) {
      const cell = cells.find((c) => inRange(c.source, m) || inRange(c.outputs, m));
      if (!cell) {
        sites.push({ idStart: m.idStart, kind: "other", detail: "notebook metadata" });
        continue;
      }
      if (inRange(cell.outputs, m)) {
        sites.push({ idStart: m.idStart, kind: "output", detail: "cell output" });
        continue;
      }
      if (cell.type === "markdown") {
        sites.push({ idStart: m.idStart, kind: "doc", detail: "Markdown cell" });
        continue;
      }
      const codeMatch = cell.python ? toCodeMatch(m, cell, code) : undefined;
      if (!codeMatch) {
        sites.push(
          cell.type === "code"
            ? { idStart: m.idStart, kind: "other", detail: "code cell (not Python)", advice: `A code cell in a ${language} kernel (or a non-Python cell magic): matched lexically.` }
            : { idStart: m.idStart, kind: "other", detail: `${cell.type} cell` },
        );
        continue;
      }
      pyMatches.push({ raw: m, code: codeMatch, cell });
    }
    if (pyMatches.length === 0) return { sites };

    // Parse all Python cells at once; when that fails, each cell on its own (a broken cell is
    // reported lexically, the others keep their positions).
    const codeSites = new Map<number, Site>();
    const tree = await parsePython(code);
    try {
      if (!syntaxError(tree)) {
        for (const s of analyzePython(code, tree, pyMatches.map((p) => p.code), ruleset).sites) codeSites.set(s.idStart, s);
      }
    } finally {
      tree.delete();
    }
    if (codeSites.size === 0) {
      for (const cell of new Set(pyMatches.map((p) => p.cell))) {
        const cellCode = code.slice(cell.codeStart, cell.codeEnd);
        const shift = cell.codeStart;
        const local = pyMatches
          .filter((p) => p.cell === cell)
          .map((p) => ({ ...p.code, start: p.code.start - shift, idStart: p.code.idStart - shift, end: p.code.end - shift }));
        const t = await parsePython(cellCode);
        try {
          const r = analyzePython(cellCode, t, local, ruleset);
          if (r.parseError) {
            for (const l of local)
              codeSites.set(l.idStart + shift, {
                idStart: l.idStart + shift,
                kind: "other",
                detail: "code cell that did not parse",
                advice: `This cell did not parse as Python (${r.parseError} of the cell); matched lexically.`,
              });
          } else
            for (const s of r.sites)
              codeSites.set(s.idStart + shift, {
                ...s,
                idStart: s.idStart + shift,
                flags: s.flags && { ...s.flags, edits: s.flags.edits.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) },
                keepBoth: s.keepBoth && {
                  ...s.keepBoth,
                  edits: s.keepBoth.edits.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })),
                  scope: [s.keepBoth.scope[0] + shift, s.keepBoth.scope[1] + shift],
                },
              });
        } finally {
          t.delete();
        }
      }
    }

    for (const p of pyMatches) {
      const s = codeSites.get(p.code.idStart);
      if (!s) {
        sites.push({ idStart: p.raw.idStart, kind: "other" });
        continue;
      }
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
      sites.push(mapped);
    }
    return { sites };
  },
};

/** The match in joined-code offsets, or undefined when it does not map cleanly. */
function toCodeMatch(m: Match, cell: Cell, code: string): Match | undefined {
  const piece = cell.pieces.find((p) => p.tokenStart < m.idStart && m.end < p.tokenEnd);
  if (!piece) return undefined;
  const i = piece.map.indexOf(m.idStart);
  if (i < 0) return undefined;
  const idStart = piece.codeStart + i;
  const end = idStart + m.legacyId.length;
  if (code.slice(idStart, end) !== m.legacyId || piece.map[i + m.legacyId.length - 1] !== m.end - 1) return undefined;
  const prefixOk = code.slice(idStart - m.prefix.length, idStart) === m.prefix;
  return { ...m, idStart, end, start: prefixOk ? idStart - m.prefix.length : idStart, prefix: prefixOk ? m.prefix : "" };
}

/**
 * An edit in joined-code offsets, as an edit of the notebook text: the text JSON-escaped, and in a
 * `source` array every inserted line break ends the element and starts a new one, laid out like
 * the element it splits.
 */
function toRawEdit(e: Edit, home: Cell, cells: Cell[], text: string): Edit | undefined {
  const cell = home.codeStart <= e.start && e.end <= home.codeEnd ? home : cells.find((c) => c.python && c.codeStart <= e.start && e.end <= c.codeEnd);
  if (!cell) return undefined;
  // At a boundary between two tokens, prefer the end of the earlier one.
  const at = (pos: number) => {
    const piece = cell.pieces.find((p) => p.codeStart <= pos && pos <= p.codeEnd);
    return piece ? { piece, raw: piece.map[pos - piece.codeStart]! } : undefined;
  };
  const s = at(e.start);
  const t = e.start === e.end ? s : at(e.end);
  if (!s || !t || s.piece !== t.piece) return undefined;
  return { start: s.raw, end: t.raw, text: escapeForToken(e.text, s.piece, text) };
}

function escapeForToken(insert: string, piece: Piece, text: string): string {
  const esc = (x: string) => JSON.stringify(x).slice(1, -1);
  if (!piece.inArray) return esc(insert);
  let lineStart = piece.tokenStart;
  while (lineStart > 0 && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") lineStart--;
  const before = text.slice(lineStart, piece.tokenStart);
  const sep = /^[ \t]*$/.test(before) ? "," + eolAt(text, piece.tokenStart) + before : ", ";
  return insert
    .split("\n")
    .map(esc)
    .join(`\\n"${sep}"`);
}
