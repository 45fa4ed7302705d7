// Which cards the board shows under the person's filters: "Mine kort", a label, a side, an owner. Pure, so the rules
// are tested without a browser; the filters live in the view (they are the person's, not the board's) and never
// change the board or what others see.

import type { Board, Card, Member, Side } from "../protocol";

export interface BoardFilter {
  /** Only cards the person is responsible for. */
  mine: boolean;
  label: string | null;
  /** Cards with a responsible person from this side. */
  side: Side | null;
  owner: string | null;
}

export const NO_FILTER: BoardFilter = { mine: false, label: null, side: null, owner: null };

export function isFiltering(filter: BoardFilter): boolean {
  return filter.mine || filter.label !== null || filter.side !== null || filter.owner !== null;
}

export function cardMatches(card: Card, filter: BoardFilter, members: ReadonlyMap<string, Member>, me: string): boolean {
  if (filter.mine && !card.ownerIds.includes(me)) return false;
  if (filter.owner !== null && !card.ownerIds.includes(filter.owner)) return false;
  if (filter.label !== null && !card.labels.some((l) => l.localeCompare(filter.label!, undefined, { sensitivity: "accent" }) === 0)) return false;
  if (filter.side !== null && !card.ownerIds.some((id) => members.get(id)?.side === filter.side)) return false;
  return true;
}

/** Every label on the board's cards that are not archived, once each (first spelling wins), sorted. */
export function labelsOf(board: Board): string[] {
  const seen = new Map<string, string>();
  for (const card of Object.values(board.cards)) {
    if (card.archived) continue;
    for (const label of card.labels) {
      const key = label.toLocaleLowerCase();
      if (!seen.has(key)) seen.set(key, label);
    }
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
