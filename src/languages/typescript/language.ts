import type { LanguageFolder } from "../kind.js";
import { POSITIONS } from "./positions.js";

/** TypeScript and JavaScript: parsed with ts-morph (docs/file-kinds.md). */
export const typescript: LanguageFolder = {
  name: "typescript",
  positions: POSITIONS,
  kinds: [
    {
      name: "typescript",
      description: "TypeScript and JavaScript",
      extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"],
      fences: [
        { names: ["js", "javascript", "node", "mjs", "cjs"], suffix: ".js" },
        { names: ["jsx"], suffix: ".jsx" },
        { names: ["ts", "typescript", "mts", "cts"], suffix: ".ts" },
        { names: ["tsx"], suffix: ".tsx" },
      ],
      parserGroup: "typescript",
      loadParser: async () => (await import("./util.js")).loadTs(),
      load: async () => (await import("./adapter.js")).adapter,
      lint: async () => (await import("./lints.js")).lintTypeScript,
    },
  ],
};
