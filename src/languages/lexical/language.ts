import type { FileKind, LanguageFolder } from "../kind.js";
import { POSITIONS } from "./positions.js";
import { LANGUAGES } from "./table.js";

const load = (name: string) => async () => (await import("./adapter.js")).lexicalAdapter(name);

/**
 * The languages read lexically (strings and comments, then the code around each string): one row
 * each in table.ts, plus "log" (a record of a run: every match left as is) and "lexical", the adapter
 * of every file no other kind owns (docs/file-kinds.md).
 */
export const lexical: LanguageFolder = {
  name: "lexical",
  positions: POSITIONS,
  kinds: [
    ...LANGUAGES.map(
      (l): FileKind => ({
        name: l.name,
        description: l.description,
        extensions: l.extensions,
        filenames: l.filenames,
        fences: l.fenceNames ? [{ names: l.fenceNames, suffix: l.extensions[0] ?? `/${l.filenames?.[0] ?? "file"}` }] : undefined,
        load: load(l.name),
      }),
    ),
    {
      name: "log",
      description: "log files: a record of a run, never edited",
      extensions: [".log"],
      load: async () => (await import("./adapter.js")).logAdapter,
    },
    {
      name: "lexical",
      description: "any other text file",
      load: async () => (await import("./adapter.js")).adapter,
    },
  ],
};
