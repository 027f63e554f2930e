import type { Adapter, AdapterInput, AdapterOutput, Site } from "../types.js";

/**
 * The fallback for file kinds without an adapter, and for files that do not parse: every match is
 * reported, none is safe. Kinds with their own adapters refine this.
 */
export const adapter: Adapter = {
  name: "lexical",
  description: "any other text file: every match reported, reviewed by hand",
  scan(input: AdapterInput): AdapterOutput {
    const sites: Site[] = input.matches.map((m) => ({ idStart: m.idStart, kind: "other" }));
    return { sites };
  },
};
