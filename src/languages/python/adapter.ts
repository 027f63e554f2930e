import type { Adapter, AdapterInput, AdapterOutput } from "../../core/types.js";
import { analyzePython } from "./analyze.js";
import { parsePython } from "./parser.js";
import { lineStyleFor } from "../shared/line-width.js";
import { olderPythonOpenAi } from "./sdk-version.js";

/**
 * Python (.py, .pyi): tree-sitter positions (docs/contract.md §4) and thinking flags for the
 * requests it can see (docs/contract.md §5). A file with syntax errors is reported lexically (never
 * safe).
 */
export const adapter: Adapter = {
  name: "python",
  description: "Python (.py, .pyi): model positions, comparisons, collections, thinking flags for OpenAI SDK, LangChain and raw bodies",
  async scan(input: AdapterInput): Promise<AdapterOutput> {
    const tree = await parsePython(input.text);
    try {
      const layout = input.absPath !== undefined ? { ...lineStyleFor(input.absPath, "python"), ...(olderPythonOpenAi(input.absPath) ? { olderOpenAi: true } : {}) } : {};
      return analyzePython(input.text, tree, input.matches, input.ruleset, layout);
    } finally {
      tree.delete();
    }
  },
};
