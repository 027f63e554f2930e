import type { Edit } from "../core/types.js";

/**
 * An insertion that adds `item` after a collection member: on a line of its own (same indentation,
 * after any comment) when the member ends its line, else right after it on the same line.
 */
export function insertAfterItem(code: string, item: { startIndex: number; endIndex: number }, text: string): Edit | undefined {
  const lineStart = code.lastIndexOf("\n", item.startIndex - 1) + 1;
  const indent = code.slice(lineStart, item.startIndex);
  let i = item.endIndex;
  while (code[i] === " " || code[i] === "\t") i++;
  const comma = code[i] === ",";
  if (comma) i++;
  let j = i;
  while (code[j] === " " || code[j] === "\t") j++;
  const restIsComment = code[j] === "#" || code.startsWith("//", j);
  let lineEnd = code.indexOf("\n", j);
  if (lineEnd < 0) lineEnd = code.length;
  const ownLine = /^\s*$/.test(indent) && (restIsComment || j === lineEnd || (code[j] === "\r" && j + 1 === lineEnd));
  if (ownLine) {
    const cr = code[lineEnd - 1] === "\r";
    const at = cr ? lineEnd - 1 : lineEnd;
    const eol = cr ? "\r\n" : "\n";
    // Without a comma after the member, the new entry brings the comma.
    if (!comma) return { start: item.endIndex, end: item.endIndex, text: `,${eol}${indent}${text}` };
    return { start: at, end: at, text: `${eol}${indent}${text},` };
  }
  return { start: item.endIndex, end: item.endIndex, text: `, ${text}` };
}

