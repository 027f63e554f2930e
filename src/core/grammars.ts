/**
 * Where the tree-sitter grammar .wasm files are. The build copies them into `grammars/` at the
 * package root (scripts/vendor-grammars.mjs), and the npm package ships that folder, so an installed
 * deepseek-migrate needs no grammar package (and runs no native install script). In a checkout
 * that has not been built, the file is resolved from the grammar's own npm package instead (a dev
 * dependency), through its package.json, never through its main entry (a native binding).
 *
 *   const wasm = grammarPath("tree-sitter-python.wasm");   // → absolute path
 *
 * Nothing heavy is imported here: adapters call this lazily, when they first need the grammar.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** grammar file → the npm package that provides it (dev dependency; used when not vendored). */
export const GRAMMAR_PACKAGES: Record<string, string> = {
  "tree-sitter-python.wasm": "tree-sitter-python",
  "tree-sitter-toml.wasm": "@tree-sitter-grammars/tree-sitter-toml",
  "tree-sitter-yaml.wasm": "@tree-sitter-grammars/tree-sitter-yaml",
};

/** The package root: this module is dist/core/grammars.js (or src/core/grammars.ts under the test runner). */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The absolute path of a grammar .wasm file; throws an Error naming what is missing. */
export function grammarPath(file: string): string {
  const vendored = path.join(PACKAGE_ROOT, "grammars", file);
  if (fs.existsSync(vendored)) return vendored;
  const pkg = GRAMMAR_PACKAGES[file];
  if (pkg) {
    try {
      const dir = path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
      const p = path.join(dir, file);
      if (fs.existsSync(p)) return p;
    } catch {
      /* fall through to the error */
    }
  }
  throw new Error(`grammar ${file} not found (looked in ${path.join("grammars", file)}${pkg ? ` and the ${pkg} package` : ""})`);
}
