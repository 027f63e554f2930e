import type { LanguageFolder } from "../kind.js";
import { POSITIONS } from "./positions.js";

/** Python: parsed with tree-sitter (docs/file-kinds.md). Notebooks use this adapter for code cells (markup/). */
export const python: LanguageFolder = {
  name: "python",
  positions: POSITIONS,
  kinds: [
    {
      name: "python",
      description: "Python",
      extensions: [".py", ".pyi"],
      fences: [{ names: ["python", "py", "python3", "py3", "ipython", "sage"], suffix: ".py" }],
      parserGroup: "python",
      loadParser: async () => (await import("./parser.js")).loadPythonParser(),
      load: async () => (await import("./adapter.js")).adapter,
      lint: async () => (await import("./lints.js")).lintPython,
    },
  ],
};
