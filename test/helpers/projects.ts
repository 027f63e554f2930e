/** Small projects shared by the CI, report and baseline tests. */

/** A small project with one finding of each class, a suppressed one and a doc mention. */
export const MIXED = {
  "src/client.ts": [
    'import OpenAI from "openai";',
    "const client = new OpenAI();",
    'export const cfg = { model: "deepseek-chat", temperature: 0 };',
    'export function pick(m: string) { return m === "deepseek-reasoner" ? 1 : 0; }',
    '// deepseek-migrate-ignore',
    'export const legacy = "deepseek-chat";',
    "",
  ].join("\n"),
  "docs/usage.md": "Call the API with deepseek-chat.\n",
  "clean.py": "print('nothing here')\n",
};
