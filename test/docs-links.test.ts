import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/fixtures.js";

/** README.md and every page under docs/, as paths relative to the repository. */
function pages(): string[] {
  const docs = fs.existsSync(path.join(ROOT, "docs"))
    ? fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...docs.sort()];
}

/** The text without fenced code blocks and inline code, where brackets are not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "code");
}

/** Inline links and images: [text](target "title"). */
export function linksOf(markdown: string): string[] {
  const out: string[] = [];
  for (const m of prose(markdown).matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]!);
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const m of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe("documentation links", () => {
  it("finds links, skips code, and makes GitHub's anchors (the checker itself)", () => {
    expect(linksOf("See [a](docs/a.md), ![b](img.png \"t\") and `[c](nope.md)`.\n```\n[d](nope.md)\n```\n")).toEqual(["docs/a.md", "img.png"]);
    expect([...anchorsOf("# Title\n## 6. Command line\n### Why `check` stays far from 1.5× `rg -l`\n## Title\n")]).toEqual([
      "title",
      "6-command-line",
      "why-check-stays-far-from-15-rg--l",
      "title-1",
    ]);
  });

  it("every relative link in README.md and docs/*.md points at a file that exists, and every #anchor at a heading", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages()) {
      const text = fs.readFileSync(path.join(ROOT, page), "utf8");
      for (const link of linksOf(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
        checked++;
        const [file, anchor] = link.split("#", 2) as [string, string | undefined];
        const target = file === "" ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), decodeURIComponent(file));
        if (!target.startsWith(ROOT + path.sep) && target !== ROOT) {
          broken.push(`${page}: ${link} (outside the repository)`);
          continue;
        }
        if (!fs.existsSync(target)) {
          broken.push(`${page}: ${link} (no such file)`);
          continue;
        }
        if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(fs.readFileSync(target, "utf8")).has(anchor)) {
          broken.push(`${page}: ${link} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it("the README opens with the two commands a newcomer runs, and names no file outside the repository", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const first = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const commands = first.split("\n").filter(Boolean).map((l) => l.replace(/\s+#.*$/, ""));
    expect(commands).toEqual(["npm ci && npx deepseek-migrate fixtures/sample-app", "npm ci && npm test"]);
    for (const page of pages()) expect(fs.readFileSync(path.join(ROOT, page), "utf8"), page).not.toMatch(/\bSPEC\b/);
  });
});
