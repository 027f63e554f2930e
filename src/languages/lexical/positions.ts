import type { Position } from "../../core/types.js";

/** The named positions of the lexical folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = [];
