/**
 * LineIndex finds line starts with indexOf when the text has no CR, with a loop over the text
 * otherwise (src/core/text.ts): both must give the starts a plain loop gives, a line break being LF,
 * CRLF or a lone CR.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../src/core/text.js";

function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

describe("LineIndex", () => {
  it("finds the line starts a loop finds, with LF, CRLF, lone CR or none", () => {
    const piece = fc.constantFrom("a", "bc", "é", "\n", "\r\n", "\r", "\n\n", "\r\r\n", " ");
    const text = fc.oneof(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
      fc.array(fc.constantFrom("x", "yz", "\n", "\n\n"), { maxLength: 40 }).map((p) => p.join("")), // no CR
    );
    fc.assert(
      fc.property(text, (t) => {
        const li = new LineIndex(t);
        expect(li.starts).toEqual(referenceStarts(t));
        for (let o = 0; o <= t.length; o++) {
          const line = referenceStarts(t).filter((s) => s <= o).length - 1;
          expect(li.lineOf(o)).toBe(line);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives positions and line texts in LF-only and CR texts", () => {
    const lf = new LineIndex("ab\n\ncd\nef");
    expect(lf.starts).toEqual([0, 3, 4, 7]);
    expect(lf.position(8)).toEqual({ line: 4, column: 2 });
    expect(lf.lineText(1)).toBe("");
    expect(lf.lineText(3)).toBe("ef");
    expect(new LineIndex("").starts).toEqual([0]);
    expect(new LineIndex("\n").starts).toEqual([0, 1]);
    expect(new LineIndex("x\n").lineText(1)).toBe("");
    const cr = new LineIndex("ab\r\ncd\ref\n\rgh\r");
    expect(cr.starts).toEqual([0, 4, 7, 10, 11, 14]);
    expect(cr.lineText(0)).toBe("ab");
    expect(cr.lineText(1)).toBe("cd");
    expect(cr.lineText(3)).toBe("");
    expect(cr.position(12)).toEqual({ line: 5, column: 2 });
  });
});
