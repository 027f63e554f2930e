import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyEditGroups, applyEdits } from "../src/fix/apply.js";
import { unifiedDiff } from "../src/fix/diff.js";
import { decode, encode, eolAt, LineIndex } from "../src/core/text.js";
import { tempDir } from "./helpers/temp.js";

describe("edits", () => {
  it("applies non-overlapping edits and keeps every other byte", () => {
    expect(applyEdits("abcdef", [{ start: 4, end: 5, text: "E" }, { start: 1, end: 2, text: "BB" }])).toBe("aBBcdEf");
    expect(applyEdits("abc", [{ start: 3, end: 3, text: "!" }])).toBe("abc!");
  });
  it("applies a group whole or not at all", () => {
    const r = applyEditGroups("0123456789", [
      [{ start: 1, end: 3, text: "x" }],
      [{ start: 5, end: 6, text: "y" }, { start: 2, end: 4, text: "z" }], // overlaps group 0
      [{ start: 8, end: 8, text: "w" }],
    ]);
    expect(r.applied).toEqual([true, false, true]);
    expect(r.text).toBe("0x34567w89");
  });
  it("applies identical edits from two groups once", () => {
    const e = { start: 2, end: 2, text: "+" };
    const r = applyEditGroups("abcd", [[e], [{ ...e }, { start: 0, end: 1, text: "A" }]]);
    expect(r.applied).toEqual([true, true]);
    expect(r.text).toBe("Ab+cd");
  });
  it("refuses two different insertions at one point and edits out of range", () => {
    const r = applyEditGroups("ab", [[{ start: 1, end: 1, text: "x" }], [{ start: 1, end: 1, text: "y" }], [{ start: 1, end: 9, text: "z" }]]);
    expect(r.applied).toEqual([true, false, false]);
    expect(r.text).toBe("axb");
  });
});

describe("unified diff", () => {
  it("is accepted by git apply, CRLF and missing final newline included", () => {
    const dir = tempDir("dsm-diff-");
    const before = 'a\r\nmodel = "deepseek-chat"\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nmodel = "deepseek-chat"';
    const after = before.split("deepseek-chat").join("deepseek-v4-flash");
    fs.mkdirSync(path.join(dir, "sub"));
    fs.writeFileSync(path.join(dir, "sub/x.py"), before);
    const patch = unifiedDiff("sub/x.py", before, after);
    expect(patch).toMatch(/^diff --git a\/sub\/x.py b\/sub\/x.py\n--- a\/sub\/x.py\n\+\+\+ b\/sub\/x.py\n@@/);
    fs.writeFileSync(path.join(dir, "p.diff"), patch);
    execFileSync("git", ["init", "-q"], { cwd: dir });
    execFileSync("git", ["apply", "p.diff"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, "sub/x.py"), "utf8")).toBe(after);
    expect(unifiedDiff("x", "same", "same")).toBe("");
  });
});

describe("text", () => {
  it("round-trips every encoding byte for byte", () => {
    const samples = [
      Buffer.from("plain é\n"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("bom é\r\n")]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("utf16 é\n", "utf16le")]),
      Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9]),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff]), // Latin-1 / invalid UTF-8
    ];
    for (const b of samples) {
      const { text, encoding } = decode(b);
      expect(encode(text, encoding).equals(b)).toBe(true);
    }
    expect(decode(Buffer.from([0x61, 0xe9])).encoding).toBe("latin1");
  });
  it("maps offsets to 1-based lines and columns, CR, LF and CRLF alike", () => {
    const li = new LineIndex("ab\r\ncd\ref\ngh");
    expect(li.position(0)).toEqual({ line: 1, column: 1 });
    expect(li.position(4)).toEqual({ line: 2, column: 1 });
    expect(li.position(7)).toEqual({ line: 3, column: 1 });
    expect(li.position(11)).toEqual({ line: 4, column: 2 });
    expect(li.lineText(0)).toBe("ab");
    expect(li.lineText(1)).toBe("cd");
  });
  it("finds the line ending to use for inserted lines", () => {
    expect(eolAt("a\r\nb\r\n", 0)).toBe("\r\n");
    expect(eolAt("a\nb\r\nc", 0)).toBe("\n");
    expect(eolAt("one line", 3)).toBe("\n");
  });
});
