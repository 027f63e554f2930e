/** Folders never entered (docs/contract.md §7): by the walk, and by ripgrep (src/walk/rg-process.ts). */
export const ALWAYS_SKIPPED_DIRS = new Set([".git", "node_modules", ".ipynb_checkpoints", ".history"]);
