/**
 * unifiedDiff leaves out the common leading lines (all but the context) before running Myers' diff
 * (src/fix/diff.ts): its output must be byte for byte what jsdiff gives on the whole texts, also
 * when lines repeat around the change (where two shortest diffs tie).
 */
import { createTwoFilesPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../src/fix/diff.js";

function reference(file: string, before: string, after: string): string {
  const p = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3, maxEditLength: 1000 })!;
  return `diff --git a/${file} b/${file}\n` + p.slice(p.indexOf("--- "));
}

describe("unifiedDiff without the common leading lines", () => {
  it("is jsdiff's diff of the whole texts", () => {
    // Few distinct lines, so repeats (and ties between diffs) are common; edits anywhere.
    const line = fc.constantFrom("a", "b", "x", "", "  model: 'deepseek-chat',", "  model: 'deepseek-v4-flash',", "c\r");
    const text = fc.array(line, { maxLength: 30 }).chain((ls) => fc.boolean().map((nl) => ls.join("\n") + (nl && ls.length ? "\n" : "")));
    const edit = fc.tuple(fc.nat(40), fc.nat(4), fc.array(line, { maxLength: 3 }));
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 3 }), (before, edits) => {
        const ls = before.split("\n");
        for (const [at, del, ins] of edits) ls.splice(at % (ls.length + 1), del, ...ins);
        const after = ls.join("\n");
        if (after === before) return;
        expect(unifiedDiff("f.ts", before, after)).toBe(reference("f.ts", before, after));
      }),
      { numRuns: 2000 },
    );
  });

  it("numbers hunks deep in a long file as jsdiff does", () => {
    const before = Array.from({ length: 400 }, (_, i) => `line ${i % 7}`).join("\n") + "\n";
    const after = before.replace("line 3\nline 4\nline 5\nline 6\nline 0\nline 1\nline 2\nline 3", "line 3\nline 4\nline 5\nX\nline 0\nline 1\nline 2\nline 3");
    const d = unifiedDiff("f.ts", before, after);
    expect(d).toBe(reference("f.ts", before, after));
    expect(d).toContain("@@ -4,7 +4,7 @@");
    const late = before.split("\n");
    late[350] = "changed";
    expect(unifiedDiff("f.ts", before, late.join("\n"))).toBe(reference("f.ts", before, late.join("\n")));
    expect(unifiedDiff("f.ts", before, late.join("\n"))).toContain("@@ -348,7 +348,7 @@");
  });
});
