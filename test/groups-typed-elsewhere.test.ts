/**
 * A model value whose declared type comes from another module (docs/groups.md): the file cannot
 * follow the type, which may be a literal union there (`model: 'deepseek-chat' | 'deepseek-reasoner'`
 * in an interface, reached through an alias module the scan never sees). Renaming the value alone
 * breaks the type-check (`Type '"deepseek-v4-flash"' is not assignable`), so it is judged with the
 * union members of the same ID in the run. The shape of a NestJS service seen in the wild: a
 * controller builds a `Partial<IAConfig>`, `IAConfig` is `Partial<DeepSeekAPI_query>` in a types
 * module without any ID, imported through a bare tsconfig path.
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const QUERY_TYPES =
  "export interface DeepSeekAPI_query {\n  system_role: string;\n  model: 'deepseek-chat' | 'deepseek-reasoner';\n  max_tokens: number;\n}\n";
const ALIASES = "import { DeepSeekAPI_query } from '../providers/DeepSeekAPI.types';\n\nexport type IAConfig = Partial<DeepSeekAPI_query>;\n";
const CONTROLLER = (type: string, imports = "import { IAConfig } from 'ia_service/factory/ia_service.types';\n") =>
  `${imports}\nexport function cleanUp(role: string) {\n  const config: ${type} = {\n    system_role: role,\n    model: "deepseek-chat",\n    max_tokens: 4000,\n  };\n  return config;\n}\n`;

function files(controller: string, types = QUERY_TYPES) {
  return {
    "src/ia_service/providers/DeepSeekAPI.types.ts": types,
    "src/ia_service/factory/ia_service.types.ts": ALIASES,
    "src/ia_service/ia_service.controller.ts": controller,
  };
}

describe.concurrent("a value typed by an imported type, and the run's literal type members", () => {
  it("is judged with the union member of its ID: not safe while the union keeps the old ID", async () => {
    const [f] = await findingsOf(files(CONTROLLER("Partial<IAConfig>")), "src/ia_service/ia_service.controller.ts");
    expect(f!.fix).not.toBe("safe");
    expect(f!.group?.related.map((r) => `${r.file}:${r.line}`)).toContain("src/ia_service/providers/DeepSeekAPI.types.ts:3");
  });

  it("also nested in an object typed by the import (the first declared type outwards)", async () => {
    const nested = "import type { Settings } from './settings';\n\nexport const SETTINGS: Settings = {\n  llm: { model: \"deepseek-chat\", max_tokens: 4000 },\n};\n";
    const [f] = await findingsOf({ ...files(nested), "src/ia_service/ia_service.controller.ts": nested }, "src/ia_service/ia_service.controller.ts");
    expect(f!.fix).not.toBe("safe");
  });

  it("control: a type the file declares itself is followed as before (an open `string` stays safe)", async () => {
    const own = "interface Local { model: string; max_tokens: number }\n";
    const [f] = await findingsOf(files(CONTROLLER("Local", own)), "src/ia_service/ia_service.controller.ts");
    expect(f!.fix).toBe("safe");
  });

  it("control: no literal type member of the ID in the run leaves the value safe", async () => {
    const open = "export interface DeepSeekAPI_query {\n  system_role: string;\n  model: string;\n  max_tokens: number;\n}\n";
    const [f] = await findingsOf(files(CONTROLLER("Partial<IAConfig>"), open), "src/ia_service/ia_service.controller.ts");
    expect(f!.fix).toBe("safe");
  });
});
