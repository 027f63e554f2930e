#!/usr/bin/env node
/**
 * Build step: copy the tree-sitter grammar .wasm files the adapters use from their (dev-only) npm
 * packages into grammars/, which is shipped in the npm package. The published package then depends
 * on no grammar package at all, so installing it runs no install script and never attempts a native
 * build (tree-sitter-python's install script runs node-gyp-build, which compiles from source on
 * platforms without a prebuilt binding and fails without a C toolchain).
 *
 * The list is data: add a grammar here when an adapter starts using one. A grammar whose package
 * is not installed is skipped with a note (the adapter then resolves it from the package, if any).
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "grammars");

/** [npm package, file inside it] */
export const GRAMMARS = [
  ["tree-sitter-python", "tree-sitter-python.wasm"],
  ["@tree-sitter-grammars/tree-sitter-toml", "tree-sitter-toml.wasm"],
  ["@tree-sitter-grammars/tree-sitter-yaml", "tree-sitter-yaml.wasm"],
];

const require = createRequire(path.join(ROOT, "package.json"));
fs.mkdirSync(OUT, { recursive: true });
let copied = 0;
for (const [pkg, file] of GRAMMARS) {
  let src;
  try {
    // Resolve the package folder through its package.json (never the package's main entry,
    // which loads a native binding).
    src = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  } catch {
    continue; // not installed: not used by any adapter yet
  }
  if (!fs.existsSync(src)) {
    console.error(`vendor-grammars: ${pkg} has no ${file}`);
    process.exitCode = 1;
    continue;
  }
  const dest = path.join(OUT, file);
  const body = fs.readFileSync(src);
  if (!fs.existsSync(dest) || !fs.readFileSync(dest).equals(body)) fs.writeFileSync(dest, body);
  copied++;
}
if (copied === 0) {
  console.error("vendor-grammars: no grammar package installed (run npm ci first)");
  process.exitCode = 1;
}
