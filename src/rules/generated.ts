/**
 * Generated and built files (docs/contract.md, "Generated files"). A rename inside a file that a
 * build or a generator writes is lost at the next build, and a built bundle of a front end holds a
 * copy of a value whose source is elsewhere: renaming the copy alone makes the two disagree. Such
 * files are reported like any other, but their fixes are never safe.
 *
 * Kept as data: folder names, file-name patterns and the markers generators write in a header.
 */

/** Folders that hold build output. */
export const BUILD_FOLDERS: readonly string[] = [
  "dist",
  "build",
  ".next",
  ".nuxt",
  ".output",
  ".svelte-kit",
  "__generated__",
];

/** File names that a generator or a bundler writes. */
export const GENERATED_NAMES: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /\.min\.(?:m|c)?js$/i, why: "a minified bundle" },
  { pattern: /\.bundle\.(?:m|c)?js$/i, why: "a bundle" },
  { pattern: /[._-]generated\.[a-z]+$/i, why: "a generated file" },
  { pattern: /_pb2(?:_grpc)?\.pyi?$/, why: "generated protocol buffers" },
  { pattern: /\.pb(?:\.gw)?\.go$/, why: "generated protocol buffers" },
];

/**
 * Bundlers name assets with a content hash (index-DvF3kB7a.js, main.3f2a1c9e.js, chunk-5GHK2LQM.mjs);
 * counted only inside an asset folder, where a hand-written name like that is rare.
 */
const HASHED_ASSET = /^[\w.-]+[.-](?:[0-9a-f]{8,20}|(?=[A-Za-z0-9_-]{0,7}\d)(?=[A-Za-z0-9_-]{0,7}[A-Z])[A-Za-z0-9_-]{8})\.(?:m|c)?js$/;
const ASSET_FOLDERS = new Set(["assets", "static", "chunks", "_next", "public"]);

/** Markers generators write near the top of a file. */
const HEADER_MARKERS = /@generated\b|\bCode generated\b.*\bDO NOT EDIT\b|\bDO NOT EDIT\b|\bauto-?generated\b|\bautomatically generated\b|\bThis file (?:is|was) generated\b/i;
const HEADER_CHARS = 1200;

/** A JS/CSS file whose lines average this many characters is minified. */
const MINIFIED_AVERAGE_LINE = 400;
const MINIFIABLE = /\.(?:m|c)?js$|\.css$/i;

/** Why the file is generated or built output, or undefined when it is not. */
export function generatedFile(rel: string, text: string): string | undefined {
  const segments = rel.split("/");
  for (let i = 0; i < segments.length - 1; i++)
    if (BUILD_FOLDERS.includes(segments[i]!)) return `build output (under ${segments.slice(0, i + 1).join("/")}/)`;
  const name = segments[segments.length - 1]!;
  for (const g of GENERATED_NAMES) if (g.pattern.test(name)) return g.why;
  if (HASHED_ASSET.test(name) && segments.some((s) => ASSET_FOLDERS.has(s))) return "a bundler's hashed asset";
  if (HEADER_MARKERS.test(text.slice(0, HEADER_CHARS))) return "marked as generated in its header";
  if (MINIFIABLE.test(name) && text.length > 4 * MINIFIED_AVERAGE_LINE) {
    let lines = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    if (text.length / lines > MINIFIED_AVERAGE_LINE) return "a minified bundle";
  }
  return undefined;
}
