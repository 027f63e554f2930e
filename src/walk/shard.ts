/**
 * `--shard K/N`: split the walked files into N disjoint parts, deterministically, so a CI matrix
 * can scan one monorepo in N jobs. A file belongs to shard `1 + (FNV-1a(path) mod N)`, where path
 * is the file's path relative to the working directory with `/` separators (the same path every
 * report prints). The hash depends on nothing else: not on the file system's order, the machine,
 * the file's contents or the other files, so every job of a matrix agrees on the partition, and
 * the union of shards 1..N is exactly the unsharded run.
 */
import { UsageError } from "../core/errors.js";

export interface Shard {
  /** 1-based: 1..count. */
  index: number;
  count: number;
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The 1-based shard a relative path belongs to when the files are split `count` ways. */
export function shardOf(relPath: string, count: number): number {
  return (fnv1a32(relPath) % count) + 1;
}

/** Parse "K/N" (1 ≤ K ≤ N). Throws a UsageError (exit 2) with a clear message otherwise. */
export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new UsageError(`invalid --shard "${value}": expected K/N, e.g. 2/4`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new UsageError(`invalid --shard "${value}": K must be between 1 and N, and N at least 1`);
  }
  return { index, count };
}

/** Keep the items whose relative path falls in the shard (all of them without a shard). */
export function inShard<T>(items: T[], shard: Shard | undefined, relOf: (item: T) => string): T[] {
  if (!shard || shard.count === 1) return items;
  return items.filter((item) => shardOf(relOf(item), shard.count) === shard.index);
}
