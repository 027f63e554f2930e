// The floor of the dry-run row (bench/run.mjs): a fresh Node process that loads the TypeScript
// compiler as the tool does (dist/, with its code cache), reads every .ts file under the folder and
// parses it (the whole text, without parent links: the compiler's cheapest full parse), and does
// nothing else: no prefilter, no matching, no classification, no diff, no report.
// Usage: node bench/parse-floor.mjs DIR
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { loadTs } = await import(path.join(ROOT, "dist", "languages", "typescript", "util.js"));
const ts = await loadTs();
const files = [];
const walk = (dir) => {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name !== "node_modules" && d.name !== ".git") walk(p);
    } else if (d.isFile() && d.name.endsWith(".ts")) files.push(p);
  }
};
walk(path.resolve(process.argv[2] ?? "."));
let nodes = 0;
for (const f of files) {
  const sf = ts.createSourceFile(f, fs.readFileSync(f, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  nodes += sf.statements.length;
}
console.log(`${files.length} files, ${nodes} statements`);
