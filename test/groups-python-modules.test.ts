/**
 * Python rename groups through a module (docs/groups.md): a value handed to code that looks it up
 * in a table keyed by the same ID, where the module between names no ID (it is read from disk), and
 * `from pkg.mod import *`, which imports the module as much as a named import does. Seen in
 * haonanwang628/MultiPerspectiveDiscussionDataAnnotation: a Streamlit page's
 * `models_name = {"Role1": "deepseek-chat", …}` reaches `llm_MaxToken[model_name]` in a menu
 * module keyed by "deepseek-chat", through `utils/Function.py`'s `from config.model_menu import *`;
 * renamed alone, the lookup raised KeyError.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const MENU = `MAX_TOKENS = {\n    "deepseek-chat": 8000,\n    "deepseek-reasoner": 8000,\n}\n`;
const HELPERS = `from config.menu import *\n\n\ndef budget(model_name):\n    return MAX_TOKENS[model_name]\n`;

const fixes = async (files: Record<string, string>, file: string) => (await findingsOf(files, file)).map((f) => `${f.line}:${f.fix}`);

describe.concurrent("Python values tied to a table through a module", () => {
  it("a dict's model values, through a module that star-imports the table: not safe", async () => {
    const page = `from utils.helpers import budget\n\nmodels_name = {\n    "Role1": "deepseek-chat",\n    "Facilitator": "deepseek-chat",\n}\n`;
    const files = { "config/__init__.py": "", "config/menu.py": MENU, "utils/__init__.py": "", "utils/helpers.py": HELPERS, "pages/debate.py": page };
    expect(await fixes(files, "pages/debate.py")).toEqual(["4:none", "5:none"]);
  });

  it("a model constant, through a module that imports the table by name", async () => {
    const helpers = `from config.menu import MAX_TOKENS\n\n\ndef budget(model_name):\n    return MAX_TOKENS[model_name]\n`;
    const app = `from utils.helpers import budget\n\nDEFAULT_MODEL = "deepseek-chat"\nprint(budget(DEFAULT_MODEL))\n`;
    const files = { "config/menu.py": MENU, "utils/helpers.py": helpers, "app.py": app };
    expect(await fixes(files, "app.py")).toEqual(["3:none"]);
  });

  it("a star import of the table's module ties like a named import", async () => {
    const app = `from config.menu import *\n\nDEFAULT_MODEL = "deepseek-chat"\nprint(MAX_TOKENS[DEFAULT_MODEL])\n`;
    expect(await fixes({ "config/menu.py": MENU, "app.py": app }, "app.py")).toEqual(["3:none"]);
  });

  it("control: a request's model and a request body keep their fixes; so does a module that reaches no table", async () => {
    const req = [
      `from openai import OpenAI`,
      `from utils.helpers import budget`,
      `client = OpenAI(base_url="https://api.deepseek.com")`,
      `client.chat.completions.create(model="deepseek-chat", messages=[])`,
      `body = {"model": "deepseek-chat", "messages": []}`,
      ``,
    ].join("\n");
    const files = { "config/menu.py": MENU, "utils/helpers.py": HELPERS, "app.py": req };
    expect(await fixes(files, "app.py")).toEqual(["4:safe", "5:safe"]);
    const page = `from utils.other import log\n\nmodels_name = {"Role1": "deepseek-chat"}\n`;
    const other = { "config/menu.py": MENU, "utils/other.py": `import json\n\n\ndef log(x):\n    print(json.dumps(x))\n`, "page.py": page };
    expect(await fixes(other, "page.py")).toEqual(["3:safe"]);
  });
});
