import type { Position, Site } from "../../core/types.js";

/** A site at a named position (docs/positions.md): its kind comes from the catalog entry. */
export function siteAt(position: Position, idStart: number, extras: Partial<Omit<Site, "idStart" | "kind" | "position">> = {}): Site {
  return { idStart, kind: position.kind, position: position.id, ...extras };
}
