/**
 * SQL (the table's `sql` option): the column an INSERT … VALUES value is stored in, and whether an
 * `=` assigns (after SET) or compares.
 */
import { MODEL_NAME } from "../../knowledge/naming.js";
import { at, P } from "./positions.js";
import { argIndex, type Context, type Matcher } from "./context.js";
import { enclosingPair } from "./lexer.js";

/** `INSERT INTO t (name, model) VALUES ('a', '…')`: the value of the column at the same position. */
export const insertValue: Matcher = ({ cx, s, e }) => {
  if (!cx.spec.sql) return undefined;
  const ins = sqlInsertColumn(cx, s, e);
  if (!ins) return undefined;
  if (!MODEL_NAME.test(ins.col)) return at(P.columnOther);
  // model_id, model_key: the row is keyed by the model (a price table), so a rename could collide.
  if (/(?:^|_)(?:id|key)$|[a-z](?:Id|Key)$/i.test(ins.col)) return at(P.keyColumn, { detail: `key column ${ins.col}` });
  return at(P.columnMember, { members: ins.members, modelNamed: true });
};

/**
 * SQL: the column an INSERT … VALUES tuple member is stored in (when the statement lists its
 * columns), and that column's values in every tuple of the statement.
 */
export function sqlInsertColumn(cx: Context, s: number, e: number): { col: string; members: string[] } | undefined {
  const { text } = cx;
  const tuple = enclosingPair(cx.lx, s, e);
  if (!tuple || text[tuple.open] !== "(") return undefined;
  // Walk back over earlier tuples: VALUES (…), (…), (…)
  let p = cx.back(tuple.open);
  let first = tuple.open;
  for (let guard = 0; guard < 10_000 && text[p - 1] === ","; guard++) {
    const prevClose = cx.back(p - 1) - 1;
    const o = cx.lx.closes.get(prevClose);
    if (o === undefined || text[prevClose] !== ")") return undefined;
    first = o;
    p = cx.back(o);
  }
  if (!/\bVALUES$/i.test(cx.before(p, 8))) return undefined;
  const colsClose = cx.back(p - 6) - 1;
  const colsOpen = cx.lx.closes.get(colsClose);
  if (colsOpen === undefined || text[colsClose] !== ")") return undefined;
  const cols = text.slice(colsOpen + 1, colsClose).split(",").map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ""));
  const index = argIndex(cx, tuple.open, s);
  const col = cols[index];
  if (col === undefined) return undefined;
  // The same column in every tuple of the statement.
  const members: string[] = [];
  for (let open = first, guard = 0; open !== undefined && guard < 10_000; guard++) {
    const close = cx.lx.pairs.get(open);
    if (close === undefined) break;
    const v = argAt(cx, open, close, index);
    if (v) members.push(v);
    const q = cx.fwd(close + 1);
    if (text[q] !== ",") break;
    const nextOpen = cx.fwd(q + 1);
    if (text[nextOpen] !== "(") break;
    open = nextOpen;
  }
  return { col, members };
}

/** The string content of argument `index` of the tuple (open, close), if it is a string. */
function argAt(cx: Context, open: number, close: number, index: number): string | undefined {
  let k = 0;
  for (let p = cx.fwd(open + 1); p < close; p = cx.fwd(p + 1)) {
    const r = cx.lx.byStart.get(p);
    if (r) {
      if (k === index && r.type === "string") return cx.content(r);
      p = r.end - 1;
      continue;
    }
    const c = cx.lx.pairs.get(p);
    if (c !== undefined) {
      p = c;
      continue;
    }
    if (cx.text[p] === ",") k++;
  }
  return undefined;
}

/** SQL: is this `=` an assignment (after SET) rather than a comparison? */
export function sqlSet(cx: Context, b: number): boolean {
  const window = cx.text.slice(Math.max(0, b - 2000), b);
  let last = "";
  for (const m of window.matchAll(/\b(SET|WHERE|AND|OR|ON|WHEN|HAVING|CASE|IF|WHILE|SELECT|VALUES|NOT)\b/gi)) last = m[1]!.toUpperCase();
  return last === "SET";
}
