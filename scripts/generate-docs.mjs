// Regenerates the generated sections of docs/positions.md and README.md from the built code (run `npm run build`
// first, or `npm run docs`). test/positions.test.ts fails when the page and the code differ.
import fs from "node:fs";

const { policyTableMarkdown, positionsTableMarkdown } = await import("../dist/rules/positions-doc.js");
const { POSITIONS } = await import("../dist/languages/registry.js");

function put(page, name, body) {
  const text = fs.readFileSync(page, "utf8");
  const re = new RegExp(`(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`${page} has no ${name} section`);
  fs.writeFileSync(page, text.replace(re, (_, a, b) => a + body + "\n" + b));
}

put("docs/positions.md", "policy", policyTableMarkdown());
put("README.md", "policy", policyTableMarkdown());
put("docs/positions.md", "positions", positionsTableMarkdown(POSITIONS.values()));
console.log("docs/positions.md and README.md regenerated");
