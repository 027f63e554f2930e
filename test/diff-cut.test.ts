/**
 * unifiedDiff leaves out the common leading lines (all but the context), and when it is safe most
 * of the common trailing lines, before running Myers' diff (src/fix/diff.ts): its output must be
 * byte for byte what jsdiff gives on the whole texts, also when lines repeat around the change
 * (where two shortest diffs tie), and `git apply` must accept it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { applyPatch, createTwoFilesPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffWindow, unifiedDiff } from "../src/fix/diff.js";
import { tempDir } from "./helpers/temp.js";

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

describe("unifiedDiff without most of the common trailing lines", () => {
  // A few lines that recur (so the lines after a change often repeat the changed ones, where a cut
  // that ignores them would change jsdiff's choice; some with a CR before the LF or a lone CR)
  // among many others (so that the common trailing lines are often cut).
  const few = fc.constantFrom("a", "b", "x", "", "}", "  model: 'deepseek-chat',", "  model: 'deepseek-v4-flash',", "c\r", "d\re");
  const line = fc.oneof({ arbitrary: few, weight: 1 }, { arbitrary: fc.nat(60).map((n) => `u${n}`), weight: 2 });
  const splice = fc.tuple(fc.nat(200), fc.nat(3), fc.array(line, { maxLength: 4 }));

  it("is jsdiff's diff of the whole texts, and jsdiff's applyPatch gives the new text back", () => {
    let cutTrailing = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 5, maxLength: 80, size: "max" }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.array(splice, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (ls, eol, finalEol, edits, near) => {
          const before = ls.join(eol) + (finalEol && ls.length ? eol : "");
          const out = ls.slice();
          // Edits close together (the usual fix) or anywhere.
          const base = edits[0]![0] % (ls.length + 1);
          for (const [at, del, ins] of edits) out.splice(near ? (base + (at % 5)) % (out.length + 1) : at % (out.length + 1), del, ...ins);
          const after = out.join(eol) + (finalEol && out.length ? eol : "");
          if (after === before) return;
          runs++;
          if (diffWindow(before, after).end < before.length) cutTrailing++;
          const d = unifiedDiff("f.ts", before, after);
          expect(d).toBe(reference("f.ts", before, after));
          expect(applyPatch(before, d)).toBe(after);
        },
      ),
      { numRuns: 3000 },
    );
    // The property says something about the cut only if the cut happens.
    expect(cutTrailing).toBeGreaterThan(runs / 8);
  });

  it("keeps the trailing lines that repeat the changed ones (jsdiff would pick another diff without them)", () => {
    // Without the check, cutting all but 3 of the eight "a" lines gives "+b", three " a", "-a":
    // a valid patch, but not the one jsdiff makes from the whole texts.
    const before = "p\nq\nr\na\n" + "a\n".repeat(8);
    const after = "p\nq\nr\nb\n" + "a\n".repeat(8);
    expect(unifiedDiff("f.ts", before, after)).toBe(reference("f.ts", before, after));
    expect(diffWindow(before, after).end).toBe(before.length);
    // A changed line unlike the lines after it: those lines are cut.
    const b2 = "p\nq\nr\nm\n" + "a\n".repeat(8);
    const a2 = "p\nq\nr\nM\n" + "a\n".repeat(8);
    expect(diffWindow(b2, a2).end).toBe("p\nq\nr\nm\na\na\na\n".length);
    expect(unifiedDiff("f.ts", b2, a2)).toBe(reference("f.ts", b2, a2));
  });

  it("is jsdiff's diff when a replaced line is followed by a copy of the old or the new line", () => {
    // jsdiff then matches the copy with the line it repeats: not "-old", "+new", then the copy.
    for (const next of ["old", "new"]) {
      const before = `h0\nh1\nh2\nh3\nold\n${next}\nt0\nt1\nt2\nt3\n`;
      const after = `h0\nh1\nh2\nh3\nnew\n${next}\nt0\nt1\nt2\nt3\n`;
      const d = unifiedDiff("f.ts", before, after);
      expect(d).toBe(reference("f.ts", before, after));
      expect(applyPatch(before, d)).toBe(after);
    }
    expect(unifiedDiff("f.ts", "a\nold\nnew\n", "a\nnew\nnew\n")).toContain("@@ -1,3 +1,3 @@\n a\n-old\n new\n+new\n");
  });

  it("keeps more trailing lines than the longer side of the change", () => {
    // Four changed lines on one side and one on the other: 5 lines kept after them.
    const tail = Array.from({ length: 20 }, (_, i) => `t${i}`).join("\n") + "\n";
    const before = "h0\nh1\nold1\nold2\nold3\nold4\n" + tail;
    const after = "h0\nh1\nnew\n" + tail;
    expect(diffWindow(before, after).end).toBe("h0\nh1\nold1\nold2\nold3\nold4\nt0\nt1\nt2\nt3\nt4\n".length);
    expect(diffWindow(after, before).end).toBe("h0\nh1\nnew\nt0\nt1\nt2\nt3\nt4\n".length);
    expect(unifiedDiff("f.ts", before, after)).toBe(reference("f.ts", before, after));
    expect(unifiedDiff("f.ts", after, before)).toBe(reference("f.ts", after, before));
  });

  const long = (n: number) => Array.from({ length: n }, (_, i) => `line ${i} model: ${i % 9 === 4 ? "'deepseek-chat'" : i}`);
  const cases: Array<[string, string, string]> = [];
  for (const eol of ["\n", "\r\n"]) {
    for (const finalEol of [true, false]) {
      const ls = long(40);
      const text = (xs: string[]) => xs.join(eol) + (finalEol ? eol : "");
      const before = text(ls);
      const name = `${eol === "\n" ? "lf" : "crlf"}${finalEol ? "" : "-open"}`;
      const edit = (i: number, s: string) => text(ls.map((l, k) => (k === i ? s : l)));
      cases.push([`${name}-first.ts`, before, edit(0, "first")]);
      cases.push([`${name}-last.ts`, before, edit(39, "last")]);
      cases.push([`${name}-near-end.ts`, before, edit(36, "near end")]);
      cases.push([`${name}-middle.ts`, before, before.split("deepseek-chat").join("deepseek-v4-flash")]);
      cases.push([`${name}-insert.ts`, before, text([...ls.slice(0, 20), "added 1", "added 2", ...ls.slice(20)])]);
      cases.push([`${name}-delete.ts`, before, text([...ls.slice(0, 20), ...ls.slice(23)])]);
    }
  }
  // Lone CRs: one line for jsdiff and git, several for the editor.
  cases.push(["lone-cr.ts", "a\rb\nc\n".repeat(15), "a\rb\nc\n".repeat(7) + "a\rB\nc\n" + "a\rb\nc\n".repeat(7)]);
  cases.push(["lone-cr-open.ts", "x\n".repeat(20) + "a\rb", "x\n".repeat(20) + "a\rB"]);
  cases.push(["final-newline-added.ts", "x\n".repeat(20) + "end", "x\n".repeat(20) + "end\n"]);
  cases.push(["final-newline-removed.ts", "y\n".repeat(20) + "end\n", "y\n".repeat(20) + "end"]);

  it("is jsdiff's diff for edits at the first and last lines, CRLF, lone CR and missing final newlines", () => {
    let cut = 0;
    for (const [file, before, after] of cases) {
      expect(unifiedDiff(file, before, after), file).toBe(reference(file, before, after));
      if (diffWindow(before, after).end < before.length) cut++;
    }
    expect(cut).toBeGreaterThanOrEqual(12);
  });

  it("gives patches git apply accepts", () => {
    const dir = tempDir("dsm-diff-cut-");
    let patch = "";
    for (const [file, before, after] of cases) {
      fs.writeFileSync(path.join(dir, file), before);
      patch += unifiedDiff(file, before, after);
    }
    fs.writeFileSync(path.join(dir, "p.diff"), patch);
    execFileSync("git", ["init", "-q"], { cwd: dir });
    execFileSync("git", ["apply", "p.diff"], { cwd: dir });
    for (const [file, , after] of cases) expect(fs.readFileSync(path.join(dir, file), "utf8"), file).toBe(after);
  });
});
