import type { Adapter } from "../types.js";
import { adapter as lexical } from "./lexical.js";

export const adapter: Adapter = { ...lexical, name: "typescript", description: "TypeScript / JavaScript" };
