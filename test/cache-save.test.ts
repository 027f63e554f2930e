/**
 * Writing the results cache (src/core/cache.ts, saveCache): a cache this run would write as it was
 * read is left alone, told apart without serializing it; any difference (an entry changed, added or
 * dropped, an invalid entry in the file, another answer of git, another layer) writes it again.
 * Real files in a temp folder; "not written" is told by a modification time set in the past.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCache, saveCache, type LoadedCache } from "../src/core/cache.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-cache-save-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAST = new Date("2020-01-01T00:00:00Z");
let n = 0;

/** A cache file with two entries and a layer, loaded back, its time set in the past. */
function stored(): { file: string; loaded: LoadedCache } {
  const file = path.join(dir, `cache-${++n}`);
  const blank = loadCache(file, "key");
  const entries = new Map<string, [string, string]>([
    ["a.py", ["hashA", '{"warnings":[],"findings":[]}']],
    ["b.py", ["hashB", '{"warnings":[],"findings":[]}']],
  ]);
  blank.tracked.now.set("index\0question", "");
  expect(saveCache(blank, "1.0.0", { entries, clean: "c.py\tk1\nd.py\tk2" }, () => true)).toBeUndefined();
  fs.utimesSync(file, PAST, PAST);
  const loaded = loadCache(file, "key");
  expect(loaded.intact).toBe(true);
  loaded.tracked.now = new Map(loaded.tracked.old);
  return { file, loaded };
}

const written = (file: string) => fs.statSync(file).mtimeMs !== PAST.getTime();
const same = (l: LoadedCache) => new Map(l.cache.entries);
const save = (l: LoadedCache, entries: Map<string, [string, string]>, clean = l.clean) => saveCache(l, "1.0.0", { entries, clean }, () => true);

describe("saveCache", () => {
  it("leaves a cache this run would write as it was read: the same entries, or equal ones", () => {
    const a = stored();
    expect(save(a.loaded, same(a.loaded))).toBeUndefined();
    expect(written(a.file)).toBe(false);
    // Equal entries that are not the loaded ones: compared as text, still not written.
    const b = stored();
    const copies = new Map([...b.loaded.cache.entries].map(([k, v]) => [k, [v[0], v[1]] as [string, string]]));
    expect(save(b.loaded, copies, Buffer.from(b.loaded.clean))).toBeUndefined();
    expect(written(b.file)).toBe(false);
  });

  it("writes it again when an entry changed, was added or dropped, git answered otherwise, or the layer changed", () => {
    const changed = stored();
    const entries = same(changed.loaded);
    entries.set("a.py", ["hashA2", '{"warnings":[],"findings":[]}']);
    save(changed.loaded, entries);
    expect(written(changed.file)).toBe(true);
    expect(loadCache(changed.file, "key").cache.entries.get("a.py")![0]).toBe("hashA2");

    const added = stored();
    save(added.loaded, same(added.loaded).set("e.py", ["hashE", "{}"]));
    expect(written(added.file)).toBe(true);

    const dropped = stored();
    const fewer = same(dropped.loaded);
    fewer.delete("b.py");
    save(dropped.loaded, fewer);
    expect(written(dropped.file)).toBe(true);
    expect([...loadCache(dropped.file, "key").cache.entries.keys()]).toEqual(["a.py"]);

    const git = stored();
    git.loaded.tracked.now.set("index\0question", "x.py\0");
    save(git.loaded, same(git.loaded));
    expect(written(git.file)).toBe(true);

    const layer = stored();
    save(layer.loaded, same(layer.loaded), "c.py\tk1");
    expect(written(layer.file)).toBe(true);
  });

  it("an entry of a file outside this run is kept without a write; an invalid entry in the file is dropped by a write", () => {
    const outside = stored();
    const only = same(outside.loaded);
    only.delete("b.py");
    expect(saveCache(outside.loaded, "1.0.0", { entries: only, clean: outside.loaded.clean }, (rel) => rel !== "b.py")).toBeUndefined();
    expect(written(outside.file)).toBe(false);

    const bad = stored();
    const [json, ...layer] = fs.readFileSync(bad.file, "utf8").split("\n");
    const doc = JSON.parse(json!) as { entries: Record<string, unknown> };
    doc.entries["z.py"] = ["only a hash"];
    fs.writeFileSync(bad.file, [JSON.stringify(doc), ...layer].join("\n"));
    fs.utimesSync(bad.file, PAST, PAST);
    const loaded = loadCache(bad.file, "key");
    expect(loaded.intact).toBeUndefined();
    loaded.tracked.now = new Map(loaded.tracked.old);
    save(loaded, same(loaded));
    expect(written(bad.file)).toBe(true);
    expect(fs.readFileSync(bad.file, "utf8")).not.toContain("only a hash");
  });
});
