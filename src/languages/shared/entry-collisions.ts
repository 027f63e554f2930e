import type { Match, PositionKind, Ruleset, Site } from "../../core/types.js";

/** The list a model value is an entry of (through the objects around it), and that list's text. */
export interface EntryList {
  key: unknown;
  text: string;
}

const MODEL_ONLY: ReadonlySet<PositionKind> = new Set(["model"]);

/**
 * Entries of one list that a rename would make name the same model (docs/contract.md §4,
 * collections): `[{id: "deepseek-chat"}, {id: "deepseek-reasoner"}]` would hold deepseek-v4-flash
 * twice, and `[{id: "deepseek-chat"}, {id: "deepseek-v4-flash"}]` once more. Such values become
 * members of that list (a collection with a duplicate after the rename: never safe). A request's own
 * model (a site with flags) is left alone: every request of a batch may well use one model.
 * `position`: the named position (of the caller's folder) such a value gets. `kinds`: the kinds of
 * site looked at (model values by default; a caller's collection members for a dict of lists).
 */
export function markEntryCollisions(
  sites: Site[],
  matches: Match[],
  ruleset: Ruleset,
  listOf: (site: Site) => EntryList | undefined,
  position: string,
  kinds: ReadonlySet<PositionKind> = MODEL_ONLY,
): void {
  const byList = new Map<unknown, { text: string; idx: number[] }>();
  sites.forEach((site, i) => {
    if (!kinds.has(site.kind) || site.flags) return;
    const list = listOf(site);
    if (!list) return;
    const entry = byList.get(list.key) ?? { text: list.text, idx: [] };
    entry.idx.push(i);
    byList.set(list.key, entry);
  });
  if (byList.size === 0) return;
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  for (const { text, idx } of byList.values()) {
    const named = idx.map((i) => byStart.get(sites[i]!.idStart)).filter((m): m is Match => !!m && ruleset.byId.has(m.legacyId));
    const targetOf = (m: Match) => m.prefix + ruleset.byId.get(m.legacyId)!.target;
    const sources = new Map<string, Set<string>>();
    for (const m of named) sources.set(targetOf(m), (sources.get(targetOf(m)) ?? new Set()).add(m.legacyId));
    const members = named.map((m) => m.prefix + m.legacyId);
    for (const i of idx) {
      const m = byStart.get(sites[i]!.idStart);
      if (!m || !ruleset.byId.has(m.legacyId)) continue;
      const target = targetOf(m);
      const present = ['"', "'", "`"].some((q) => text.includes(q + target + q));
      if (sources.get(target)!.size < 2 && !present) continue;
      sites[i] = { ...sites[i]!, kind: "collection", modelNamed: true, members: present ? [...members, target] : members, position };
    }
  }
}
