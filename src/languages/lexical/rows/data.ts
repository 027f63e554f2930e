/**
 * Query, configuration and key=value languages: SQL, HCL, JSON5, .properties, INI.
 * Rows of the lexical table (table.ts).
 */
import type { LanguageSpec } from "../spec.js";
import { q, lineComment, blockComment, SLASH_COMMENTS, HASH_COMMENT } from "../delims.js";

export const SQL: LanguageSpec = {
  name: "sql",
  description: "SQL",
  extensions: [".sql", ".psql", ".pgsql", ".mysql"],
  fenceNames: ["sql", "postgresql", "postgres", "psql", "mysql", "sqlite", "plpgsql"],
  mode: "code",
  comments: [lineComment("--"), blockComment("/*", "*/")],
  strings: [
    // Dollar quoting: $$…$$, $tag$…$tag$.
    { first: "$", open: /\$([A-Za-z_]\w*)?\$/, close: (g) => `$${g[1] ?? ""}$` },
    { first: "'eEnN", open: /[eEnN]?'/, close: "'", doubled: true },
    { first: '"', open: '"', close: '"', doubled: true },
    { first: "`", open: "`", close: "`" },
  ],
  sql: true,
};

export const HCL: LanguageSpec = {
  name: "hcl",
  description: "Terraform / HCL",
  extensions: [".tf", ".tfvars", ".hcl", ".nomad"],
  fenceNames: ["hcl", "terraform", "tf"],
  mode: "code",
  comments: [HASH_COMMENT, ...SLASH_COMMENTS],
  strings: [{ first: "<", open: /<<-?([A-Za-z_][A-Za-z0-9_]*)/, close: (g) => g[1]!, heredoc: true }, q('"')],
  blockLabels: true,
};

export const JSON5: LanguageSpec = {
  // JSON5 (unquoted keys, single quotes, comments): jsonc-parser rejects it, so it is read with
  // JavaScript's string and comment syntax; `model: '…'` is a model-named key's value.
  name: "json5",
  description: "JSON5",
  extensions: [".json5"],
  fenceNames: ["json5"],
  mode: "code",
  comments: SLASH_COMMENTS,
  strings: [q('"'), q("'")],
};

export const PROPERTIES: LanguageSpec = {
  name: "properties",
  description: "Java .properties (Spring application.properties)",
  extensions: [".properties"],
  fenceNames: ["properties", "props"],
  mode: "kv",
  comments: [],
  strings: [],
  kvComments: ["#", "!"],
  kvBlankSeparator: true,
};

export const INI: LanguageSpec = {
  name: "ini",
  description: "INI / .cfg / .conf",
  extensions: [".ini", ".cfg", ".conf", ".cnf"],
  filenames: [".npmrc", ".pypirc", ".gitconfig", ".editorconfig"],
  fenceNames: ["ini", "cfg", "conf"],
  mode: "kv",
  comments: [],
  strings: [],
  kvComments: [";", "#"],
  kvSections: true,
};
