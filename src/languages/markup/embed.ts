/**
 * Running an adapter on a part of a file: a <script> block of an HTML or Vue file, a fenced code
 * block of a Markdown file. Matches are shifted into the slice and the sites (and any flag edits)
 * shifted back, so every edit still lands at exact offsets of the whole file.
 */
import type { AdapterInput, Edit, Match, Site } from "../../core/types.js";
import { ADAPTER_LOADERS, POSITIONS, loadAdapter } from "../registry.js";

export interface SliceResult {
  sites: Site[];
  parseError?: string;
}

const shiftEdit = (e: Edit, d: number): Edit => ({ ...e, start: e.start + d, end: e.end + d });

function shiftSite(s: Site, d: number): Site {
  const out: Site = { ...s, idStart: s.idStart + d };
  if (s.flags) out.flags = { ...s.flags, edits: s.flags.edits.map((e) => shiftEdit(e, d)) };
  if (s.keepBoth) out.keepBoth = { ...s.keepBoth, edits: s.keepBoth.edits.map((e) => shiftEdit(e, d)), scope: [s.keepBoth.scope[0] + d, s.keepBoth.scope[1] + d] };
  return out;
}

/**
 * How a site of embedded code reads, for the description of the block's site (`<script>: …`): its
 * adapter's own description, else its position's label, else its kind.
 */
export function describe(site: Site): string {
  return site.detail ?? (site.position !== undefined ? POSITIONS.get(site.position)?.label : undefined) ?? site.kind;
}

/** The matches that lie inside [start, end). */
export function matchesIn(matches: Match[], start: number, end: number): Match[] {
  return matches.filter((m) => m.start >= start && m.end <= end);
}

/** Whether an adapter of that name is registered. */
export function hasAdapter(name: string): boolean {
  return typeof ADAPTER_LOADERS[name] === "function";
}

/**
 * Scan text[start, end) with the named adapter, as if it were a file at `path`. Never throws: an
 * adapter failure comes back as parseError with no sites.
 */
export async function scanSlice(input: AdapterInput, adapterName: string, start: number, end: number, path: string): Promise<SliceResult> {
  const inner = matchesIn(input.matches, start, end).map((m) => ({ ...m, start: m.start - start, idStart: m.idStart - start, end: m.end - start }));
  if (inner.length === 0) return { sites: [] };
  try {
    const adapter = await loadAdapter(adapterName);
    const out = await adapter.scan({ path, text: input.text.slice(start, end), matches: inner, ruleset: input.ruleset });
    return { sites: (out.sites ?? []).map((s) => shiftSite(s, start)), parseError: out.parseError };
  } catch (e) {
    return { sites: [], parseError: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Scan a code block of a document with its common indentation removed (a fenced block inside a list
 * item, an reStructuredText directive body): only position kinds come back, never edits, since the
 * offsets inside the dedented copy map back to the file only for the matches.
 */
export async function scanDedented(input: AdapterInput, adapterName: string, start: number, end: number, path: string): Promise<SliceResult> {
  const inner = matchesIn(input.matches, start, end);
  if (inner.length === 0) return { sites: [] };
  const view = dedent(input.text, start, end);
  const matches = inner.map((m) => ({ ...m, start: view.toInner(m.start), idStart: view.toInner(m.idStart), end: view.toInner(m.end) }));
  try {
    const adapter = await loadAdapter(adapterName);
    const out = await adapter.scan({ path, text: view.text, matches, ruleset: input.ruleset });
    return {
      sites: (out.sites ?? []).map((s) => ({ ...s, idStart: view.toOuter(s.idStart), flags: undefined, keepBoth: undefined })),
      parseError: out.parseError,
    };
  } catch (e) {
    return { sites: [], parseError: e instanceof Error ? e.message : String(e) };
  }
}

interface DedentView {
  text: string;
  toInner(outer: number): number;
  toOuter(inner: number): number;
}

/** text[start, end) without the indentation its non-blank lines share; offsets map both ways. */
export function dedent(text: string, start: number, end: number): DedentView {
  const body = text.slice(start, end);
  const lines = body.split(/(?<=\n)/);
  let common = Infinity;
  for (const l of lines) {
    if (l.trim() === "") continue;
    common = Math.min(common, /^[ \t]*/.exec(l)![0].length);
  }
  if (!Number.isFinite(common)) common = 0;
  const outerStarts: number[] = [];
  const innerStarts: number[] = [];
  const removed: number[] = [];
  let outer = start;
  let innerPos = 0;
  let out = "";
  for (const l of lines) {
    const lead = /^[ \t]*/.exec(l)![0].length;
    const cut = Math.min(common, lead);
    outerStarts.push(outer);
    innerStarts.push(innerPos);
    removed.push(cut);
    out += l.slice(cut);
    innerPos += l.length - cut;
    outer += l.length;
  }
  const find = (arr: number[], v: number) => {
    let lo = 0;
    let hi = arr.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (arr[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    text: out,
    toInner: (o) => {
      const k = find(outerStarts, o);
      return innerStarts[k]! + Math.max(0, o - outerStarts[k]! - removed[k]!);
    },
    toOuter: (i) => {
      const k = find(innerStarts, i);
      return outerStarts[k]! + removed[k]! + (i - innerStarts[k]!);
    },
  };
}
