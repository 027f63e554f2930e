import type { LanguageFolder } from "../kind.js";
import { POSITIONS } from "./positions.js";

/**
 * Documents and markup (docs/file-kinds.md): prose, and the code embedded in it (fenced blocks,
 * `<script>` blocks, notebook cells), which the kind of that code scans (embed.ts).
 */
export const markup: LanguageFolder = {
  name: "markup",
  positions: POSITIONS,
  kinds: [
    {
      name: "notebook",
      description: "Jupyter notebooks",
      extensions: [".ipynb"],
      // Code cells are Python: the notebook shares the Python parser's worker.
      parserGroup: "python",
      loadParser: async () => (await import("../python/parser.js")).loadPythonParser(),
      load: async () => (await import("./notebook.js")).adapter,
    },
    {
      name: "markdown",
      description: "Markdown",
      extensions: [".md", ".mdx", ".markdown", ".rmd", ".qmd"],
      load: async () => (await import("./markdown.js")).docsAdapter("markdown"),
    },
    {
      name: "rst",
      description: "reStructuredText",
      extensions: [".rst"],
      load: async () => (await import("./markdown.js")).docsAdapter("rst"),
    },
    {
      name: "asciidoc",
      description: "AsciiDoc",
      extensions: [".adoc", ".asciidoc"],
      load: async () => (await import("./markdown.js")).docsAdapter("asciidoc"),
    },
    {
      name: "text",
      description: "plain text",
      extensions: [".txt", ".text"],
      filenames: ["CHANGELOG", "CHANGES", "HISTORY", "NEWS", "README", "AUTHORS", "CONTRIBUTING"],
      load: async () => (await import("./markdown.js")).docsAdapter("text"),
    },
    {
      name: "html",
      description: "HTML and templates",
      extensions: [".html", ".htm", ".xhtml", ".erb", ".ejs", ".hbs", ".njk", ".jinja", ".j2", ".heex", ".eex"],
      fences: [{ names: ["html", "htm", "xhtml"], suffix: ".html" }],
      load: async () => (await import("./html.js")).markupAdapter("html"),
    },
    {
      name: "xml",
      description: "XML",
      extensions: [".xml", ".plist", ".csproj", ".props", ".targets", ".config", ".xaml", ".resx", ".xsd", ".wsdl"],
      fences: [{ names: ["xml"], suffix: ".xml" }],
      load: async () => (await import("./html.js")).markupAdapter("xml"),
    },
    {
      name: "vue",
      description: "Vue single-file components",
      extensions: [".vue"],
      fences: [{ names: ["vue"], suffix: ".vue" }],
      load: async () => (await import("./vue.js")).adapter,
    },
    {
      name: "svelte",
      description: "Svelte components",
      extensions: [".svelte"],
      fences: [{ names: ["svelte"], suffix: ".svelte" }],
      load: async () => (await import("./vue.js")).svelteAdapter,
    },
    {
      name: "astro",
      description: "Astro components",
      extensions: [".astro"],
      fences: [{ names: ["astro"], suffix: ".astro" }],
      load: async () => (await import("./vue.js")).astroAdapter,
    },
  ],
};
