import type { Position } from "../../core/types.js";

/** The named positions of the config folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = [];
