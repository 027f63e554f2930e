/**
 * The cache's clean layer (src/core/cache.ts): the files a scan settled clean, each with its stat
 * key, as lines `path<TAB>key` sorted by path (relative to the run's folder; a path holding a tab,
 * a line break or another control character is never recorded). The cache file is its JSON
 * document on the first line, then these lines, so neither side parses the other.
 *
 * A warm run checks the layer in a worker thread (src/engine/clean-worker.ts), started before the
 * CLI loads (src/cli/main.ts) when a --cache run's cache file exists: it stats every recorded file
 * while the main thread loads its modules and walks, and answers with the lines whose file changed.
 * The main thread then pairs its walked files (sorted the same way) with the lines in one pass,
 * without splitting the layer: a walked file on an unchanged line is clean unread.
 */
import { isAscii } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { pairLines } from "./layer-pairs.js";

/** A file changed less than this before a run's start is not recorded (see src/core/cache.ts). */
export const RACY_MS = 2000;

/**
 * A file's stat key: size, modification and change times (microseconds) and inode, in base 36.
 * With `runStart`, undefined for a file whose times are not RACY_MS older than it.
 */
export function statKey(st: fs.Stats, runStart = Infinity): string | undefined {
  if (st.mtimeMs > runStart - RACY_MS || st.ctimeMs > runStart - RACY_MS) return undefined;
  return `${st.size.toString(36)}.${Math.round(st.mtimeMs * 1000).toString(36)}.${Math.round(st.ctimeMs * 1000).toString(36)}.${st.ino.toString(36)}`;
}

/** The stat key of a regular file now (undefined: gone, not a regular file, or too recent to record). */
export function fileKey(abs: string, runStart?: number): string | undefined {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  return st && st.isFile() ? statKey(st, runStart) : undefined;
}

/** Whether a path can be a line of the layer (no control characters: they end or order lines). */
export function recordable(rel: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f]/.test(rel);
}

/**
 * A layer as read: the bytes of its lines (UTF-8, no final line break), never decoded as a whole.
 * The main thread pairs its walked paths with the bytes (pairLines), and a warm run's main thread
 * takes the very bytes the worker read (earlyCacheBytes): a 40,000-line layer is about 4 MB, and
 * reading it again and making a string of it cost the main thread about 30 ms.
 */
export type Layer = Buffer;
export const NO_LAYER: Layer = Buffer.alloc(0);

/** Lines are checked in chunks of this many, claimed by the worker and the main thread in turn. */
const CHUNK = 256;

/** The offsets at which a layer's lines start. */
export function lineStarts(layer: Layer): Int32Array {
  if (layer.length === 0) return new Int32Array(0);
  // Counted first, then filled: no growing array for the 40,000 lines of a large tree.
  let n = 1;
  for (let at = layer.indexOf(10); at >= 0; at = layer.indexOf(10, at + 1)) n++;
  const out = new Int32Array(n);
  let k = 1;
  for (let at = layer.indexOf(10); at >= 0; at = layer.indexOf(10, at + 1)) out[k++] = at + 1;
  return out;
}

/**
 * Check chunks of the layer's lines until none is left to claim (`next`, shared between threads):
 * the indices of lines whose file, under `cwd`, no longer has the recorded key (or is over
 * `maxFileSize`, or gone) are added to `changed`.
 */
export function checkChunks(layer: Layer, starts: Int32Array, next: Int32Array, cwd: string, maxFileSize: number, changed: number[]): void {
  const base = path.resolve(cwd);
  // Under the process's own folder (a run from where it started), a relative path: the kernel then
  // looks up fewer folders per stat (about 15% less on the bench's trees; the CLI never changes its
  // folder, and worker threads share it).
  const prefix = base === process.cwd() ? "" : base.endsWith(path.sep) ? base : base + path.sep;
  // (Paths are ASCII in most trees: those bytes are their text as they are.)
  const encoding = isAscii(layer) ? "latin1" : "utf8";
  for (;;) {
    const first = Atomics.add(next, 0, 1) * CHUNK;
    if (first >= starts.length) return;
    const last = Math.min(first + CHUNK, starts.length);
    for (let line = first; line < last; line++) {
      const at = starts[line]!;
      const end = line + 1 < starts.length ? starts[line + 1]! - 1 : layer.length;
      const tab = layer.indexOf(9, at);
      let same = false;
      if (tab > at && tab < end) {
        const rel = layer.toString(encoding, at, tab);
        const key = layer.toString("latin1", tab + 1, end);
        const abs = path.sep === "/" && !rel.startsWith("../") ? prefix + rel : path.resolve(base, rel);
        same = fileKey(abs) === key && parseInt(key, 36) <= maxFileSize;
      }
      if (!same) changed.push(line);
    }
  }
}

/**
 * A cache file's parts: its JSON document (a string) and its clean layer (bytes; empty when none).
 * `bytes`: the file as already read (the early check's copy, see earlyCacheBytes). The document is
 * mostly ASCII, and ASCII bytes become a string by a copy where UTF-8 is decoded.
 */
export function readCacheParts(file: string, bytes?: Buffer): { json: string; layer: Layer; complete: boolean } {
  const buf = bytes ?? fs.readFileSync(file);
  const nl = buf.indexOf(10);
  const text = (from: number, to: number) => buf.toString(isAscii(buf.subarray(from, to)) ? "latin1" : "utf8", from, to);
  if (nl < 0) return { json: text(0, buf.length), layer: NO_LAYER, complete: false };
  const json = text(0, nl);
  const end = buf.length > nl + 1 && buf[buf.length - 1] === 10 ? buf.length - 1 : buf.length;
  return { json, layer: end > nl + 1 ? buf.subarray(nl + 1, end) : NO_LAYER, complete: true };
}

/** What a check of the layer answers (the worker's part). */
export interface LayerCheck {
  /** The cache's settings key, as the file held it when checked. */
  key: string;
  /** The layer checked (the lines `changed` numbers). */
  layer: Layer;
  /** The size limit files were held to. */
  maxFileSize: number;
  /** Indices of the lines whose file changed, among the chunks this side checked. */
  changed: number[];
  /** How many lines the layer has. */
  lines: number;
}

/**
 * The cache file's bytes read by the early check into memory the main thread shares: the check sets
 * `state` to READ once they are all there (FAILED: read them yourself; the file's size changed).
 */
export interface SharedBytes {
  bytes: SharedArrayBuffer;
  state: Int32Array;
}
const READ = 1;
const FAILED = 2;

/** Read a file whose size was `shared.bytes.byteLength` into the shared memory; false when it is not that file any more. */
function readShared(file: string, shared: SharedBytes): boolean {
  let ok = false;
  try {
    const fd = fs.openSync(file, "r");
    try {
      const buf = Buffer.from(shared.bytes);
      if (fs.fstatSync(fd).size === buf.length) {
        let off = 0;
        while (off < buf.length) {
          const n = fs.readSync(fd, buf, off, buf.length - off, off);
          if (n === 0) break;
          off += n;
        }
        ok = off === buf.length;
      }
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    ok = false;
  }
  Atomics.store(shared.state, 0, ok ? READ : FAILED);
  return ok;
}

/**
 * What the worker posts: the check without the layer when it checked the shared bytes (the main
 * thread has them: `from` and `to` place the layer in them), with its own copy otherwise.
 */
export type LayerAnswer = Omit<LayerCheck, "layer"> & ({ shared: true; from: number; to: number } | { shared: false; layer: Layer });

/** Check a cache file's layer, sharing its chunks through `next` (in whichever thread calls it). */
export function checkLayer(file: string, cwd: string, maxFileSize: number, next: Int32Array, shared?: SharedBytes): LayerAnswer | undefined {
  try {
    const inShared = shared !== undefined && readShared(file, shared);
    const bytes = inShared ? Buffer.from(shared.bytes) : fs.readFileSync(file);
    const { json, layer } = readCacheParts(file, bytes);
    const doc = JSON.parse(json) as { key?: unknown };
    if (typeof doc.key !== "string" || layer.length === 0) return undefined;
    const changed: number[] = [];
    const starts = lineStarts(layer);
    checkChunks(layer, starts, next, cwd, maxFileSize, changed);
    const check = { key: doc.key, maxFileSize, changed, lines: starts.length };
    return inShared ? { ...check, shared: true, from: layer.byteOffset - bytes.byteOffset, to: layer.byteOffset - bytes.byteOffset + layer.length } : { ...check, shared: false, layer };
  } catch {
    return undefined;
  }
}

/** A check of a cache file's layer, running (in a worker thread when the build has one). */
export interface CleanCheck {
  file: string;
  cwd: string;
  maxFileSize: number;
  /** The next chunk to claim, shared with the worker: the main thread helps once it has walked. */
  next: Int32Array;
  /** The early check's read of the cache file, into memory the main thread shares (see earlyCacheBytes). */
  shared?: SharedBytes;
  result: Promise<LayerAnswer | undefined>;
  /** Keep the process alive until the answer comes (the worker does not, until a run waits for it). */
  hold(): void;
  stop(): void;
}

/**
 * Check a cache file's clean layer against the files under `cwd`: in a worker thread when the
 * compiled worker exists (a run from the sources checks in-process), so that the stat calls, one
 * per recorded file, overlap the main thread's module loading and walk; the main thread takes the
 * chunks left when it has walked (`finishCheck`).
 */
export function startCleanCheck(file: string, cwd: string, maxFileSize: number, share = false): CleanCheck {
  const workerFile = fileURLToPath(new URL("../engine/clean-worker.js", import.meta.url));
  const next = new Int32Array(new SharedArrayBuffer(4));
  if (fs.existsSync(workerFile)) {
    let shared: SharedBytes | undefined;
    if (share) {
      try {
        shared = { bytes: new SharedArrayBuffer(fs.statSync(file).size), state: new Int32Array(new SharedArrayBuffer(4)) };
      } catch {
        shared = undefined;
      }
    }
    let worker: Worker | undefined;
    const result = new Promise<LayerAnswer | undefined>((resolve) => {
      try {
        worker = new Worker(workerFile, { workerData: { file, cwd, maxFileSize, next, shared } });
      } catch {
        if (shared) Atomics.store(shared.state, 0, FAILED);
        resolve(undefined);
        return;
      }
      worker.unref();
      worker.once("message", (m: LayerAnswer | null) => {
        resolve(m ?? undefined);
        void worker!.terminate();
      });
      worker.once("error", () => resolve(undefined));
      worker.once("exit", () => resolve(undefined));
    });
    return { file, cwd, maxFileSize, next, ...(shared ? { shared } : {}), result, hold: () => worker?.ref(), stop: () => void worker?.terminate() };
  }
  const result = new Promise<LayerAnswer | undefined>((resolve) => setImmediate(() => resolve(checkLayer(file, cwd, maxFileSize, next))));
  return { file, cwd, maxFileSize, next, result, hold: () => {}, stop: () => {} };
}

/**
 * The whole check: the main thread checks the chunks of its copy of the layer that the worker has
 * not claimed, then takes the worker's answer. Undefined when the two copies differ (the file was
 * rewritten meanwhile) or the worker failed.
 */
export async function finishCheck(check: CleanCheck, layer: Layer): Promise<LayerCheck | undefined> {
  const mine: number[] = [];
  checkChunks(layer, lineStarts(layer), check.next, check.cwd, check.maxFileSize, mine);
  check.hold();
  const answer = await check.result;
  if (!answer) return undefined;
  // (A Buffer posted by a worker arrives as a plain Uint8Array.)
  const theirs = answer.shared ? Buffer.from(check.shared!.bytes, answer.from, answer.to - answer.from) : Buffer.from(answer.layer.buffer, answer.layer.byteOffset, answer.layer.byteLength);
  // (The same bytes when this run's cache was read from the shared memory: a compare of equal memory.)
  if (!theirs.equals(layer)) return undefined;
  return { key: answer.key, maxFileSize: answer.maxFileSize, lines: answer.lines, layer, changed: [...answer.changed, ...mine] };
}

/**
 * The cache file as the early check read it, when it has (into memory this thread shares): a warm
 * run's cache is then not read a second time (src/core/cache.ts). Undefined otherwise.
 */
export function earlyCacheBytes(file: string): Buffer | undefined {
  const s = early?.file === file ? early.shared : undefined;
  return s && Atomics.load(s.state, 0) === READ ? Buffer.from(s.bytes) : undefined;
}

let early: CleanCheck | undefined;

/** Start the check before the CLI loads (src/cli/main.ts); a run takes it with takeCleanCheck. */
export function startEarlyCleanCheck(file: string, cwd: string, maxFileSize: number): void {
  early = startCleanCheck(file, cwd, maxFileSize, true);
}

/** Stop an early check no run takes (the cache did not hold, or the run needs no layer). */
export function dropEarlyCleanCheck(): void {
  early?.stop();
  early = undefined;
}

/** The check of this cache file for this folder: the early one when it is that one, else a new one. */
export function takeCleanCheck(file: string, cwd: string, maxFileSize: number): CleanCheck {
  const e = early;
  early = undefined;
  if (e && e.file === file && e.cwd === cwd && e.maxFileSize === maxFileSize) return e;
  e?.stop();
  return startCleanCheck(file, cwd, maxFileSize);
}

/** Lines `path<TAB>key` of a map, sorted by path. */
export function formatLines(m: Map<string, string>): string {
  return [...m.keys()]
    .sort()
    .map((rel) => `${rel}\t${m.get(rel)!}`)
    .join("\n");
}

/** A layer's lines as a map. */
export function parseLines(layer: Layer): Map<string, string> {
  const out = new Map<string, string>();
  if (layer.length === 0) return out;
  for (const line of layer.toString("utf8").split("\n")) {
    const tab = line.indexOf("\t");
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

/** A checked layer paired with the walk: for each walked file, its line (-1: none) and its key's place. */
export interface PairedLayer {
  check: LayerCheck;
  line: Int32Array;
  keyStart: Int32Array;
  keyEnd: Int32Array;
  /** How many lines were paired with a walked file. */
  paired: number;
  changed: Set<number>;
}

/** Pair the walked paths (sorted) with a checked layer. */
export function pairWalked(rels: readonly string[], check: LayerCheck): PairedLayer {
  const n = rels.length;
  const p: PairedLayer = { check, line: new Int32Array(n).fill(-1), keyStart: new Int32Array(n), keyEnd: new Int32Array(n), paired: 0, changed: new Set(check.changed) };
  pairLines(rels, check.layer, (i, line, ks, ke) => {
    p.line[i] = line;
    p.keyStart[i] = ks;
    p.keyEnd[i] = ke;
    p.paired++;
  });
  return p;
}

/** Whether the walked file `i` is on an unchanged line: clean, unread. */
export function knownClean(p: PairedLayer, i: number): boolean {
  const line = p.line[i]!;
  return line >= 0 && !p.changed.has(line);
}

/**
 * The clean layer a run leaves: every walked file it did not find unsettled (the scan read it and
 * did not settle it clean), with its stat key (checked at the start, or taken now; a file changed
 * since the run started is left out), and the old lines of files the run did not cover. Unchanged,
 * it is the old layer as it was.
 */
export function composeLayer(
  walkedRels: readonly string[],
  o: { unsettled: Set<string>; layer: PairedLayer | undefined; old: Layer; covered: (rel: string) => boolean; cwd: string; runStart: number },
): Layer | string {
  const { layer } = o;
  // Every line paired with an unchanged walked file, and every other walked file read and not
  // settled: the same layer.
  if (layer && layer.changed.size === 0 && layer.paired + o.unsettled.size === walkedRels.length && layer.paired === layer.check.lines) return o.old;
  const clean = new Map<string, string>();
  const base = path.resolve(o.cwd);
  walkedRels.forEach((rel, i) => {
    if (o.unsettled.has(rel) || !recordable(rel)) return;
    const key = layer && knownClean(layer, i) ? layer.check.layer.toString("latin1", layer.keyStart[i], layer.keyEnd[i]) : fileKey(path.join(base, rel), o.runStart);
    if (key !== undefined) clean.set(rel, key);
  });
  for (const [rel, key] of parseLines(o.old)) if (!clean.has(rel) && !o.covered(rel)) clean.set(rel, key);
  return formatLines(clean);
}
