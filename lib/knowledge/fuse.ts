// Reciprocal rank fusion: each list votes 1 / (k + rank) for its items, so an item ranked well by
// both the full-text and the vector search beats one ranked first by only one of them. Scores of
// the two searches are not comparable; ranks are. k = 60 (Cormack et al.) damps the top ranks' lead.

export const RRF_K = 60;

/** Items of every list, fused best first, each with its fused score (ties keep first-seen order). */
export function reciprocalRankFusion<T extends { id: string }>(lists: T[][], k = RRF_K): { item: T; score: number }[] {
  const fused = new Map<string, { item: T; score: number }>();
  for (const list of lists) {
    list.forEach((item, rank) => {
      const entry = fused.get(item.id) ?? { item, score: 0 };
      entry.score += 1 / (k + rank + 1);
      fused.set(item.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
