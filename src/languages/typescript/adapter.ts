import type { ts } from "ts-morph";
import type { Adapter, AdapterInput, AdapterOutput } from "../../core/types.js";
import { FileAnalysis } from "./analysis.js";
import { MAX_PARSE_CHARS } from "./data.js";
import { walkHooks } from "./hooks.js";
import { parseSkeleton, scriptKind, skeletonFits, type ParsedText } from "./parse.js";
import { T, loadTs } from "./util.js";

export { walkHooks } from "./hooks.js";

/**
 * The TypeScript/JavaScript adapter. The compiler that ts-morph bundles is loaded on first use
 * (never at startup); each file is parsed once with the raw compiler API (no ts-morph Project, no
 * wrapped nodes, no parent links) and analysed by typescript/analysis.ts, whose classifier
 * (typescript/classify/) names the position of each match (typescript/positions.ts). Input too
 * deep for the parser's own recursion, and files over MAX_PARSE_CHARS, come back as a parse error:
 * the engine then reports their matches lexically.
 */

export const adapter: Adapter = {
  name: "typescript",
  description: "TypeScript / JavaScript (.ts .tsx .mts .cts .js .jsx .mjs .cjs)",
  async scan(input: AdapterInput): Promise<AdapterOutput> {
    if (input.text.length > MAX_PARSE_CHARS)
      return { sites: [], parseError: `larger than ${MAX_PARSE_CHARS} characters, not parsed` };
    await loadTs();
    try {
      const kind = scriptKind(input.path);
      // No parent links from the parser (setParentNodes costs a quarter of the parse): the one walk
      // of FileAnalysis sets them as it goes, before anything reads a parent.
      // The skeleton first (.ts files; not for the reference full walk of the tests), else the whole text.
      const skeleton = skeletonFits(kind, input.text) && !walkHooks.full ? parseSkeleton(input, kind) : undefined;
      const sf = skeleton?.sf ?? T.createSourceFile(input.path, input.text, T.ScriptTarget.Latest, false, kind);
      const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
      if (diags.length > 0) {
        const d = diags[0]!;
        const pos = sf.getLineAndCharacterOfPosition(d.start);
        return { sites: [], parseError: `line ${pos.line + 1}: ${T.flattenDiagnosticMessageText(d.messageText, " ")}` };
      }
      const sites = new FileAnalysis(sf, input, kind).run();
      // A linted file's tree goes on to the request lints (typescript/lints.ts): one parse for both.
      if (!input.linted) return { sites };
      const tree: ParsedText = skeleton ? { sf, blanked: skeleton.bodies, ...(skeleton.lintOffsets ? { lintOffsets: skeleton.lintOffsets } : {}) } : { sf };
      return { sites, tree };
    } catch (e) {
      // The compiler's parser recurses: input nested several hundred levels deep overflows the stack.
      if (e instanceof RangeError && /call stack/i.test(e.message)) return { sites: [], parseError: "too deeply nested to parse" };
      return { sites: [], parseError: e instanceof Error ? e.message : String(e) };
    }
  },
};
