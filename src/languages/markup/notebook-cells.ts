import { findNodeAtLocation, type Node as JsonNode } from "jsonc-parser";
import { eolAt } from "../../core/text.js";
import type { Edit, Match } from "../../core/types.js";

/**
 * A notebook's cells as the notebook adapter (notebook.ts) reads them: each cell's source as JSON
 * string tokens, the code of the Python cells joined into one text, and the maps between offsets in
 * that code and offsets in the notebook's JSON text, both ways (a match in, an edit out).
 */

/** One JSON string token of a cell's source, with its decoded text placed in the joined code. */
export interface Piece {
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

export interface Cell {
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

export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node ? findNodeAtLocation(node, [key]) : undefined;
}

export function stringProp(node: JsonNode | undefined, path: string[]): string | undefined {
  const n = node ? findNodeAtLocation(node, path) : undefined;
  return n?.type === "string" ? (n.value as string) : undefined;
}


/** The cells of a notebook, with the joined code of its Python cells (when its kernel is Python). */
export function collectCells(text: string, root: JsonNode, pythonKernel: boolean): { cells: Cell[]; code: string } {
  const cells: Cell[] = [];
  let code = "";
  const cellsNode = prop(root, "cells");
  for (const cellNode of cellsNode?.type === "array" ? (cellsNode.children ?? []) : []) {
    if (cellNode.type !== "object") continue;
    const type = stringProp(cellNode, ["cell_type"]) ?? "";
    const src = prop(cellNode, "source");
    const outs = prop(cellNode, "outputs");
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
    const { pieces, cellCode } = sourcePieces(text, src, code.length);
    const blanked = blankMagics(cellCode);
    cell.pieces = pieces;
    if (!blanked.python) continue;
    cell.python = true;
    code += blanked.code;
    cell.codeEnd = code.length;
    if (!code.endsWith("\n")) code += "\n";
  }
  return { cells, code };
}

/** A cell's source tokens, decoded and placed in the joined code from `at` on. */
function sourcePieces(text: string, src: JsonNode | undefined, at: number): { pieces: Piece[]; cellCode: string } {
  const tokens = src?.type === "string" ? [src] : src?.type === "array" ? (src.children ?? []).filter((c) => c.type === "string") : [];
  let cellCode = "";
  const pieces: Piece[] = [];
  for (const t of tokens) {
    const { value, map } = decodeToken(text, t.offset, t.offset + t.length);
    pieces.push({
      tokenStart: t.offset,
      tokenEnd: t.offset + t.length,
      codeStart: at + cellCode.length,
      codeEnd: at + cellCode.length + value.length,
      map,
      inArray: src?.type === "array",
    });
    cellCode += value;
  }
  return { pieces, cellCode };
}

/** The match in joined-code offsets, or undefined when it does not map cleanly. */
export function toCodeMatch(m: Match, cell: Cell, code: string): Match | undefined {
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
export function toRawEdit(e: Edit, home: Cell, cells: Cell[], text: string): Edit | undefined {
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
