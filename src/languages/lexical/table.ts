/**
 * The languages scanned lexically, as data: one row each (a LanguageSpec, spec.ts) with its string
 * and comment syntax, in files by family (rows/). Adding a language is a row there, its name in
 * LANGUAGES below, and its fixtures. Pure data, no parser: language.ts makes a file kind of each row,
 * and the lexer (lexer.ts) and the classifier (classify.ts) read the rows.
 */
import type { LanguageSpec } from "./spec.js";
import { q, SLASH_COMMENTS, SHELL_HASH } from "./delims.js";
import { GO, JAVA, KOTLIN, SCALA, GROOVY, CSHARP, C, PHP, RUST, SWIFT, DART, ZIG } from "./rows/braces.js";
import { RUBY, ELIXIR, LUA, PERL, R } from "./rows/scripts.js";
import { SHELL, FISH, POWERSHELL, BATCH, MAKEFILE } from "./rows/shells.js";
import { SQL, HCL, JSON5, PROPERTIES, INI } from "./rows/data.js";

export type { Delim, LanguageSpec } from "./spec.js";

/** Every row, in the order the docs list them. */
export const LANGUAGES: LanguageSpec[] = [
  ...[GO, JAVA, KOTLIN, SCALA, GROOVY, CSHARP, C, PHP, RUBY, RUST, SWIFT, DART, ELIXIR, ZIG],
  ...[SHELL, FISH, POWERSHELL, BATCH, MAKEFILE],
  ...[SQL, LUA, PERL, R, HCL, JSON5, PROPERTIES, INI],
];

/**
 * Languages used only inside other files: JavaScript expressions in Vue/Svelte/Astro templates, and
 * the text inside a string or heredoc (a JSON body in a curl command, an env file written by `cat`).
 * Unquoted `key=value` / `key: value` values count only in heredocs and in shell-like languages.
 */
export const EMBEDDED: Record<"javascript" | "embedded" | "quoted", LanguageSpec> = {
  javascript: {
    name: "javascript-expression",
    description: "JavaScript expression",
    extensions: [],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [q('"'), q("'"), { first: "`", open: "`", close: "`", escape: "\\" }],
  },
  embedded: {
    name: "embedded",
    description: "text inside a string or heredoc",
    extensions: [],
    mode: "code",
    comments: [SHELL_HASH],
    strings: [q('"'), q("'")],
    bareValues: true,
    flagArgs: true,
  },
  /** Inside an ordinary string of a programming language: only quoted values count (a JSON body). */
  quoted: {
    name: "embedded-quoted",
    description: "JSON or code inside a string",
    extensions: [],
    mode: "code",
    comments: [],
    strings: [q('"'), q("'")],
  },
};

export const LANGUAGES_BY_NAME: Map<string, LanguageSpec> = new Map(LANGUAGES.map((l) => [l.name, l]));
