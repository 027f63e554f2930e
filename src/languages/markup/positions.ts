import type { Position } from "../../core/types.js";

/**
 * The named positions of the markup folder's adapters (docs/positions.md): docs, notebooks, HTML,
 * XML and components. Code embedded in them (a `<script>` block, a notebook code cell, a template
 * expression) keeps the position its own adapter gives when its kind stays the same; the positions
 * here are the markup's own, and those of embedded code whose kind the markup changes.
 */
export const P = {
  prose: {
    id: "markup/prose",
    kind: "doc",
    label: "prose",
    summary: "Text of a document (Markdown, reStructuredText, AsciiDoc, plain text) outside any code block.",
    example: "We use `deepseek-chat` for summaries.",
  },
  codeExample: {
    id: "markup/code-example",
    kind: "doc",
    label: "code example",
    summary: "A match in a document's code block (a fence, a `code-block` directive, a `[source]` block); its advice says what it is in that language's code.",
    example: '```python\nclient.chat.completions.create(model="deepseek-chat")\n```',
    reason: "Docs are reviewed by a person: the block's own position only shapes the advice, and no thinking flags are written into docs.",
  },
  recordedCapture: {
    id: "markup/recorded-capture",
    kind: "response",
    label: "recorded capture",
    summary: "A plain-text file's line or block that is a serialized response or stream chunk (a stream log, a golden transcript).",
    example: 'data: {"object": "chat.completion.chunk", "model": "deepseek-chat"}',
  },
  notebookOutput: {
    id: "markup/notebook-output",
    kind: "output",
    label: "cell output",
    summary: "A notebook cell's outputs: written by running the cell.",
    example: '"outputs": [{"text": ["model: deepseek-chat"]}]',
  },
  markdownCell: {
    id: "markup/markdown-cell",
    kind: "doc",
    label: "Markdown cell",
    summary: "A notebook Markdown cell.",
    example: '{"cell_type": "markdown", "source": ["Uses deepseek-chat."]}',
  },
  notebookMetadata: {
    id: "markup/notebook-metadata",
    kind: "other",
    label: "notebook metadata",
    summary: "A notebook's text outside every cell's source and outputs (metadata, attachments).",
    example: '"metadata": {"model": "deepseek-chat"}',
  },
  codeCellNotPython: {
    id: "markup/code-cell-not-python",
    kind: "other",
    label: "code cell (not Python)",
    summary: "A code cell that is not read as Python: another kernel's language, a non-Python cell magic (`%%bash`), or text that does not map to the cell's code.",
    example: '{"cell_type": "code", "source": ["%%bash\\n", "run --model deepseek-chat"]}',
  },
  otherCell: {
    id: "markup/other-cell",
    kind: "other",
    label: "raw cell",
    summary: "A cell that is neither code nor Markdown (a raw cell).",
    example: '{"cell_type": "raw", "source": ["deepseek-chat"]}',
  },
  unparsedCodeCell: {
    id: "markup/unparsed-code-cell",
    kind: "other",
    label: "code cell that did not parse",
    summary: "A Python code cell that does not parse on its own (while the notebook's code as a whole does not parse either): matched lexically.",
    example: '{"cell_type": "code", "source": ["model = (\\"deepseek-chat\\""]}',
  },
  comment: {
    id: "markup/comment",
    kind: "comment",
    label: "comment",
    summary: "An HTML or XML comment `<!-- … -->`.",
    example: "<!-- was deepseek-chat -->",
  },
  attribute: {
    id: "markup/attribute",
    kind: "other",
    label: "attribute",
    summary: "An attribute value of an HTML element or component, or an XML attribute that names no model.",
    example: '<option value="deepseek-chat">',
  },
  xmlAttributeModel: {
    id: "markup/xml-attribute-model",
    kind: "model",
    label: "XML attribute",
    summary: "An XML attribute value that is exactly the ID, whose name names a model, or a `value` beside a `key`/`name` that names one.",
    example: '<add key="ChatModel" value="deepseek-chat"/>',
  },
  text: {
    id: "markup/text",
    kind: "other",
    label: "text",
    summary: "Text between tags (HTML, component templates), or XML text under no model-named element.",
    example: "<p>Powered by deepseek-chat</p>",
  },
  xmlElementModel: {
    id: "markup/xml-element-model",
    kind: "model",
    label: "XML element",
    summary: "XML element text that is exactly the ID under an element (or a name/key/id attribute) that names a model.",
    example: "<model>deepseek-chat</model>",
  },
  tag: {
    id: "markup/tag",
    kind: "other",
    label: "markup",
    summary: "Inside a tag or declaration but not in an attribute value (a tag name, `<!DOCTYPE …>`, `<?xml …?>`).",
    example: "<deepseek-chat-widget>",
  },
  scriptLexical: {
    id: "markup/script-lexical",
    kind: "other",
    label: "<script> (lexical)",
    summary: "A model or list position in a `<script>` block that was matched lexically (it did not parse, or its language has no adapter): never safe.",
    example: '<script type="text/x-template">const model = "deepseek-chat"</script>',
  },
} as const satisfies Record<string, Position>;

/** The named positions of the markup folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = Object.values(P);

/** A site at a named position: its kind comes from the catalog entry. */
export { siteAt as at } from "../shared/positions.js";

