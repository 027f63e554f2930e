import type { Parser, Tree } from "web-tree-sitter";
import { grammarPath } from "../../core/grammars.js";

/**
 * The Python parser: web-tree-sitter with the tree-sitter-python grammar (wasm, ABI 15). Loaded
 * lazily, once per process (or worker), on the first Python file or notebook that passed the
 * prefilter. The grammar's wasm is the copy the package ships in grammars/ (or, in an unbuilt
 * checkout, the file in the tree-sitter-python package folder; its main entry, a native binding,
 * is never imported): see src/core/grammars.ts.
 */
let parserPromise: Promise<Parser> | undefined;

export function pythonGrammarPath(): string {
  return grammarPath("tree-sitter-python.wasm");
}

export function loadPythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const { Parser, Language } = await import("web-tree-sitter");
    await Parser.init();
    const language = await Language.load(pythonGrammarPath());
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  // A failed load is not cached: the next file tries again (and reports its own error).
  parserPromise.catch(() => {
    parserPromise = undefined;
  });
  return parserPromise;
}

/**
 * Parse Python source. Node positions (startIndex/endIndex) are UTF-16 indices into `code`, the
 * same unit as every other offset in the engine. The caller must `delete()` the tree.
 */
export async function parsePython(code: string): Promise<Tree> {
  const parser = await loadPythonParser();
  const tree = parser.parse(code);
  if (!tree) throw new Error("the Python parser returned no tree");
  return tree;
}
