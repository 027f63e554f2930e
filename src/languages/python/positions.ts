import type { Position } from "../../core/types.js";

/** The named positions of the python folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = [];
