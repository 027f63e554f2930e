/**
 * key=value files (the table's "kv" mode: .properties, .ini): comments, keys, section headers and
 * values, line by line; a value is a model position when its key path names a model.
 */
import type { Match } from "../../core/types.js";
import { MODEL_NAME } from "../../knowledge/naming.js";
import { at, P, type Placed } from "./positions.js";
import { PLACEHOLDER } from "./patterns.js";
import type { LanguageSpec } from "./spec.js";

interface KvLine {
  comment?: [number, number];
  key?: [number, number];
  value?: [number, number];
  path: string;
}

/** Classify matches in a key=value file: comments, keys, values (exact, quoted, or comma lists). */
export function classifyKv(text: string, spec: LanguageSpec, matches: Match[]): Map<number, Placed> {
  const lines = kvLines(text, spec);
  const out = new Map<number, Placed>();
  for (const m of matches) {
    const pre = text.slice(Math.max(0, m.start - 200), m.start);
    if (PLACEHOLDER.test(pre) && text[m.end] === "}") {
      out.set(m.idStart, at(P.placeholderDefault));
      continue;
    }
    const line = findLine(lines, m.start);
    if (!line) {
      out.set(m.idStart, at(P.kvText));
      continue;
    }
    const inside = (r?: [number, number]) => !!r && m.start >= r[0] && m.end <= r[1];
    if (inside(line.comment)) {
      out.set(m.idStart, at(P.comment));
      continue;
    }
    if (inside(line.key)) {
      out.set(m.idStart, at(P.kvKey));
      continue;
    }
    if (inside(line.value)) {
      const raw = text.slice(line.value![0], line.value![1]).trim();
      const unq = raw.replace(/^(["'])(.*)\1$/, "$2");
      const mt = text.slice(m.start, m.end);
      const named = MODEL_NAME.test(line.path);
      if (unq === mt) {
        out.set(m.idStart, at(named ? P.kvModel : P.kvOther));
        continue;
      }
      const items = unq.split(",").map((x) => x.trim().replace(/^(["'])(.*)\1$/, "$2"));
      if (items.length > 1 && items.includes(mt) && items.every((x) => /^[\w.:/-]+$/.test(x))) {
        out.set(m.idStart, at(P.kvMember, { members: items, modelNamed: named }));
        continue;
      }
    }
    out.set(m.idStart, at(P.kvText));
  }
  return out;
}

function kvLines(text: string, spec: LanguageSpec): { start: number; end: number; line: KvLine }[] {
  const out: { start: number; end: number; line: KvLine }[] = [];
  let section = "";
  const re = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
  let prevContinues = false;
  let prevPath = "";
  for (const mm of text.matchAll(re)) {
    if (mm[0] === "" && mm.index! >= text.length) break;
    const start = mm.index!;
    const body = mm[0].replace(/[\r\n]+$/, "");
    const end = start + body.length;
    const lead = body.length - body.trimStart().length;
    const t = body.trimStart();
    const line: KvLine = { path: section };
    if (prevContinues) {
      line.value = [start + lead, end];
      line.path = prevPath;
      prevContinues = /\\$/.test(body);
      out.push({ start, end, line });
      continue;
    }
    if (t === "") {
      out.push({ start, end, line });
      continue;
    }
    if ((spec.kvComments ?? []).some((c) => t.startsWith(c))) {
      line.comment = [start + lead, end];
      out.push({ start, end, line });
      continue;
    }
    if (spec.kvSections && t.startsWith("[")) {
      const close = t.indexOf("]");
      section = close > 0 ? t.slice(1, close).trim() : t.slice(1);
      line.key = [start + lead, end];
      out.push({ start, end, line });
      continue;
    }
    // Key and separator: the first = or : (or a blank in .properties).
    let k = 0;
    while (k < t.length && t[k] !== "=" && t[k] !== ":" && !(spec.kvBlankSeparator && /\s/.test(t[k]!))) {
      if (t[k] === "\\") k++;
      k++;
    }
    const keyText = t.slice(0, k).trim();
    let v = k;
    while (v < t.length && /[ \t]/.test(t[v]!)) v++;
    if (t[v] === "=" || t[v] === ":") v++;
    let valueEnd = t.length;
    // ini: an inline comment starts at ; or # after a blank.
    if (spec.kvSections) {
      const ic = /\s[;#]/.exec(t.slice(v));
      if (ic) {
        valueEnd = v + ic.index;
        line.comment = [start + lead + valueEnd + 1, end];
      }
    }
    line.key = [start + lead, start + lead + keyText.length];
    line.value = [start + lead + v, start + lead + valueEnd];
    line.path = section ? `${section}.${keyText}` : keyText;
    prevContinues = !spec.kvSections && /\\$/.test(body);
    prevPath = line.path;
    out.push({ start, end, line });
  }
  return out;
}

function findLine(lines: { start: number; end: number; line: KvLine }[], pos: number): KvLine | undefined {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = lines[mid]!;
    if (pos < l.start) hi = mid - 1;
    else if (pos > l.end) lo = mid + 1;
    else return l.line;
  }
  return undefined;
}
